import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BoundedLabel } from '@la-tracker/platform/observability';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Distinct operation names kept as labels; clients choose them, so they must not grow unbounded. */
const MAX_OPERATION_NAMES = 100;

type Labels = 'operation_name' | 'operation_type';

/**
 * Counts GraphQL operations (each operation of a batch apart) and their latency, by operation
 * name and type, and whether they answered with errors. An operation refused before it was
 * understood (parse or validation failed) is `__invalid__`; one without a name `__anonymous__`.
 */
export function graphqlMetricsPlugin(registry: Registry): ApolloServerPlugin<BaseContext> {
  const names = new BoundedLabel(MAX_OPERATION_NAMES);
  const operations = new Counter<Labels | 'outcome'>({
    name: 'graphql_operations_total',
    help: 'GraphQL operations answered, by operation name and type, and outcome (success or error).',
    labelNames: ['operation_name', 'operation_type', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram<Labels>({
    name: 'graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation, from receiving it to sending its response.',
    labelNames: ['operation_name', 'operation_type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    requestDidStart: () => {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse: ({ operation, operationName, errors }) => {
          const labels = {
            operation_name: !operation
              ? '__invalid__'
              : operationName
                ? names.of(operationName)
                : '__anonymous__',
            operation_type: operation?.operation ?? 'unknown',
          };
          operations.inc({ ...labels, outcome: errors?.length ? 'error' : 'success' });
          duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          return Promise.resolve();
        },
      });
    },
  };
}
