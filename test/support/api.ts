import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readEnvironment } from '@la-tracker/platform/config';
import { findFreePort } from '@la-tracker/platform/local-services';
import { API_MAIN } from './cli';
import { TEST_SECRET } from './tokens';

/**
 * What a production process needs besides its services: only OpenID Connect sign-in (no local
 * token secret) and its own report-link secret. Nothing in the tests contacts the issuer.
 */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  REPORT_LINK_SECRET: 'l'.repeat(32),
  AUTH_HS256_SECRET: '',
  OIDC_ISSUER: 'https://oidc.example.gov.uk',
  OIDC_AUDIENCE: 'la-delivery-tracker',
};

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: string[];
    extensions?: { code?: string; [key: string]: unknown };
  }>;
}

export interface RunningApi {
  url: string;
  /** Where the api serves, e.g. http://127.0.0.1:PORT, for paths other than /graphql. */
  base: string;
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** The api's log lines that match, waiting a moment for its log to be written. */
  logLines(pattern: RegExp): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts the built api as its own process, as it runs in production, and waits until it serves. */
export async function startApi(
  services: { databaseUrl: string; redisUrl: string },
  env: Record<string, string> = {},
  defaultHeaders: Record<string, string> = {},
): Promise<RunningApi> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      ...readEnvironment(),
      AUTH_HS256_SECRET: TEST_SECRET,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      // Its own queues, unless the test shares them with a worker: jobs an api queues must never
      // reach another test's worker (or a developer's) through the shared Redis.
      QUEUE_PREFIX: `la-tracker-e2e-${randomBytes(6).toString('hex')}`,
      // Every request of a test file comes from one address, and often one person: limits are
      // on, to run through them, but far above what a test sends (rate-limits.e2e-spec sets its own).
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '100000',
      ...env,
      PORT: String(port),
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api stopped while starting:\n${output}`);
    try {
      if ((await fetch(`${base}/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the api did not start within 30 s:
${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${base}/graphql`,
    base,
    async logLines(pattern) {
      const matching = () => output.split('\n').filter((line) => pattern.test(line));
      for (let waited = 0; matching().length === 0 && waited < 3000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return matching();
    },
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...defaultHeaders, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Pick<GraphQLResponse<never>, 'data' | 'errors'>;
      return {
        status: response.status,
        headers: response.headers,
        data: body.data,
        errors: body.errors,
      };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
