import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnvironment } from '@la-tracker/platform/config';
import type { Children } from './children';
import type { ReplayPlan } from './sql-replay';

const FLOOR_SERVER = resolve(__dirname, 'floor-server.js');

export interface RunningFloor {
  url: string;
  stop(): Promise<void>;
}

/** Starts floor-server.js in its own process, with the plans to replay. */
export async function startFloor(
  children: Children,
  options: {
    databaseUrl: string;
    poolSize: number;
    plans: Record<string, ReplayPlan>;
    plansFile: string;
  },
): Promise<RunningFloor> {
  writeFileSync(options.plansFile, JSON.stringify(options.plans));
  const child = children.start(process.execPath, [FLOOR_SERVER], {
    env: {
      PATH: readEnvironment()['PATH'],
      TZ: 'UTC',
      FLOOR_DATABASE_URL: options.databaseUrl,
      FLOOR_POOL_SIZE: String(options.poolSize),
      FLOOR_PLANS: options.plansFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /\{"port":(\d+)\}/.exec(output);
      if (line) resolvePort(Number(line[1]));
    });
    child.once('exit', (code) => reject(new Error(`the floor server stopped (exit code ${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => children.stop(child) };
}
