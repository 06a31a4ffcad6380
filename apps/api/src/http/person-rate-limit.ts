import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@la-tracker/platform/auth';
import { RateLimitedError } from '@la-tracker/platform/errors';
import { RateLimits } from './rate-limits';

/**
 * The person a limit counts for: the token's issuer and subject, which stay the same whether they
 * sign in or use a personal API token, hashed so no identifier sits in Redis.
 */
export function personKey(caller: Pick<Caller, 'issuer' | 'subject'>): string {
  return createHash('sha256')
    .update(JSON.stringify([caller.issuer, caller.subject]))
    .digest('hex');
}

/**
 * Counts each GraphQL operation of a signed-in person once, however many of its fields the guard
 * checks: the first field charges it, the others share the outcome. Apollo gives each operation of
 * a batch its own context object, so each operation is counted.
 */
@Injectable()
export class PersonRateLimit {
  private readonly charged = new WeakMap<object, Promise<void>>();

  constructor(@Inject(RateLimits) private readonly limits: RateLimits) {}

  /** Refuses the operation with RATE_LIMITED (HTTP 429) once its person is over the limit. */
  chargeOperation(operationContext: object, caller: Caller | null): Promise<void> {
    if (!caller) return Promise.resolve();
    let charge = this.charged.get(operationContext);
    if (!charge) {
      charge = this.limits.consume('person', personKey(caller)).then((outcome) => {
        if (!outcome.allowed) throw new RateLimitedError(outcome.retryAfterSeconds);
      });
      this.charged.set(operationContext, charge);
    }
    return charge;
  }
}
