import {
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { hasRole, type Caller } from '@la-tracker/platform/auth';
import { ForbiddenError, UnauthenticatedError } from '@la-tracker/platform/errors';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../graphql/graphql-context';
import { PersonRateLimit } from '../http/person-rate-limit';
import { accessFor, needsPersonalSignIn } from './access-policy';
import { BearerAuthenticator, bearerOf } from './bearer-authenticator';

/**
 * Guards every GraphQL operation: finds the caller once per request (token → identity → roles
 * from the database), then holds the operation to its entry in the access policy.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    @Inject(BearerAuthenticator) private readonly authenticator: BearerAuthenticator,
    @Inject(PersonRateLimit) private readonly personRateLimit: PersonRateLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // HTTP routes (health, metrics) are not GraphQL operations and carry no data.
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const access = accessFor(info.parentType.name, info.fieldName);
    const caller = await this.callerOf(gql.getContext<GraphQLContext>());
    await this.personRateLimit.chargeOperation(gql.getContext<GraphQLContext>(), caller);

    if (access === 'PUBLIC') return true;
    if (!caller) throw new UnauthenticatedError();
    if (access === 'SIGNED_IN') return true;
    if (access === undefined) {
      this.logger.error(
        `${info.parentType.name}.${info.fieldName} has no entry in the access policy`,
      );
      throw new ForbiddenError();
    }
    if (!hasRole(caller, ...access)) throw new ForbiddenError();
    if (caller.apiTokenId && needsPersonalSignIn(info.parentType.name, info.fieldName))
      throw new ForbiddenError(
        'This needs you signed in as yourself: a personal API token cannot do it.',
      );
    return true;
  }

  /** The caller behind the request's bearer token, worked out once however many fields ask. */
  private callerOf(context: GraphQLContext): Promise<Caller | null> {
    context.auth.caller ??= (async () => {
      const header = context.req.headers.authorization;
      if (!header) return null;
      const token = bearerOf(header);
      if (!token)
        throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
      return (await this.authenticator.authenticate(token)).caller;
    })();
    return context.auth.caller;
  }
}
