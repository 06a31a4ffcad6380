import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { parse } from 'cookie';
import { APP_CONFIG, developmentSecretFromFile, type AppConfig } from '@la-tracker/platform/config';
import type { WebRequest } from '../http/web-request';
import { SESSION_COOKIE, SessionSealer, type WebSession } from './web-session';

/** The session sealer, keyed by WEB_SESSION_SECRET or, outside production, a file under DATA_DIR. */
export function sessionSealerFor(config: AppConfig): SessionSealer {
  const secret =
    config.web.sessionSecret ??
    (config.web.developmentSessionSecretFile
      ? developmentSecretFromFile(config.web.developmentSessionSecretFile)
      : undefined);
  if (!secret) throw new Error('WEB_SESSION_SECRET is needed to seal the sign-in cookie');
  return new SessionSealer(secret);
}

/** Opens the sign-in cookie, if any, onto the request. */
@Injectable()
export class SessionMiddleware implements NestMiddleware {
  constructor(@Inject(SessionSealer) private readonly sealer: SessionSealer) {}

  async use(req: WebRequest, _res: Response, next: NextFunction): Promise<void> {
    const cookies = parse(req.headers.cookie ?? '');
    req.session = await this.sealer.open(cookies[SESSION_COOKIE]);
    next();
  }
}

/** Writes and clears the sign-in cookie: HttpOnly, SameSite=Lax, Secure in production. */
@Injectable()
export class SessionCookie {
  constructor(
    @Inject(SessionSealer) private readonly sealer: SessionSealer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(res: Response, session: Omit<WebSession, 'csrfToken'>): Promise<void> {
    const maxAge = session.expiresAt * 1000 - Date.now();
    res.cookie(SESSION_COOKIE, await this.sealer.seal(session), { ...this.options(), maxAge });
  }

  end(res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.options());
  }

  private options() {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.nodeEnv === 'production',
      path: '/',
    } as const;
  }
}
