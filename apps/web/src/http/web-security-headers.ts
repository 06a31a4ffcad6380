import { randomBytes } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@la-tracker/platform/config';
import type { WebRequest } from './web-request';

/**
 * The pages' headers: a Content-Security-Policy that allows only this site's own scripts, styles,
 * fonts and images, plus the GOV.UK template's one inline script by its per-request nonce; no
 * framing; forms post only here; no referrer; HSTS in production.
 */
export function webSecurityHeaders(config: Pick<AppConfig, 'nodeEnv'>) {
  const production = config.nodeEnv === 'production';
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (req) => `'nonce-${(req as WebRequest).cspNonce ?? ''}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  return (req: WebRequest, res: Response, next: NextFunction): void => {
    req.cspNonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = req.cspNonce;
    headers(req, res, next);
  };
}
