import { Body, Controller, Get, Inject, Optional, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { formErrorsOf, NO_ERRORS } from '../forms/form-errors';
import type { WebRequest } from '../http/web-request';
import { SessionCookie } from '../session/session.middleware';
import { csrfTokenMatches } from '../session/web-session';
import { parseDevelopmentUserChoice } from './development-users.rules';
import { DevelopmentUsers } from './development-users.service';

/** Only paths on this site: an address from a query string must never take people elsewhere. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

@Controller()
export class SignInController {
  constructor(
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Optional() @Inject(DevelopmentUsers) private readonly developmentUsers?: DevelopmentUsers,
  ) {}

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
      choices,
      returnTo,
      ...errors,
    });
  }
}
