import type { LauncherConfig } from '@la-tracker/platform/config';
import { startLocalServices } from '@la-tracker/platform/local-services';

/**
 * Starts only PostgreSQL and Redis (those the environment does not name) and prints their URLs,
 * for running the api or tests against them. Keeps them up until Ctrl-C or SIGTERM.
 */
export async function services(
  config: LauncherConfig,
  options: { json: boolean; persistRedis: boolean },
  log: (message: string) => void,
): Promise<void> {
  const running = await startLocalServices({
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    dataDir: config.dataDir,
    persistRedis: options.persistRedis,
    log: options.json ? () => undefined : log,
  });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ databaseUrl: running.databaseUrl, redisUrl: running.redisUrl })}\n`,
    );
  } else {
    log(
      `DATABASE_URL=${running.databaseUrl}\nREDIS_URL=${running.redisUrl}\nPress Ctrl-C to stop.`,
    );
  }
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await running.stop();
}
