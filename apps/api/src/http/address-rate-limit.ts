import { ErrorCode, RateLimitedError } from '@la-tracker/platform/errors';
import type { NextFunction, Request, Response } from 'express';
import type { RateLimits } from './rate-limits';

/** The paths a client address is limited on; health and metrics are not. */
export const ADDRESS_LIMITED_PATHS = ['/graphql', '/reports'];

/**
 * Express middleware counting every request to `ADDRESS_LIMITED_PATHS` against its client
 * address, before the body is read or anyone is signed in. The address is Express's `req.ip`,
 * which believes `X-Forwarded-For` only as far as `TRUST_PROXY` says.
 */
export function addressRateLimit(limits: RateLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    limits.consume('address', address).then((outcome) => {
      if (outcome.allowed) return next();
      const refusal = new RateLimitedError(outcome.retryAfterSeconds);
      res.status(429).setHeader('retry-after', String(refusal.retryAfterSeconds));
      // GraphQL clients get a refusal in GraphQL's shape, as for every other refusal.
      res.json(
        req.originalUrl.startsWith('/graphql')
          ? {
              errors: [
                {
                  message: refusal.message,
                  extensions: {
                    code: ErrorCode.RATE_LIMITED,
                    retryAfterSeconds: refusal.retryAfterSeconds,
                  },
                },
              ],
            }
          : { statusCode: 429, message: refusal.message },
      );
    }, next);
  };
}
