import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@la-tracker/platform/config';
import { CliModule, type CliOptions } from './cli.module';

/** Runs `work` with the domain services wired up, and closes the connections afterwards. */
export async function withCliContext<T>(
  config: AppConfig,
  work: (app: INestApplicationContext) => Promise<T>,
  options: CliOptions = {},
): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, options), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
