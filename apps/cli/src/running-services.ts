import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * While `npm start` runs, the services it started are written down here, so that commands run
 * beside it (`npm run cli -- token`, `seed`, imports) reach the same database without the user
 * having to find its port.
 */
interface RunningServices {
  pid: number;
  databaseUrl: string;
  redisUrl: string;
}

const fileIn = (dataDir: string) => join(dataDir, 'running.json');

export function recordRunningServices(
  dataDir: string,
  services: Omit<RunningServices, 'pid'>,
): () => void {
  const file = fileIn(dataDir);
  writeFileSync(file, JSON.stringify({ pid: process.pid, ...services }), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** The services of an `npm start` that is still running from this data directory, if any. */
export function runningServices(dataDir: string): RunningServices | undefined {
  const file = fileIn(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const running = JSON.parse(readFileSync(file, 'utf8')) as RunningServices;
    process.kill(running.pid, 0);
    return running;
  } catch {
    return undefined; // unreadable, or left behind by a launcher that has gone
  }
}
