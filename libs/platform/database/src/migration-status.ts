import type { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from './data-source';

export const MIGRATE_COMMAND = 'npm run cli -- migrate';

export class SchemaBehindError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database schema is behind this release: ${pending.length} migration(s) have not run ` +
        `(${pending.join(', ')}). Run \`${MIGRATE_COMMAND}\` against this database, then start again.`,
    );
    this.name = 'SchemaBehindError';
  }
}

/** Names of the migrations this release has that the database has not run, oldest first. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ exists }] = await dataSource.query<Array<{ exists: boolean }>>(
    `SELECT to_regclass($1) IS NOT NULL AS exists`,
    [`public.${MIGRATIONS_TABLE}`],
  );
  const executed = exists
    ? await dataSource.query<Array<{ name: string }>>(`SELECT name FROM ${MIGRATIONS_TABLE}`)
    : [];
  const ran = new Set(executed.map((row) => row.name));
  return dataSource.migrations
    .map((migration) => migration.name ?? migration.constructor.name)
    .filter((name) => !ran.has(name));
}

export async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length > 0) throw new SchemaBehindError(pending);
}
