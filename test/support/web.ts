import { spawn } from 'node:child_process';
import { readEnvironment } from '@la-tracker/platform/config';
import { findFreePort } from '@la-tracker/platform/local-services';
import type { RunningApi } from './api';
import { WEB_MAIN } from './cli';
import { TEST_SECRET } from './tokens';

export interface RunningWeb {
  /** e.g. http://127.0.0.1:PORT */
  base: string;
  /** The web app's output so far: its log. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built web app as its own process, calling `api`, and waits until it serves. Its
 * development sign-in makes users in `databaseUrl`, with the token secret the api checks.
 */
export async function startWeb(
  api: RunningApi,
  databaseUrl: string,
  env: Record<string, string> | ((base: string) => Record<string, string>) = {},
): Promise<RunningWeb> {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [WEB_MAIN], {
    env: {
      ...readEnvironment(),
      AUTH_HS256_SECRET: TEST_SECRET,
      WEB_SESSION_SECRET: 'web-session-secret-for-tests-0123456789',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      // A function of its own address, for settings that name it (WEB_PUBLIC_URL).
      ...(typeof env === 'function' ? env(base) : env),
      API_URL: api.base,
      WEB_PORT: String(port),
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web app stopped while starting:\n${output}`);
    try {
      if ((await fetch(`${base}/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the web app did not start within 30 s:
${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
