import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { findFreePort } from './free-port';

export class RedisNotFoundError extends Error {
  constructor() {
    super(
      [
        'No `redis-server` was found on PATH, and REDIS_URL is not set.',
        'Either install Redis (version 6.2 or later):',
        '  Debian or Ubuntu:  sudo apt-get install redis-server',
        '  macOS (Homebrew):  brew install redis',
        '  Docker:            docker compose -f docker/compose.yaml up -d redis   (then REDIS_URL=redis://127.0.0.1:6379)',
        'or point REDIS_URL at a Redis you already run, e.g. REDIS_URL=redis://127.0.0.1:6379 npm start',
      ].join('\n'),
    );
    this.name = 'RedisNotFoundError';
  }
}

export interface LocalService {
  url: string;
  stop(): Promise<void>;
  /** The server's process id, for tests that make it hang (SIGSTOP) rather than stop. */
  pid?: number;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts a private `redis-server` from PATH on a free port of 127.0.0.1. With `persist`, it keeps
 * its data (an append-only file) in `dir`, so queued jobs survive a restart.
 */
export async function startRedisServer(options: {
  dir: string;
  persist: boolean;
  port?: number;
}): Promise<LocalService> {
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const log = openSync(join(options.dir, 'redis.log'), 'a');
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    options.dir,
    '--save',
    '',
    '--appendonly',
    options.persist ? 'yes' : 'no',
    '--daemonize',
    'no',
  ];
  // Its own process group, so a Ctrl-C in the terminal reaches it only through stop(), last.
  const child = spawn('redis-server', args, { stdio: ['ignore', log, log], detached: true });
  const spawned = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', (error) => resolve(error));
  });
  if (spawned) {
    throw (spawned as NodeJS.ErrnoException).code === 'ENOENT' ? new RedisNotFoundError() : spawned;
  }
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `redis-server did not start on port ${port}: see ${join(options.dir, 'redis.log')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGCONT'); // a paused server cannot hear SIGTERM
      child.kill('SIGTERM');
      await waitForExit(child, 10_000);
    },
  };
}
