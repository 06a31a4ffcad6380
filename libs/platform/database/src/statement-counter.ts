import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

const counts = new AsyncLocalStorage<{ statements: number }>();

/**
 * Counts the SQL statements one unit of work (an HTTP request) sends, so tests and benchmarks can
 * hold a request to a fixed number whatever the number of rows (no N+1).
 */
export const statementCounter = {
  run<T>(work: () => T): T {
    return counts.run({ statements: 0 }, work);
  },
  /** Statements sent so far in the current unit of work; undefined outside one. */
  current(): number | undefined {
    return counts.getStore()?.statements;
  },
};

/** A TypeORM logger that only counts: every statement passes through `logQuery`. */
export class StatementCountingLogger implements Logger {
  logQuery(): void {
    const store = counts.getStore();
    if (store) store.statements += 1;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
