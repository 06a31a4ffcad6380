import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { PinoLogger } from 'nestjs-pino';
import type { GraphQLContext } from './graphql-context';
import { isExpectedError } from './error-formatter';

/** Logs every unexpected error with the request id; the client only sees a generic message. */
export function errorLoggingPlugin(logger: PinoLogger): ApolloServerPlugin<BaseContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didEncounterErrors: ({ errors, contextValue, operationName }) => {
          const requestId = (contextValue as Partial<GraphQLContext>).req?.id;
          for (const error of errors) {
            if (isExpectedError({ message: error.message, extensions: error.extensions }, error))
              continue;
            logger.error(
              { err: error.originalError ?? error, requestId, operationName, path: error.path },
              'GraphQL request failed',
            );
          }
          return Promise.resolve();
        },
      }),
  };
}
