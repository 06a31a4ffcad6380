import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const STOP_TIMEOUT_MS = 15_000;

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Every process the benchmark starts, so each is stopped on success, failure and Ctrl-C. Each runs
 * in its own process group, so a terminal's Ctrl-C reaches it once, from here, in order.
 */
export class Children {
  private readonly running = new Set<ChildProcess>();

  start(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    return child;
  }

  /** Runs a command to its end; rejects, with what it wrote, unless it exits with 0. */
  run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
    const child = this.start(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0
          ? resolve(stdout)
          : reject(
              new Error(
                `${[command, ...args].join(' ')} stopped (${signal ?? `exit code ${code}`}):\n${stderr}${stdout}`,
              ),
            ),
      );
    });
  }

  async stop(child: ChildProcess): Promise<void> {
    if (exited(child) || child.pid === undefined) return;
    const pid = child.pid;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      signalGroup(pid, 'SIGTERM');
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((child) => this.stop(child)));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
