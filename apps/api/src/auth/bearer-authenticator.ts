import { Inject, Injectable } from '@nestjs/common';
import { ApiTokensService, isApiTokenBearer } from '@la-tracker/domain/identity';
import { CallerLoader, TokenVerifier, type Caller } from '@la-tracker/platform/auth';
import { decodeJwt } from 'jose';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The token in an `Authorization: Bearer <token>` header; undefined when the header is not one. */
export function bearerOf(header: string): string | undefined {
  return BEARER.exec(header)?.[1];
}

/** Who a bearer token belongs to, and the instant it stops working. */
export interface Authenticated {
  caller: Caller;
  expiresAt: Date;
}

/**
 * The one place a bearer token becomes a caller, for the GraphQL guard and the queue dashboard
 * alike: a personal API token (`lat_…`) is looked up by its hash, anything else is verified as a
 * JWT. Either way the roles are the person's current assignments, read from the database.
 * Refuses with UNAUTHENTICATED, saying why.
 */
@Injectable()
export class BearerAuthenticator {
  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(CallerLoader) private readonly callers: CallerLoader,
    @Inject(ApiTokensService) private readonly apiTokens: ApiTokensService,
  ) {}

  async authenticate(bearer: string): Promise<Authenticated> {
    if (isApiTokenBearer(bearer)) {
      const { owner, tokenId, expiresAt } = await this.apiTokens.authenticate(bearer);
      // No profile: an API token records nothing about its owner, it only names them.
      const { issuer, subject, email } = owner;
      const caller = await this.callers.load({ issuer, subject, email });
      return { caller: { ...caller, apiTokenId: tokenId }, expiresAt };
    }
    const caller = await this.callers.load(await this.verifier.verify(bearer));
    // Verified above, so it is a JWT and has an expiry (a required claim).
    return { caller, expiresAt: new Date((decodeJwt(bearer).exp ?? 0) * 1000) };
  }
}
