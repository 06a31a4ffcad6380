import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@la-tracker/platform/config';
import { Redis } from 'ioredis';
import { JOBS, JobRegistry, type JobDefinition } from './jobs';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import { QueueProducer } from './queue-producer';
import { DEFAULT_RELAY_TIMEOUT_MS, QUEUE_SETTINGS, type QueueSettings } from './queue-settings';
import { TransactionRunner } from './transaction-runner';

/** Fails fast, naming the URL's host, when Redis cannot be reached. */
export async function assertRedisReachable(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const { host, port } = new URL(url);
    throw new Error(
      `Redis at ${host}:${port || 6379} cannot be reached (${(error as Error).message}). Check REDIS_URL.`,
    );
  } finally {
    client.disconnect();
  }
}

/** Whether Redis answers a PING now, without waiting for it to come back. */
export async function redisAnswers(url: string): Promise<boolean> {
  try {
    await assertRedisReachable(url);
    return true;
  } catch {
    return false;
  }
}

export interface QueueModuleOptions {
  /** The jobs this process knows; the product's unless a test brings its own. */
  jobs?: readonly JobDefinition[];
  relayTimeoutMs?: number;
}

/**
 * BullMQ on `REDIS_URL` behind a transactional outbox: services enqueue with `OutboxWriter` in
 * their transaction, run through `TransactionRunner`, and never add to BullMQ directly.
 */
@Module({})
export class QueueModule {
  static forRoot(
    config: Pick<AppConfig, 'redisUrl' | 'queuePrefix' | 'notifySendsPerMinute'>,
    options: QueueModuleOptions = {},
  ): DynamicModule {
    const settings: QueueSettings = {
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      relayTimeoutMs: options.relayTimeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS,
      notifySendsPerMinute: config.notifySendsPerMinute,
    };
    return {
      module: QueueModule,
      global: true,
      providers: [
        { provide: QUEUE_SETTINGS, useValue: settings },
        { provide: JobRegistry, useValue: new JobRegistry(options.jobs ?? JOBS) },
        QueueProducer,
        OutboxRelay,
        OutboxWriter,
        TransactionRunner,
      ],
      exports: [QUEUE_SETTINGS, JobRegistry, OutboxRelay, OutboxWriter, TransactionRunner],
    };
  }
}
