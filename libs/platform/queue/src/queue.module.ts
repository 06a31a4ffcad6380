import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@la-tracker/platform/config';
import { Redis } from 'ioredis';
import { QUEUE_PREFIX } from './jobs';

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

/** BullMQ on `REDIS_URL`, with one key prefix for every queue of the product. */
@Module({})
export class QueueModule {
  static forRoot(config: Pick<AppConfig, 'redisUrl'>): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot({
          connection: { url: config.redisUrl, maxRetriesPerRequest: null },
          prefix: QUEUE_PREFIX,
        }),
      ],
      exports: [BullModule],
    };
  }
}
