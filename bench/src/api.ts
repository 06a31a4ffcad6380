import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { readEnvironment } from '@la-tracker/platform/config';
import { findFreePort } from '@la-tracker/platform/local-services';
import type { Children } from './children';
import { CLI } from './database';

const API_MAIN = resolve(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');
const CAPTURE_PRELOAD = resolve(__dirname, 'capture-sql.js');

export const STATEMENT_HEADER = 'x-sql-statements';

/**
 * What the api and the command line share: the services, a token secret, and production-like
 * behaviour. NODE_ENV=test rather than production: production refuses development tokens and
 * drops the statement-count header; test otherwise serves as production does (no "Did you mean"
 * suggestions), and LOG_LEVEL=warn keeps the per-request log lines out of the measurement.
 */
export function productEnvironment(options: {
  databaseUrl: string;
  redisUrl: string;
  dataDir: string;
}): NodeJS.ProcessEnv {
  return {
    PATH: readEnvironment()['PATH'],
    TZ: 'UTC',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    DATA_DIR: options.dataDir,
    QUEUE_PREFIX: 'la-tracker-bench',
    AUTH_HS256_SECRET: randomBytes(32).toString('hex'),
    // 0 switches each limit off: load from one address and one person is the point here.
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
    RATE_LIMIT_PER_USER_PER_MINUTE: '0',
  };
}

export interface RunningApi {
  url: string;
  process: ChildProcess;
  /** Where capture-sql.ts writes the statements of a captured request. */
  captureFile: string;
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the api stopped while starting (see above)');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the api did not answer ${url} within ${timeoutMs / 1000} s`);
}

export async function startApi(
  children: Children,
  env: NodeJS.ProcessEnv,
  captureFile: string,
): Promise<RunningApi> {
  const port = await findFreePort();
  const child = children.start(process.execPath, ['--require', CAPTURE_PRELOAD, API_MAIN], {
    env: { ...env, PORT: String(port), BENCH_CAPTURE_FILE: captureFile },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(`${url}/health/live`, child, 60_000);
  return { url: `${url}/graphql`, process: child, captureFile };
}

/** A development token from the command line (`token --role …`), as a person of that role. */
export async function tokenFor(
  children: Children,
  env: NodeJS.ProcessEnv,
  role: 'ADMIN' | 'SUPPLIER',
  supplierId?: string,
): Promise<string> {
  const args = [CLI, 'token', '--role', role, '--expires-in', '1d'];
  if (supplierId) args.push('--supplier', supplierId);
  return (await children.run(process.execPath, args, env)).trim();
}

export interface GraphQLAnswer {
  status: number;
  statements: number | null;
  body: { data?: unknown; errors?: unknown[] };
}

export async function graphql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const statements = response.headers.get(STATEMENT_HEADER);
  return {
    status: response.status,
    statements: statements === null ? null : Number(statements),
    body: (await response.json()) as GraphQLAnswer['body'],
  };
}

/** The answer's data, or an error saying what went wrong. */
export function dataOf(answer: GraphQLAnswer, what: string): unknown {
  if (answer.status !== 200 || answer.body.errors || !answer.body.data)
    throw new Error(
      `${what}: the api answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 1000)}`,
    );
  return answer.body.data;
}
