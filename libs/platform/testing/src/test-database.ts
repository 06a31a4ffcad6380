import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrlFor, testEnvironment } from './test-environment';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testEnvironment().adminDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file: a copy of the migrated, seeded template (or an empty
 * one), so files never see each other's data and may run in any order, in parallel.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const { runId, templateDatabase } = testEnvironment();
  const name = `la_tracker_test_${runId}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Two copies of one template at the same moment can collide: wait and try again.
        await client.query(
          options.empty
            ? `CREATE DATABASE ${name}`
            : `CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`,
        );
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrlFor(testEnvironment().adminDatabaseUrl, name),
    drop: () =>
      withAdmin(
        async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
      ),
  };
}
