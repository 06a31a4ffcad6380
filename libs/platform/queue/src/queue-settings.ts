import type { RedisOptions } from 'bullmq';

/** Where BullMQ keeps the product's queues, and how long a relay may wait for Redis. */
export interface QueueSettings {
  redisUrl: string;
  /** Prefix of every BullMQ key; a test takes its own so tests sharing one Redis never meet. */
  prefix: string;
  relayTimeoutMs: number;
  /** Sends a minute the notifications queue keeps to across every worker; 0 for no limit. */
  notifySendsPerMinute: number;
}

export const QUEUE_SETTINGS = Symbol('QUEUE_SETTINGS');

export const DEFAULT_RELAY_TIMEOUT_MS = 5_000;

/**
 * Connection options for BullMQ. Reconnects within a few seconds of Redis coming back (BullMQ's
 * default waits up to 20 s). A producer fails at once while Redis is away, since its job is safe
 * in the outbox; a worker's blocking connection must wait instead (BullMQ requires it).
 */
export function bullConnection(redisUrl: string, role: 'producer' | 'worker'): RedisOptions {
  return {
    url: redisUrl,
    retryStrategy: (times: number) => Math.min(250 * times, 3_000),
    // A connection that never opened lingers this long after close (ioredis waits 2 s).
    disconnectTimeout: 200,
    ...(role === 'producer'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1 }
      : { maxRetriesPerRequest: null }),
  };
}
