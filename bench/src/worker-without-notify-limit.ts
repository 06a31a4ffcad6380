import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig, readEnvironment, type AppConfig } from '@la-tracker/platform/config';
import { QUEUES } from '@la-tracker/platform/queue';
import { Logger } from 'nestjs-pino';

/**
 * The product's worker with the notifications queue's rate limit (1,400 sends a minute, GOV.UK
 * Notify's allowance) taken off, so the reminders benchmark can see what the queue, the database
 * and the sending code manage on their own. Everything else is the worker as built. The queues'
 * workers read the limit as the application starts, so removing it first is enough.
 */
delete (QUEUES.notifications as { limiter?: unknown }).limiter;

interface WorkerMain {
  createWorker(config: AppConfig): Promise<INestApplicationContext>;
}

async function main(): Promise<void> {
  // The built worker, from where the build put it (the bench compiles only its own sources).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const worker = require(join(__dirname, '../../apps/worker/src/main.js')) as WorkerMain;
  const app = await worker.createWorker(loadConfig(readEnvironment()));
  app.get(Logger).log('Worker ready, without the notifications rate limit');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The worker did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
