import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig, readEnvironment, type AppConfig } from '@la-tracker/platform/config';
import { assertRedisReachable, JOBS, workerRegistryProblems } from '@la-tracker/platform/queue';
import { Logger } from 'nestjs-pino';
import { PROCESSORS, WorkerModule, type WorkerOptions } from './worker.module';

/**
 * Builds and starts the worker (Nest initialises an application context as it creates it): no
 * GraphQL, only the processors of queued jobs, the outbox sweep and its health and metrics port.
 * SIGTERM closes it: no new jobs are taken, running ones finish, then the pools close.
 */
export async function createWorker(
  config: AppConfig,
  options: WorkerOptions = {},
): Promise<INestApplicationContext> {
  const problems = workerRegistryProblems(options.jobs ?? JOBS, options.processors ?? PROCESSORS);
  if (problems.length > 0)
    throw new Error(`The worker's processors do not match its jobs: ${problems.join('; ')}`);
  // In production a reminder must reach a person: the development outbox would swallow it.
  if (config.nodeEnv === 'production' && !config.notify)
    throw new Error(
      'In production the worker sends reminders through GOV.UK Notify: set NOTIFY_API_KEY and every NOTIFY_TEMPLATE_<KIND>.',
    );
  await assertRedisReachable(config.redisUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}

async function main(): Promise<void> {
  const app = await createWorker(loadConfig(readEnvironment()));
  app.get(Logger).log(`Worker ready: ${PROCESSORS.length} processor(s) for ${JOBS.length} job(s)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `The worker did not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
