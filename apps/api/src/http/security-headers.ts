import type { AppConfig } from '@la-tracker/platform/config';
import type { NextFunction, Request, Response } from 'express';
import helmet, { contentSecurityPolicy } from 'helmet';
import { QUEUE_DASHBOARD_PATH } from '../admin/queue-dashboard-access';

type Directives = Record<string, string[]>;

/** Nothing may load, frame or be framed: the api answers JSON and files, never pages. */
const STRICT: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Bull Board (`@bull-board/ui`): its own scripts, styles and locale files, inline styles, Google
 * Fonts, and data: images; its sign-in form posts to itself.
 */
const QUEUE_DASHBOARD: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  'font-src': ["'self'", 'https://fonts.gstatic.com'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Apollo's embedded sandbox, served at /graphql outside production. Its page carries its own
 * policy with a nonce for the inline parts (both policies apply, so the nonce still rules);
 * this one adds what a page policy cannot say: no framing.
 */
const SANDBOX: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-inline'", 'https://embeddable-sandbox.cdn.apollographql.com'],
  'style-src': [
    "'self'",
    "'unsafe-inline'",
    'https://embeddable-sandbox.cdn.apollographql.com',
    'https://fonts.googleapis.com',
  ],
  'font-src': ["'self'", 'https://fonts.gstatic.com'],
  'img-src': ["'self'", 'https://apollo-server-landing-page.cdn.apollographql.com'],
  'manifest-src': ['https://apollo-server-landing-page.cdn.apollographql.com'],
  'frame-src': ['https://sandbox.embed.apollographql.com'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

const policy = (directives: Directives) =>
  contentSecurityPolicy({ useDefaults: false, directives });

/**
 * Express middleware setting helmet's headers on every response: nosniff, no framing, no
 * referrer, HSTS in production only (elsewhere the api is plain http on localhost), and a
 * Content-Security-Policy that is strict except where a page is served.
 */
export function securityHeaders(config: Pick<AppConfig, 'nodeEnv'>) {
  const production = config.nodeEnv === 'production';
  const common = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  const strict = policy(STRICT);
  const queueDashboard = policy(QUEUE_DASHBOARD);
  const sandbox = production ? strict : policy(SANDBOX);
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    const csp =
      path === QUEUE_DASHBOARD_PATH || path.startsWith(`${QUEUE_DASHBOARD_PATH}/`)
        ? queueDashboard
        : path === '/graphql'
          ? sandbox
          : strict;
    common(req, res, (error?: unknown) => (error ? next(error) : csp(req, res, next)));
  };
}
