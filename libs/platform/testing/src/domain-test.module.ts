import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigModule, loadConfig, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule, type DataSourceParts } from '@la-tracker/platform/database';
import { Clock, FixedClock } from '@la-tracker/platform/time';
import { testEnvironment } from './test-environment';

/** Configuration for a test: its own database, BullMQ key prefix and stored files; quiet logs. */
export function testConfig(services: { databaseUrl: string; redisUrl: string }): AppConfig {
  const own = randomBytes(6).toString('hex');
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    WORKER_PORT: '0', // files run in parallel: never the fixed default port
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: `la-tracker-test-${own}`,
    FILE_STORAGE_DIR: join(testEnvironment().fileStorageDir, own),
  });
}

export interface DomainTestOptions {
  config: AppConfig;
  entities: DataSourceParts['entities'];
  /** The domain modules under test. */
  imports: Array<Type | DynamicModule>;
  /** Defaults to noon on 1 June 2024 (UTC). */
  clock?: Clock;
}

/** The domain services on a test database (already migrated), with a clock the test sets. */
@Module({})
class DomainTestModule {
  static forRoot(options: DomainTestOptions): DynamicModule {
    return {
      module: DomainTestModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config),
        DatabaseModule.forRoot({ entities: options.entities, migrations: [] }),
        ...options.imports,
      ],
      providers: [
        {
          provide: Clock,
          useValue: options.clock ?? new FixedClock(new Date('2024-06-01T12:00:00Z')),
        },
      ],
      exports: [Clock],
    };
  }
}

export function createDomainTestContext(
  options: DomainTestOptions,
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(DomainTestModule.forRoot(options), { logger: false });
}
