import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { parse } from 'cookie';
import { APP_CONFIG, developmentSecretFromFile, type AppConfig } from '@la-tracker/platform/config';
import type { WebRequest } from '../http/web-request';
import { SESSION_COOKIE, SessionSealer, type WebSession } from './web-session';

const SIGN_IN_ATTEMPT_COOKIE = 'la_tracker_sign_in';
const SIGN_IN_ATTEMPT_SECONDS = 10 * 60;
const MAX_COOKIE_BYTES = 4000;

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
    const sealed = await this.sealer.seal(session);
    // Browsers drop a cookie over 4 kB without a word: better to say so here.
    if (sealed.length > MAX_COOKIE_BYTES)
      throw new Error(
        `The sign-in token is too large to keep in a cookie (${sealed.length} bytes)`,
      );
    res.cookie(SESSION_COOKIE, sealed, {
      ...this.options('/'),
      maxAge: session.expiresAt * 1000 - Date.now(),
    });
  }

  end(res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.options('/'));
  }

  /**
   * Keeps a sign-in attempt (PKCE verifier, state, nonce) for 10 minutes, sent back only to the
   * sign-in paths; SameSite=Lax, so the issuer's redirect back (a top-level GET) carries it.
   */
  async rememberAttempt(res: Response, attempt: Record<string, string>): Promise<void> {
    const expiresAt = Math.floor(Date.now() / 1000) + SIGN_IN_ATTEMPT_SECONDS;
    res.cookie(SIGN_IN_ATTEMPT_COOKIE, await this.sealer.sealValue(attempt, expiresAt), {
      ...this.options('/sign-in'),
      maxAge: SIGN_IN_ATTEMPT_SECONDS * 1000,
    });
  }

  /** The attempt this browser started, if any, which can be used once only. */
  async takeAttempt(req: WebRequest, res: Response): Promise<Record<string, string> | undefined> {
    res.clearCookie(SIGN_IN_ATTEMPT_COOKIE, this.options('/sign-in'));
    return this.sealer.openValue(parse(req.headers.cookie ?? '')[SIGN_IN_ATTEMPT_COOKIE]);
  }

  private options(path: string) {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.nodeEnv === 'production',
      path,
    } as const;
  }
}
