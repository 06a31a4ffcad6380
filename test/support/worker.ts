import { spawn } from 'node:child_process';
import { WORKER_MAIN, type Env } from './cli';

export interface RunningWorker {
  /** The worker's process id, which is also in the name it gives BullMQ (`host:pid`). */
  readonly pid: number;
  output(): string;
  /** SIGTERM: it finishes the jobs in hand, then exits. */
  stop(): Promise<void>;
  /** Ends it at once, the way a crash or an evicted container does: nothing is finished. */
  kill(): Promise<void>;
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const deadline = Date.now() + 30_000;
  while (!output.includes('Worker ready')) {
    if (child.exitCode !== null) throw new Error(`the worker stopped while starting:\n${output}`);
    if (Date.now() > deadline) {
      await end('SIGKILL');
      throw new Error(`the worker did not start within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid ?? 0,
    output: () => output,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
