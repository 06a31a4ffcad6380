// Runs in plain Node after every test file (see global-setup.ts).
import { rmSync } from 'node:fs';
import { Client } from 'pg';
import type { StartedServices } from './global-setup';
import { TEST_ENV } from './test-env-names';

/** Drops this run's databases and stored files, and stops the services the set-up started. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[TEST_ENV.adminDatabaseUrl];
  const runId = process.env[TEST_ENV.runId];
  if (adminUrl && runId) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`la\\_tracker\\_test\\_${runId}\\_%`, `la_tracker_template_${runId}`],
      );
      for (const { datname } of rows)
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  const files = process.env[TEST_ENV.fileStorageDir];
  if (files) rmSync(files, { recursive: true, force: true });
  const services = (globalThis as { __laTestServices?: StartedServices }).__laTestServices;
  if (services) {
    await new Promise<void>((resolve) => {
      services.child.once('exit', () => resolve());
      services.child.kill('SIGTERM');
    });
    rmSync(services.dataDir, { recursive: true, force: true });
  }
}
