import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Hands every error a resolver throws back to Apollo unchanged: `formatError` decides what the
 * client sees and `errorLoggingPlugin` logs the unexpected ones once, with the request id (Nest's
 * own handler would log them a second time, without the operation). Errors on plain HTTP routes
 * (health, metrics) get Nest's usual answer, so they are never left without a response.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
