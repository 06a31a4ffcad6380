import { dataSourceOptions, pendingMigrations, runMigrations } from '@la-tracker/platform/database';
import { createTestDatabase, type TestDatabase } from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { entities, migrations } from './index';

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    await runMigrations({ url: database.url, entities, migrations }, () => undefined);
    dataSource = await new DataSource(
      dataSourceOptions({ url: database.url, entities, migrations }),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('leave nothing pending', async () => {
    expect(await pendingMigrations(dataSource)).toEqual([]);
  });

  it('build exactly the schema the entities describe', async () => {
    // The SQL TypeORM would run to bring the database in line with the entities: none.
    const drift = await dataSource.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('can each be undone and done again', async () => {
    for (let i = 0; i < migrations.length; i += 1)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const [{ count }] = await dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(Number(count)).toBe(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await pendingMigrations(dataSource)).toEqual([]);
  });

  it('run once even when two processes start at the same moment', async () => {
    const other = await createTestDatabase({ empty: true });
    try {
      const log: string[] = [];
      await Promise.all([
        runMigrations({ url: other.url, entities, migrations }, (line) => log.push(line)),
        runMigrations({ url: other.url, entities, migrations }, (line) => log.push(line)),
      ]);
      expect(log.filter((line) => line.startsWith('  ran '))).toHaveLength(migrations.length);
      expect(log).toContain('Database schema is up to date; no migrations to run.');
    } finally {
      await other.drop();
    }
  });
});
