import { readEnvironment } from '@la-tracker/platform/config';
import type { Env } from '@la-tracker/platform/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export { run, type Env, type Finished } from '@la-tracker/platform/testing';

export const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');
export const API_MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');
export const WEB_MAIN = resolve(__dirname, '../../dist/apps/web/src/main.js');
export const WORKER_MAIN = resolve(__dirname, '../../dist/apps/worker/src/main.js');

export interface Running {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a long-running command and lets the test wait for what it prints. */
export function launch(args: string[], env: Env): Running {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            listeners.delete(check);
            clearTimeout(timer);
            resolveMatch(match);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`did not see ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited before printing ${pattern}; output:\n${output}`));
          }
        });
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The environment of this process without the given variables. */
export function envWithout(...names: string[]): Env {
  const env: Env = { ...readEnvironment() };
  for (const name of names) delete env[name];
  return env;
}
