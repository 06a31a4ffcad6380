import { createTestDatabase, testConfig, testEnvironment } from '@la-tracker/platform/testing';
import { SchemaBehindError } from '@la-tracker/platform/database';
import { Client } from 'pg';
import { createApiApp } from './main';

describe('createApiApp', () => {
  it('refuses to serve on a database that has not been migrated, saying how to migrate', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      const attempt = createApiApp(
        testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      );
      await expect(attempt).rejects.toBeInstanceOf(SchemaBehindError);
      await expect(attempt).rejects.toThrow(/npm run cli -- migrate/);
    } finally {
      await database.drop();
    }
  });

  it('refuses to serve on a schema one migration behind, naming it', async () => {
    const database = await createTestDatabase();
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const [{ name }] = (
      await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')
    ).rows;
    await client.query('DELETE FROM migrations WHERE name = $1', [name]);
    await client.end();
    try {
      await expect(
        createApiApp(
          testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
        ),
      ).rejects.toThrow(new RegExp(`1 migration\\(s\\) have not run \\(${name}\\)`));
    } finally {
      await database.drop();
    }
  });
});
