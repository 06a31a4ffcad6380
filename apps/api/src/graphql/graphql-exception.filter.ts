import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { ErrorCode } from '@la-tracker/platform/errors';
import type { Request, Response } from 'express';

/** What a client is told when the request body never reached GraphQL. */
const UNREADABLE_BODY: Readonly<Record<number, { code: ErrorCode; message: string }>> = {
  400: {
    code: ErrorCode.BAD_REQUEST,
    message: 'The request body is not valid JSON: send {"query": "...", "variables": {...}}.',
  },
  413: {
    code: ErrorCode.PAYLOAD_TOO_LARGE,
    message: 'The request is too large: a GraphQL request may be at most 100 kB.',
  },
};

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Hands every error a resolver throws back to Apollo unchanged: `formatError` decides what the
 * client sees and `errorLoggingPlugin` logs the unexpected ones once, with the request id (Nest's
 * own handler would log them a second time, without the operation). A /graphql body that could
 * not be read (malformed JSON, too large) still gets an answer in GraphQL's shape, so clients
 * handle every refusal one way. Other HTTP routes (health, metrics) get Nest's usual answer.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const status = statusOf(exception);
    const refusal = status === undefined ? undefined : UNREADABLE_BODY[status];
    if (request.path === '/graphql' && refusal !== undefined && status !== undefined) {
      http
        .getResponse<Response>()
        .status(status)
        .json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
      return undefined;
    }
    return super.catch(exception, host);
  }
}
