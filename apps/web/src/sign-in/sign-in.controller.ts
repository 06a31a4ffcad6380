import {
  Body,
  Controller,
  Get,
  Inject,
  Logger,
  Optional,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import type { Response } from 'express';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { formErrorsOf, NO_ERRORS } from '../forms/form-errors';
import { SignInUnavailable } from '../http/page-exception.filter';
import type { WebRequest } from '../http/web-request';
import { SessionCookie } from '../session/session.middleware';
import { csrfTokenMatches, sessionExpiry } from '../session/web-session';
import { OidcSignIn, type SignInAttempt } from './oidc-sign-in.service';
import { parseDevelopmentUserChoice } from './development-users.rules';
import { DevelopmentUsers } from './development-users.service';

function isSignInAttempt(
  value: Record<string, string>,
): value is Record<string, string> & SignInAttempt {
  return ['codeVerifier', 'state', 'nonce', 'returnTo'].every(
    (key) => typeof value[key] === 'string',
  );
}

/** Only paths on this site: an address from a query string must never take people elsewhere. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

@Controller()
export class SignInController {
  private readonly logger = new Logger(SignInController.name);

  constructor(
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(OidcSignIn) private readonly oidc: OidcSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(DevelopmentUsers) private readonly developmentUsers?: DevelopmentUsers,
  ) {}

  /** Off to DfE Sign-in, remembering (sealed, for 10 minutes) what must match when they return. */
  @Get('sign-in/start')
  async startSignIn(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) return res.redirect(303, '/sign-in');
    const { url, attempt } = await this.oidc
      .start(safeReturnTo(returnTo))
      .catch((error: unknown) => {
        throw new SignInUnavailable(error);
      });
    await this.cookie.rememberAttempt(res, { ...attempt });
    res.redirect(303, url.href);
  }

  /** Back from DfE Sign-in: the answer must be to this browser's own attempt. */
  @Get('sign-in/callback')
  async finishSignIn(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const client = this.config.web.oidcClient;
    if (!this.oidc.enabled || !client) return res.redirect(303, '/sign-in');
    const sealed = await this.cookie.takeAttempt(req, res);
    const attempt = sealed && isSignInAttempt(sealed) ? sealed : undefined;
    if (!attempt)
      return this.signInFailed(res, 'Your sign-in took too long or was started elsewhere.');
    // Built from our own address, never the request's Host header.
    const callbackUrl = new URL(client.redirectUri);
    callbackUrl.search = new URL(req.originalUrl, 'http://localhost').search;
    let person;
    try {
      person = await this.oidc.finish(callbackUrl, attempt);
    } catch (error) {
      this.logger.warn(
        `Sign-in refused: ${error instanceof Error ? error.message : String(error)}`,
      );
      return this.signInFailed(res, 'DfE Sign-in did not confirm who you are.');
    }
    await this.cookie.start(res, {
      token: person.token,
      name: person.name,
      expiresAt: sessionExpiry(Date.now(), person.expiresAt),
    });
    res.redirect(303, attempt.returnTo);
  }

  @Get('sign-in')
  async signInPage(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    await this.render(res, safeReturnTo(returnTo));
  }

  @Post('sign-in')
  async signIn(
    @Body() body: { user?: unknown; returnTo?: unknown },
    @Res() res: Response,
  ): Promise<void> {
    const returnTo = safeReturnTo(body.returnTo);
    const chosen = parseDevelopmentUserChoice(body.user);
    if (!this.developmentUsers) return this.render(res, returnTo);
    if (!chosen)
      return this.render(res, returnTo, {
        errorList: [{ text: 'Choose who to sign in as', href: '#user' }],
        byField: { user: { text: 'Choose who to sign in as' } },
      });
    try {
      const { token, expiresAt } = await this.developmentUsers.tokenFor(chosen);
      const choice = (await this.developmentUsers.choices()).find((c) => c.value === body.user);
      await this.cookie.start(res, { token, expiresAt, name: choice?.text ?? chosen.role });
      res.redirect(303, returnTo);
    } catch (error) {
      // A scope that no longer exists (a programme or supplier removed since the page was shown).
      if (!(error instanceof BadUserInputError)) throw error;
      return this.render(
        res,
        returnTo,
        formErrorsOf(error.fields, {}, { message: 'Choose who to sign in as', firstField: 'user' }),
      );
    }
  }

  @Post('sign-out')
  signOut(@Req() req: WebRequest, @Res() res: Response): void {
    // Signing out of a session needs its own form, so another site cannot sign people out.
    if (req.session && csrfTokenMatches(req.session, (req.body as { _csrf?: unknown })?._csrf))
      this.cookie.end(res);
    res.redirect(303, '/sign-in');
  }

  private async render(res: Response, returnTo: string, errors = NO_ERRORS): Promise<void> {
    const choices = this.developmentUsers ? await this.developmentUsers.choices() : [];
    res.status(errors.errorList.length > 0 ? 400 : 200).render('sign-in', {
      title: 'Sign in',
      development: Boolean(this.developmentUsers),
      dfeSignIn: this.oidc.enabled,
      startUrl: `/sign-in/start?returnTo=${encodeURIComponent(returnTo)}`,
      choices,
      returnTo,
      ...errors,
    });
  }

  private signInFailed(res: Response, reason: string): void {
    res.status(400).render('error', {
      status: 400,
      title: 'You could not be signed in',
      message: `${reason} Nothing was saved. Go to the sign-in page and try again.`,
    });
  }
}
