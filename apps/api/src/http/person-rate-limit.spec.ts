import type { Caller } from '@la-tracker/platform/auth';
import { RateLimitedError } from '@la-tracker/platform/errors';
import { PersonRateLimit, personKey } from './person-rate-limit';
import type { RateLimitKind, RateLimitOutcome, RateLimits } from './rate-limits';

const caller = (subject: string): Caller => ({
  userId: null,
  issuer: 'https://issuer.example',
  subject,
  email: null,
  grants: [],
});

/** Allows `allowance` operations per key, then refuses for 17 seconds; records every count. */
function fakeLimits(allowance: number): RateLimits & { keysCounted: string[] } {
  const counted: string[] = [];
  return {
    keysCounted: counted,
    consume(kind: RateLimitKind, key: string): Promise<RateLimitOutcome> {
      counted.push(`${kind}:${key}`);
      const used = counted.filter((entry) => entry === `${kind}:${key}`).length;
      return Promise.resolve(
        used <= allowance ? { allowed: true } : { allowed: false, retryAfterSeconds: 17 },
      );
    },
  } as unknown as RateLimits & { keysCounted: string[] };
}

describe('personKey', () => {
  it('is the same for the same issuer and subject, and differs for another subject', () => {
    expect(personKey(caller('a'))).toBe(personKey(caller('a')));
    expect(personKey(caller('a'))).not.toBe(personKey(caller('b')));
    expect(personKey(caller('a'))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps issuer and subject apart, so no two people can run together', () => {
    expect(personKey({ issuer: 'https://x', subject: 'y\nz' })).not.toBe(
      personKey({ issuer: 'https://x\ny', subject: 'z' }),
    );
  });
});

describe('PersonRateLimit', () => {
  describe('chargeOperation', () => {
    it('counts an operation once however many of its fields are checked', async () => {
      const limits = fakeLimits(10);
      const sut = new PersonRateLimit(limits);
      const operation = {};
      await Promise.all([1, 2, 3].map(() => sut.chargeOperation(operation, caller('a'))));
      expect(limits.keysCounted).toEqual([`person:${personKey(caller('a'))}`]);
    });

    it('counts each operation of a batch (each its own context)', async () => {
      const limits = fakeLimits(10);
      const sut = new PersonRateLimit(limits);
      await sut.chargeOperation({}, caller('a'));
      await sut.chargeOperation({}, caller('a'));
      expect(limits.keysCounted).toHaveLength(2);
    });

    it('counts nothing for a caller who is not signed in', async () => {
      const limits = fakeLimits(10);
      await new PersonRateLimit(limits).chargeOperation({}, null);
      expect(limits.keysCounted).toEqual([]);
    });

    it('refuses every field of an operation over the limit, saying when to try again', async () => {
      const sut = new PersonRateLimit(fakeLimits(1));
      await sut.chargeOperation({}, caller('a'));
      const operation = {};
      for (let field = 0; field < 2; field += 1) {
        const refusal = await sut.chargeOperation(operation, caller('a')).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(RateLimitedError);
        expect(refusal).toMatchObject({
          retryAfterSeconds: 17,
          message: 'Too many requests: try again in 17 seconds.',
        });
      }
      await expect(sut.chargeOperation({}, caller('b'))).resolves.toBeUndefined();
    });
  });
});
