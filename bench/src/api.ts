import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { readEnvironment } from '@la-tracker/platform/config';
import { findFreePort } from '@la-tracker/platform/local-services';
import type { Children } from './children';

const API_MAIN = resolve(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');
const CAPTURE_PRELOAD = resolve(__dirname, 'capture-sql.js');

export const STATEMENT_HEADER = 'x-sql-statements';

/**
 * What the api and the command line share: the services, a token secret for the command line,
 * LOG_LEVEL=warn (the per-request log lines stay out of the measurement) and the rate limits off.
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

/**
 * The api's settings in one of two modes, both signing callers in through the OpenID Connect
 * issuer. `production`, for the timings: graphql-js skips its development checks, and only the
 * issuer's tokens are accepted (no local token secret), as deployed. `test`, short-lived, to count
 * and capture each request's SQL: it alone sends the `x-sql-statements` header.
 */
export function apiEnvironment(
  base: NodeJS.ProcessEnv,
  mode: 'production' | 'test',
  signIn: { issuer: string; audience: string },
): NodeJS.ProcessEnv {
  const { AUTH_HS256_SECRET: localSecret, ...rest } = base;
  const oidc = { OIDC_ISSUER: signIn.issuer, OIDC_AUDIENCE: signIn.audience };
  if (mode === 'test') return { ...base, ...oidc, NODE_ENV: 'test' };
  return {
    ...rest,
    ...oidc,
    NODE_ENV: 'production',
    REPORT_LINK_SECRET: localSecret ?? randomBytes(32).toString('hex'),
  };
}

export interface RunningApi {
  url: string;
  process: ChildProcess;
  /** Where capture-sql.ts writes the statements of a captured request, if it does. */
  captureFile?: string;
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

/** The api as a child process; with a capture file, it records marked requests' SQL there. */
export async function startApi(
  children: Children,
  env: NodeJS.ProcessEnv,
  captureFile?: string,
): Promise<RunningApi> {
  const port = await findFreePort();
  const child = captureFile
    ? children.start(process.execPath, ['--require', CAPTURE_PRELOAD, API_MAIN], {
        env: { ...env, PORT: String(port), BENCH_CAPTURE_FILE: captureFile },
      })
    : children.start(process.execPath, [API_MAIN], { env: { ...env, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(`${url}/health/live`, child, 60_000);
  return { url: `${url}/graphql`, process: child, captureFile };
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
