import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { ErrorCode, RateLimitedError } from '@la-tracker/platform/errors';
import type { NextFunction, Request, Response } from 'express';
import type { RateLimits } from './rate-limits';

/** The paths a client address is limited on; health and metrics are not. */
export const ADDRESS_LIMITED_PATHS = ['/graphql', '/reports'];

/**
 * What one client's requests are counted under. An IPv4 address as it is (an IPv4 address written
 * as IPv6 is the same client); an IPv6 address by its /64 network, since a single client is
 * usually given a whole /64 and could otherwise take a fresh address for every request. Hashed,
 * so no address sits in Redis.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  let client = mapped ? mapped[1] : address;
  if (!mapped && isIPv6(address)) {
    const [head, tail = ''] = address.toLowerCase().split('::');
    const headGroups = head ? head.split(':') : [];
    const tailGroups = address.includes('::') && tail ? tail.split(':') : [];
    const missing = 8 - headGroups.length - tailGroups.length;
    const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
    client = `${groups
      .slice(0, 4)
      .map((group) => group.replace(/^0+(?=.)/, ''))
      .join(':')}::/64`;
  }
  return createHash('sha256').update(client).digest('base64url');
}

/**
 * Express middleware counting every request to `ADDRESS_LIMITED_PATHS` against its client
 * address, before the body is read or anyone is signed in. The address is Express's `req.ip`,
 * which believes `X-Forwarded-For` only as far as `TRUST_PROXY` says.
 */
export function addressRateLimit(limits: RateLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    limits.consume('address', addressKey(address)).then((outcome) => {
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
