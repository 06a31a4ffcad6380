import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig, readEnvironment, type AppConfig } from '@la-tracker/platform/config';
import {
  assertRedisReachable,
  JOB_NAMES,
  processorRegistryProblems,
} from '@la-tracker/platform/queue';
import { Logger } from 'nestjs-pino';
import { PROCESSORS, WorkerModule } from './worker.module';

/** Builds the worker: no HTTP server, only the processors of queued jobs. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const problems = processorRegistryProblems(
    JOB_NAMES,
    PROCESSORS.map((entry) => entry.jobName),
  );
  if (problems.length > 0)
    throw new Error(`The worker's processors do not match its jobs: ${problems.join('; ')}`);
  await assertRedisReachable(config.redisUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}

async function main(): Promise<void> {
  const app = await createWorker(loadConfig(readEnvironment()));
  await app.init();
  app
    .get(Logger)
    .log(`Worker ready: ${PROCESSORS.length} processor(s) for ${JOB_NAMES.length} job(s)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `The worker did not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
