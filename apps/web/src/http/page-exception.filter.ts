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
      default:
        break;
    }
  }
  if (error instanceof HttpException && error.getStatus() === 404)
    return {
      status: 404,
      title: 'Page not found',
      message: 'If you typed the web address, check it is correct.',
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
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
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
