import { spawn } from 'node:child_process';
import { WORKER_MAIN, type Env } from './cli';

export interface RunningWorker {
  output(): string;
  stop(): Promise<void>;
}

/** Starts the built worker as its own process, as it runs in production, and waits until ready. */
export async function startWorker(env: Env): Promise<RunningWorker> {
  // Its ready line is logged at info.
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...env, LOG_LEVEL: 'info', WORKER_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Worker ready')) {
    if (child.exitCode !== null) throw new Error(`the worker stopped while starting:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the worker did not start within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
