import {
  Catch,
  HttpException,
  Inject,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from '../api/api-client';
import { SessionCookie } from '../session/session.middleware';
import { FormExpired, SignInRequired } from '../session/signed-in.guard';
import type { WebRequest } from './web-request';

/** DfE Sign-in could not be reached (its discovery or token endpoint). */
export class SignInUnavailable extends Error {
  constructor(cause: unknown) {
    super('DfE Sign-in cannot be reached', { cause });
  }
}

/** The HTTP status an error carries: Nest's exceptions, and Express's body parser's (413, 400). */
function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

interface ErrorPage {
  status: number;
  title: string;
  message: string;
}

/** What a person sees when a page cannot be shown, in plain words (GOV.UK's error page pattern). */
export function errorPageFor(error: unknown): ErrorPage {
  if (error instanceof FormExpired)
    return {
      status: 403,
      title: 'This form has expired',
      message: 'Go back, reload the page and try again. Nothing was saved.',
    };
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'FORBIDDEN':
        return {
          status: 403,
          title: 'You do not have access to this page',
          message: error.message,
        };
      case 'NOT_FOUND':
        return { status: 404, title: 'Page not found', message: error.message };
      case 'RATE_LIMITED':
        return {
          status: 429,
          title: 'Too many requests',
          message: 'You have made a lot of requests in a short time. Wait a minute and try again.',
        };
      case 'API_UNAVAILABLE':
        return {
          status: 503,
          title: 'Sorry, the service is unavailable',
          message: 'The service cannot be reached at the moment. Try again in a few minutes.',
        };
      case 'BAD_USER_INPUT':
        return { status: 400, title: 'There is a problem', message: error.message };
      // Refusals a form shows inline; reached here, they still deserve the api's own words.
      case 'CONFLICT':
      case 'INVALID_TRANSITION':
        return { status: 409, title: 'That could not be done', message: error.message };
      case 'CAP_REACHED':
      case 'NOT_ELIGIBLE':
        return { status: 422, title: 'That could not be done', message: error.message };
      default:
        break;
    }
  }
  if (error instanceof SignInUnavailable)
    return {
      status: 503,
      title: 'Sorry, sign-in is unavailable',
      message: 'DfE Sign-in cannot be reached at the moment. Try again in a few minutes.',
    };
  const status = httpStatusOf(error);
  if (status === 404)
    return {
      status: 404,
      title: 'Page not found',
      message: 'If you typed the web address, check it is correct.',
    };
  if (status === 413)
    return {
      status: 413,
      title: 'That was too large',
      message: 'What you sent is larger than the service accepts. Nothing was saved.',
    };
  if (status !== undefined && status >= 400 && status < 500)
    return {
      status,
      title: 'There is a problem',
      message:
        'The service could not read what was sent. Go back and try again. Nothing was saved.',
    };
  return {
    status: 500,
    title: 'Sorry, there is a problem with the service',
    message: 'Try again later. Nothing was saved.',
  };
}

/**
 * Every page's errors: a sign-in that has ended goes back to sign in (and then to the page it
 * wanted); the api's refusals become error pages with its message; anything unexpected is logged
 * and shown as a generic problem with the request id.
 */
@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PageExceptionFilter.name);

  constructor(@Inject(SessionCookie) private readonly cookie: SessionCookie) {}

  catch(error: unknown, host: ArgumentsHost): void {
    this.respond(
      error,
      host.switchToHttp().getRequest<WebRequest>(),
      host.switchToHttp().getResponse<Response>(),
    );
  }

  /**
   * Express middleware for errors that never reach Nest's handlers (the form body parser's), so
   * they too get a GOV.UK page rather than Express's own.
   */
  readonly middleware = (
    error: unknown,
    req: WebRequest,
    res: Response,
    next: (error?: unknown) => void,
  ): void => {
    if (res.headersSent) return next(error);
    this.respond(error, req, res);
  };

  private respond(error: unknown, req: WebRequest, res: Response): void {
    if (
      error instanceof SignInRequired ||
      (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
    ) {
      this.cookie.end(res);
      const returnTo = req.method === 'GET' ? req.originalUrl : '/';
      res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      return;
    }
    const page = errorPageFor(error);
    if (page.status >= 500) this.logger.error(error instanceof Error ? error : String(error));
    res.status(page.status).render('error', { ...page, requestId: req.id });
  }
}
