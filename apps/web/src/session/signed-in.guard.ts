import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../api/api-client';
import { navigationFor } from '../http/navigation';
import { onBehalfOf, type Grant, type Role, type WebRequest } from '../http/web-request';
import { csrfTokenMatches } from './web-session';

/** No one is signed in (or their sign-in has ended): the filter sends them to sign in. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in to see this page');
  }
}

/** A form came back without the CSRF token of the session it was shown in. */
export class FormExpired extends Error {
  constructor() {
    super('This form has expired');
  }
}

const ME = /* GraphQL */ `
  query Viewer {
    me {
      grants {
        role
        programmeId
        supplierId
        regionCode
      }
    }
  }
`;

/**
 * Every page but sign-in: the person must be signed in, and the api must still accept their
 * token; their current roles come from the api on each request, so navigation never shows what a
 * role taken away no longer allows. Forms must carry the session's CSRF token.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest>();
    if (!req.session) throw new SignInRequired(req.originalUrl);
    if (
      req.method === 'POST' &&
      !csrfTokenMatches(req.session, (req.body as { _csrf?: unknown })?._csrf)
    )
      throw new FormExpired();
    const { me } = await this.api.request<{ me: { grants: Grant[] } }>(onBehalfOf(req), ME);
    const viewer = {
      name: req.session.name,
      grants: me.grants,
      roles: new Set<Role>(me.grants.map((grant) => grant.role)),
    };
    req.viewer = viewer;
    const res = context.switchToHttp().getResponse<Response>();
    Object.assign(res.locals, {
      viewer,
      navigation: navigationFor(viewer.roles, req.path),
      csrfToken: req.session.csrfToken,
    });
    return true;
  }
}
