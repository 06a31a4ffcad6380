import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { isAdmin } from '@la-tracker/platform/auth';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { UnauthenticatedError } from '@la-tracker/platform/errors';
import { BearerAuthenticator, bearerOf } from '../auth/bearer-authenticator';

/** Where Bull Board is served. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const SIGN_IN_PATH = `${QUEUE_DASHBOARD_PATH}/sign-in`;
const SIGN_OUT_PATH = `${QUEUE_DASHBOARD_PATH}/sign-out`;
/** Holds the token a browser signed in with; sent back only to the dashboard's own paths. */
export const QUEUE_DASHBOARD_COOKIE = 'la_tracker_queues';

/** How long a browser stays signed in to the dashboard at most, whatever the token's expiry. */
const DASHBOARD_SIGN_IN_MAX_SECONDS = 8 * 60 * 60;

/** A sign-in form carries one token: anything bigger is not one. */
const MAX_FORM_BYTES = 16 * 1024;

type Request = IncomingMessage & { body?: unknown; originalUrl?: string };
type Next = (error?: unknown) => void;

/**
 * Guards every path under `/admin/queues` (page, assets and Bull Board's API alike): only admins
 * pass, with a sign-in token or a personal API token. A script sends `Authorization: Bearer <token>`; a browser cannot add that header to the
 * page and its requests, so it signs in once with the same token, which is kept in a cookie that
 * is HttpOnly (no script reads it), SameSite=Strict (no other site's page can make the browser
 * send it, so Bull Board's actions cannot be forged), scoped to these paths, Secure in
 * production, and expiring with the token. The token is checked on every request, so a role
 * taken away takes effect at once. Tokens never travel in a URL, where logs would keep them.
 */
@Injectable()
export class QueueDashboardAccess {
  private readonly logger = new Logger(QueueDashboardAccess.name);

  constructor(
    @Inject(BearerAuthenticator) private readonly authenticator: BearerAuthenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Express middleware, mounted before Bull Board's own routes. */
  readonly middleware = (req: Request, res: ServerResponse, next: Next): void => {
    this.handle(req, res, next).catch((error: unknown) => {
      this.logger.error(error instanceof Error ? error : String(error));
      if (!res.headersSent)
        send(res, 503, 'text/plain', 'The sign-in service cannot be reached: try again shortly.');
    });
  };

  private async handle(req: Request, res: ServerResponse, next: Next): Promise<void> {
    const path = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost').pathname.replace(
      /\/$/,
      '',
    );
    if (path === SIGN_IN_PATH) {
      if (req.method === 'GET' || req.method === 'HEAD')
        return send(res, 200, 'text/html', signInPage());
      if (req.method === 'POST') return this.signIn(req, res);
      return send(res, 405, 'text/plain', 'Sign in with GET (the form) or POST (the token).');
    }
    if (path === SIGN_OUT_PATH && req.method === 'POST') {
      res.setHeader('set-cookie', this.cookie('', 0));
      return redirect(res, SIGN_IN_PATH);
    }

    const token = tokenOf(req);
    if (!token) return refuse(req, res, 401, 'Sign in as an admin to see the queues.');
    const outcome = await this.admit(token);
    if ('status' in outcome) return refuse(req, res, outcome.status, outcome.message);
    next();
  }

  private async signIn(req: Request, res: ServerResponse): Promise<void> {
    const token = (await formField(req, 'token'))?.trim();
    if (!token) return send(res, 400, 'text/html', signInPage('Paste your token to sign in.'));
    const outcome = await this.admit(token);
    if ('status' in outcome)
      return send(res, outcome.status, 'text/html', signInPage(outcome.message));
    // A working day at most, even for a personal API token that lasts months: a browser is no
    // place to keep a long-lived admin credential.
    const untilExpiry = Math.floor((outcome.expiresAt.getTime() - Date.now()) / 1000);
    const maxAge = Math.max(0, Math.min(untilExpiry, DASHBOARD_SIGN_IN_MAX_SECONDS));
    res.setHeader('set-cookie', this.cookie(token, maxAge));
    redirect(res, `${QUEUE_DASHBOARD_PATH}/`);
  }

  /** When an admin's token expires; anything else says why not, as 401 or 403. */
  private async admit(
    token: string,
  ): Promise<{ expiresAt: Date } | { status: 401 | 403; message: string }> {
    try {
      const { caller, expiresAt } = await this.authenticator.authenticate(token);
      return isAdmin(caller)
        ? { expiresAt }
        : { status: 403, message: 'The queues are for admins only.' };
    } catch (error) {
      if (error instanceof UnauthenticatedError) return { status: 401, message: error.message };
      throw error;
    }
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    return [
      `${QUEUE_DASHBOARD_COOKIE}=${value}`,
      `Path=${QUEUE_DASHBOARD_PATH}`,
      `Max-Age=${maxAgeSeconds}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(this.config.nodeEnv === 'production' ? ['Secure'] : []),
    ].join('; ');
  }
}

function tokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header) return bearerOf(header);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === QUEUE_DASHBOARD_COOKIE && value.join('=') !== '') return value.join('=');
  }
  return undefined;
}

/** A field of an url-encoded form, whether or not a body parser has read it already. */
async function formField(req: Request, name: string): Promise<string | undefined> {
  if (req.body && typeof req.body === 'object') {
    const value = (req.body as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }
  let text = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > MAX_FORM_BYTES) return undefined;
  }
  return new URLSearchParams(text).get(name) ?? undefined;
}

/** A browser is shown where to sign in; anything else gets JSON. */
function refuse(req: Request, res: ServerResponse, status: 401 | 403, message: string): void {
  if ((req.headers.accept ?? '').includes('text/html'))
    return send(
      res,
      status,
      'text/html',
      page(
        'Queues',
        `<p>${escapeHtml(message)}</p><p><a href="${SIGN_IN_PATH}">Sign in with an admin's token</a></p>`,
      ),
    );
  send(res, status, 'application/json', JSON.stringify({ statusCode: status, message }));
}

function signInPage(problem?: string): string {
  return page(
    'Sign in to the queues',
    `${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="${SIGN_IN_PATH}">
  <label for="token">Your token (an admin's)</label><br>
  <input id="token" name="token" type="password" autocomplete="off" required size="60"><br>
  <button type="submit">Sign in</button>
</form>
<p>The token is kept in a cookie for these pages only, until it expires.</p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
  });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}
