import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startRedisServer, type LocalService } from './redis-server';
import { isTraversableByOthers } from './traversable';

export interface LocalServices {
  databaseUrl: string;
  redisUrl: string;
  /** What was started here, to say so and to stop it; empty when both were given. */
  started: string[];
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
  const fallback = join(tmpdir(), `la-delivery-tracker-${key}`, 'postgres');
  log(
    `PostgreSQL runs as the postgres user, which cannot reach ${wanted}; its data is kept in ${fallback} instead.`,
  );
  return fallback;
}

/** Uses the services the environment names, and starts those it does not name. */
export async function startLocalServices(options: LocalServicesOptions): Promise<LocalServices> {
  const running: Array<{ name: string; service: LocalService }> = [];
  const stop = async () => {
    for (const { service } of running.reverse()) await service.stop();
  };
  try {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      options.log('Starting embedded PostgreSQL (DATABASE_URL is not set)…');
      const postgres = await startEmbeddedPostgres({
        dir: postgresDataDir(options.dataDir, options.log),
      });
      running.push({ name: 'PostgreSQL', service: postgres });
      databaseUrl = postgres.url;
    }
    let redisUrl = options.redisUrl;
    if (!redisUrl) {
      options.log('Starting redis-server (REDIS_URL is not set)…');
      const redis = await startRedisServer({
        dir: resolve(options.dataDir, 'redis'),
        persist: options.persistRedis,
      });
      running.push({ name: 'Redis', service: redis });
      redisUrl = redis.url;
    }
    return { databaseUrl, redisUrl, started: running.map((r) => r.name), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
