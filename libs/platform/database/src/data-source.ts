import { types } from 'pg';
import type { DataSourceOptions, EntitySchema, MigrationInterface } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { StatementCountingLogger } from './statement-counter';

// A PostgreSQL `date` is a calendar date: keep it as `YYYY-MM-DD`, never a JavaScript Date at
// midnight in some time zone.
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value: string) => value);

export interface DataSourceParts {
  url: string;
  poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Array<Function | EntitySchema>;
  migrations: Array<new () => MigrationInterface>;
  /** Shown in `pg_stat_activity`, so a slow query can be traced to its process. */
  applicationName?: string;
}

export const MIGRATIONS_TABLE = 'migrations';

/**
 * Settings every connection of the app starts with. JIT compiling takes longer (a third of a
 * second) than it saves on the app's queries, which read thousands of rows, not millions: it is
 * for long analytic queries.
 */
export const CONNECTION_OPTIONS = '-c jit=off';

export function dataSourceOptions(parts: DataSourceParts): DataSourceOptions {
  return {
    type: 'postgres',
    url: parts.url,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension needs installing.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    logger: new StatementCountingLogger(),
    applicationName: parts.applicationName ?? 'la-delivery-tracker',
    extra: { max: parts.poolSize ?? 10, options: CONNECTION_OPTIONS },
  };
}
