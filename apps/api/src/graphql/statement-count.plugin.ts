import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { statementCounter } from '@la-tracker/platform/database';

export const STATEMENT_COUNT_HEADER = 'x-sql-statements';

/**
 * Tells the client how many SQL statements its request cost (outside production), so tests and
 * benchmarks can hold each operation to a fixed number however many rows it returns.
 */
export function statementCountPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response }) => {
          const statements = statementCounter.current();
          if (statements !== undefined)
            response.http.headers.set(STATEMENT_COUNT_HEADER, String(statements));
          return Promise.resolve();
        },
      }),
  };
}
