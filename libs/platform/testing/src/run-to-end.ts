import { spawn } from 'node:child_process';

export type Env = Record<string, string | undefined>;

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node script (a built entry point) to its end, with what it wrote. */
export function run(script: string, args: readonly string[], env: Env): Promise<Finished> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}
