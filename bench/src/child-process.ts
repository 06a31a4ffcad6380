import { run } from '@la-tracker/platform/testing';

/** Runs a Node script to its end; its standard output, or an error with what it wrote. */
export async function runNode(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const { code, stdout, stderr } = await run(script, args, env);
  if (code !== 0)
    throw new Error(`${script} stopped with code ${String(code)}:\n${stderr}${stdout}`);
  return stdout;
}

/** The last line of a child's output that is a JSON object. */
export function lastJsonLine<T>(output: string): T {
  const line = output
    .trim()
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('{'));
  if (!line) throw new Error(`No result in the output:\n${output}`);
  return JSON.parse(line) as T;
}

/** A PostgreSQL URL whose sessions refuse every write (PostgreSQL's own read-only mode). */
export function readOnlyUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', '-c default_transaction_read_only=on');
  return url.toString();
}
