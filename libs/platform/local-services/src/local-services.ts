import { existsSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startRedisServer, type LocalService } from './redis-server';
import { isTraversableByOthers } from './traversable';

export interface LocalServices {
  databaseUrl: string;
  redisUrl: string;
  /** Where the embedded PostgreSQL keeps its data; absent when DATABASE_URL was given. */
  postgresDir?: string;
  /** Whether a redis-server was started here (REDIS_URL was not given). */
  startedRedis: boolean;
  stop(): Promise<void>;
}

export interface LocalServicesOptions {
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  /** Keep Redis's data between runs (the launcher) or not (tests). */
  persistRedis: boolean;
  log: (message: string) => void;
}

/**
 * Where PostgreSQL keeps its data. Run as root, PostgreSQL drops to a `postgres` user, which must
 * be able to reach the directory: a checkout under `/root` cannot hold it, so a directory under
 * the system's temporary space (named after the checkout, so each checkout keeps its own) is used.
 */
export function postgresDataDir(dataDir: string, log: (message: string) => void): string {
  const wanted = resolve(dataDir, 'postgres');
  if (process.getuid?.() !== 0 || isTraversableByOthers(wanted)) return wanted;
  const key = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  // /var/tmp outlives a reboot where /tmp may not.
  const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
  const fallback = join(base, `la-delivery-tracker-${key}`, 'postgres');
  log(
    `PostgreSQL runs as the postgres user, which cannot reach ${wanted}; its data is kept in ${fallback} instead.`,
  );
  return fallback;
}

/** Uses the services the environment names, and starts those it does not name. */
export async function startLocalServices(options: LocalServicesOptions): Promise<LocalServices> {
  const running: LocalService[] = [];
  const stop = async () => {
    for (const service of running.reverse()) await service.stop();
  };
  try {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
    let databaseUrl = options.databaseUrl;
    let postgresDir: string | undefined;
    if (!databaseUrl) {
      options.log('Starting embedded PostgreSQL (DATABASE_URL is not set)…');
      postgresDir = postgresDataDir(options.dataDir, options.log);
      const postgres = await startEmbeddedPostgres({ dir: postgresDir });
      running.push(postgres);
      databaseUrl = postgres.url;
    }
    let redisUrl = options.redisUrl;
    if (!redisUrl) {
      options.log('Starting redis-server (REDIS_URL is not set)…');
      const redis = await startRedisServer({
        dir: resolve(options.dataDir, 'redis'),
        persist: options.persistRedis,
      });
      running.push(redis);
      redisUrl = redis.url;
    }
    return { databaseUrl, redisUrl, postgresDir, startedRedis: !options.redisUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
