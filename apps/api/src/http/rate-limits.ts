import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** What each limit counts: requests from one client address, operations by one person. */
export type RateLimitKind = 'address' | 'person';

export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const WINDOW_SECONDS = 60;
/** Longer than a healthy Redis ever takes to count; short enough that nobody notices the wait. */
const REDIS_COMMAND_TIMEOUT_MS = 250;

/** Whole seconds until a refused key may try again: never 0, so a client always waits. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

interface Limit {
  redis: RateLimiterRedis;
  /** Counts in this process alone while Redis cannot be reached. */
  memory: RateLimiterMemory;
}

/**
 * Rate limits counted in Redis, under the deployment's key prefix, so every api process shares one
 * count per address and per person (fixed windows of a minute). While Redis cannot be reached each
 * process counts alone, in memory, with the same limits: the api keeps answering (reads do not
 * need Redis) and a client still cannot go unlimited, at worst getting the limit once per process.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimits.name);
  private readonly client?: Redis;
  private readonly limits: Partial<Record<RateLimitKind, Limit>> = {};
  private redisAway = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const perMinute: Record<RateLimitKind, number> = {
      address: config.http.rateLimitPerAddressPerMinute,
      person: config.http.rateLimitPerUserPerMinute,
    };
    if (perMinute.address === 0 && perMinute.person === 0) return;
    this.client = new Redis(config.redisUrl, {
      // A request never waits for Redis to come back: it is counted in memory meanwhile. That
      // holds for a Redis that is down (no offline queue) and for one that hangs (the timeout).
      enableOfflineQueue: false,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(250 * times, 3_000),
      disconnectTimeout: 200,
    });
    // Connection errors are reported once per outage, by `consume`.
    this.client.on('error', () => undefined);
    for (const kind of ['address', 'person'] as const) {
      const points = perMinute[kind];
      if (points === 0) continue;
      this.limits[kind] = {
        redis: new RateLimiterRedis({
          storeClient: this.client,
          rejectIfRedisNotReady: true,
          keyPrefix: `${config.queuePrefix}:rate-limit:${kind}`,
          points,
          duration: WINDOW_SECONDS,
        }),
        memory: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      };
    }
  }

  /** Counts one request (or operation) against `key`'s limit of this kind. */
  async consume(kind: RateLimitKind, key: string): Promise<RateLimitOutcome> {
    const limit = this.limits[kind];
    if (!limit) return { allowed: true };
    try {
      await this.counted(limit, key);
      return { allowed: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes)
        return { allowed: false, retryAfterSeconds: retryAfterSeconds(refusal.msBeforeNext) };
      throw refusal;
    }
  }

  private async counted(limit: Limit, key: string): Promise<RateLimiterRes> {
    try {
      const counted = await limit.redis.consume(key);
      if (this.redisAway) {
        this.redisAway = false;
        this.logger.log('Redis answers again: rate limits are shared by every api process again.');
      }
      return counted;
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) throw outcome;
      if (!this.redisAway) {
        this.redisAway = true;
        this.logger.warn(
          `Redis cannot be reached (${outcome instanceof Error ? outcome.message : String(outcome)}): rate limits are counted by each api process alone until it answers.`,
        );
      }
      return limit.memory.consume(key);
    }
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
