import { DataSource } from 'typeorm';
import { dataSourceOptions, type DataSourceParts } from './data-source';
import { pendingMigrations } from './migration-status';

/**
 * Runs the migrations the database has not run, each in its own transaction, saying which. A
 * session-level advisory lock keeps two processes (two replicas starting at once) from racing.
 */
export async function runMigrations(
  parts: DataSourceParts,
  log: (message: string) => void,
): Promise<string[]> {
  const dataSource = await new DataSource(
    dataSourceOptions({ ...parts, poolSize: 1 }),
  ).initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', [
      'la-delivery-tracker:migrate',
    ]);
    const pending = await pendingMigrations(dataSource);
    if (pending.length === 0) {
      log('Database schema is up to date; no migrations to run.');
      return [];
    }
    log(`Running ${pending.length} migration(s): ${pending.join(', ')}`);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of ran) log(`  ran ${migration.name}`);
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
