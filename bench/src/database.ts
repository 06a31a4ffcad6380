import { resolve } from 'node:path';
import { Client } from 'pg';
import type { Children } from './children';

export const CLI = resolve(__dirname, '..', '..', 'apps', 'cli', 'src', 'main.js');

/** The tables whose sizes describe a run's data. */
const COUNTED_TABLES = [
  'local_authority',
  'inspection_event',
  'programme',
  'contract',
  'engagement',
  'delivery_session',
  'session_attendance',
  'participant',
] as const;

/** The same server, another database. */
export function databaseUrlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What marks a database as fully prepared for a scale (set as the database's comment). */
function completeMark(scale: number, scaled: boolean): string {
  return scaled
    ? `la-tracker bench: migrated, seeded and seed-demo --scale ${scale} complete`
    : `la-tracker bench: migrated, seeded and seed-demo (no --scale) complete`;
}

export interface PreparedDatabase {
  url: string;
  /** Whether it was built in this run (false: it was there and complete). */
  built: boolean;
  /** Whether `seed-demo` took --scale (false: the small demonstration data only). */
  scaled: boolean;
}

/**
 * Finds or creates the scale's database, then migrates, seeds and seeds the demonstration data at
 * that scale once, through the command line as a child process; a database marked complete is used
 * as it is.
 */
export async function prepareDatabase(options: {
  serverUrl: string;
  name: string;
  scale: number;
  children: Children;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
}): Promise<PreparedDatabase> {
  const { serverUrl, name, scale, children, log } = options;
  const url = databaseUrlOf(serverUrl, name);
  const adminUrl = databaseUrlOf(serverUrl, 'postgres');
  const mark = await withClient(adminUrl, async (client) => {
    const found = await client.query<{ mark: string | null }>(
      'SELECT shobj_description(oid, $2) AS mark FROM pg_database WHERE datname = $1',
      [name, 'pg_database'],
    );
    if (found.rows.length === 0) {
      log(`Creating database ${name}`);
      await client.query(`CREATE DATABASE "${name}"`);
      return null;
    }
    return found.rows[0]?.mark ?? null;
  });
  if (mark === completeMark(scale, true)) {
    log(`Database ${name} is already prepared for scale ${scale}`);
    return { url, built: false, scaled: true };
  }
  const cliHelp = await children.run(process.execPath, [CLI, 'seed-demo', '--help'], options.env);
  const scaled = cliHelp.includes('--scale');
  if (mark === completeMark(scale, false) && !scaled) {
    log(`Database ${name} is already prepared (seed-demo takes no --scale here)`);
    return { url, built: false, scaled };
  }
  const env = { ...options.env, DATABASE_URL: url };
  for (const step of [
    ['migrate'],
    ['seed'],
    ['seed-demo', ...(scaled ? ['--scale', String(scale)] : [])],
  ]) {
    log(`  cli ${step.join(' ')}`);
    const started = Date.now();
    await children.run(process.execPath, [CLI, ...step], env);
    log(`  … ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (!scaled)
    log('seed-demo takes no --scale here: measuring on the small demonstration data instead');
  await withClient(url, (client) =>
    client.query(`COMMENT ON DATABASE "${name}" IS '${completeMark(scale, scaled)}'`),
  );
  return { url, built: true, scaled };
}

export type RowCounts = Record<string, number>;

export function rowCounts(url: string): Promise<RowCounts> {
  return withClient(url, async (client) => {
    const counts: RowCounts = {};
    for (const table of COUNTED_TABLES) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(result.rows[0]?.n ?? 0);
    }
    return counts;
  });
}

export function postgresVersion(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });
}

/** Runs a query on the bench database: finding the rows the scenarios need. */
export function query<R extends object>(url: string, text: string, params: unknown[] = []) {
  return withClient(url, async (client) => (await client.query<R>(text, params)).rows);
}
