import { Catch, type ExceptionFilter } from '@nestjs/common';

/**
 * Hands every error a resolver throws back to Apollo unchanged: `formatError` decides what the
 * client sees and `errorLoggingPlugin` logs the unexpected ones once, with the request id (Nest's
 * own handler would log them a second time, without the operation).
 */
@Catch()
export class GraphQLExceptionFilter implements ExceptionFilter {
  catch(exception: unknown): unknown {
    return exception;
  }
}
