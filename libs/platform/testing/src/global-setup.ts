// Jest runs this in plain Node before any test file, outside the path aliases of the code under
// test: it uses only Node, pg and the built command line, and reads the environment directly.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { databaseUrlFor, TEST_ENV } from './test-env-names';

export const CLI = resolve(__dirname, '../../../../dist/apps/cli/src/main.js');

export interface StartedServices {
  child: ChildProcess;
  dataDir: string;
}

function assertBuilt(): void {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
}

/** Starts embedded PostgreSQL and a private redis-server through the built command line. */
async function startServices(): Promise<{
  databaseUrl: string;
  redisUrl: string;
  started: StartedServices;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'la-tracker-test-'));
  chmodSync(dataDir, 0o755); // PostgreSQL, run as root, drops to a user that must reach it
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [CLI, 'services', '--json', '--no-persist-redis'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolveLine, reject) => {
    lines.once('line', resolveLine);
    child.once('exit', (code) =>
      reject(new Error(`the test services did not start (exit code ${code})`)),
    );
  });
  lines.close();
  const urls = JSON.parse(first) as { databaseUrl: string; redisUrl: string };
  return { ...urls, started: { child, dataDir } };
}

/** A migrated database with the reference data, which every test file copies. */
async function createTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const env = { ...process.env, DATABASE_URL: databaseUrlFor(adminUrl, name), LOG_LEVEL: 'warn' };
  for (const command of ['migrate', 'seed']) {
    execFileSync(process.execPath, [CLI, command], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

export default async function globalSetup(): Promise<void> {
  assertBuilt();
  process.env.TZ = 'UTC';
  let databaseUrl = process.env.DATABASE_URL;
  let redisUrl = process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    const services = await startServices();
    databaseUrl ??= services.databaseUrl;
    redisUrl ??= services.redisUrl;
    (globalThis as { __laTestServices?: StartedServices }).__laTestServices = services.started;
  }
  const runId = `${process.pid}`;
  const template = `la_tracker_template_${runId}`;
  await createTemplate(databaseUrl, template);
  Object.assign(process.env, {
    [TEST_ENV.adminDatabaseUrl]: databaseUrl,
    [TEST_ENV.templateDatabase]: template,
    [TEST_ENV.redisUrl]: redisUrl,
    [TEST_ENV.runId]: runId,
    [TEST_ENV.fileStorageDir]: mkdtempSync(join(tmpdir(), 'la-tracker-test-files-')),
  });
}
