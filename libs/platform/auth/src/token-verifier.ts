import { developmentSecretFromFile, type AuthConfig } from '@la-tracker/platform/config';
import { UnauthenticatedError } from '@la-tracker/platform/errors';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/** Who a valid token says the caller is. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
}

/** The issuer of tokens made by `npm run cli -- token`, never accepted in production. */
export const DEVELOPMENT_ISSUER = 'la-delivery-tracker-development';
export const DEVELOPMENT_AUDIENCE = 'la-delivery-tracker';

/** Tokens whose clock is a little ahead or behind ours are still fine. */
const CLOCK_TOLERANCE_SECONDS = 60;
const DISCOVERY_TIMEOUT_MS = 5000;
/** Every token must expire (SPEC §2); one with no expiry is refused. */
const REQUIRED_CLAIMS = ['exp', 'sub'];

function identityOf(payload: JWTPayload): VerifiedIdentity {
  if (!payload.iss || !payload.sub)
    throw new UnauthenticatedError('Your token names no issuer or subject.');
  return {
    issuer: payload.iss,
    subject: payload.sub,
    email: typeof payload.email === 'string' ? payload.email : null,
  };
}

/** Runs a check, turning what is wrong with the token into UNAUTHENTICATED and nothing else. */
async function verified(check: () => Promise<{ payload: JWTPayload }>): Promise<VerifiedIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await check());
  } catch (error) {
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw error;
    if (error instanceof errors.JWTExpired)
      throw new UnauthenticatedError('Your token has expired: sign in again.');
    throw new UnauthenticatedError('Your token is not valid here: sign in again.');
  }
  return identityOf(payload);
}

/**
 * The local HS256 secret for development and tests: AUTH_HS256_SECRET, or else a random secret kept
 * in a file under DATA_DIR, made on first use. None in production.
 */
export function developmentSecret(auth: AuthConfig): Uint8Array | undefined {
  if (auth.hs256Secret) return new TextEncoder().encode(auth.hs256Secret);
  if (!auth.developmentSecretFile) return undefined;
  return new TextEncoder().encode(developmentSecretFromFile(auth.developmentSecretFile));
}

/** Signs a development token (HS256) for a user made by `npm run cli -- token`. */
export function signDevelopmentToken(
  secret: Uint8Array,
  identity: { subject: string; email: string | null },
  expiresIn = '8h',
): Promise<string> {
  return new SignJWT(identity.email ? { email: identity.email } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(DEVELOPMENT_AUDIENCE)
    .setSubject(identity.subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}

/**
 * Checks bearer tokens: development tokens with the local secret (never in production), and
 * everything else against the OpenID Connect issuer's published keys, found by discovery and
 * refreshed by jose when the issuer rotates them.
 */
export class TokenVerifier {
  private jwks?: Promise<ReturnType<typeof createRemoteJWKSet>>;

  constructor(
    private readonly localSecret: Uint8Array | undefined,
    private readonly oidc: AuthConfig['oidc'],
  ) {}

  static fromConfig(auth: AuthConfig): TokenVerifier {
    return new TokenVerifier(developmentSecret(auth), auth.oidc);
  }

  async verify(token: string): Promise<VerifiedIdentity> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new UnauthenticatedError('Your token is not a JWT: sign in again.');
    }
    if (issuer === DEVELOPMENT_ISSUER && this.localSecret) {
      const secret = this.localSecret;
      return verified(() =>
        jwtVerify(token, secret, {
          issuer: DEVELOPMENT_ISSUER,
          audience: DEVELOPMENT_AUDIENCE,
          algorithms: ['HS256'],
          requiredClaims: REQUIRED_CLAIMS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }),
      );
    }
    if (this.oidc && issuer === this.oidc.issuer) {
      const { audience } = this.oidc;
      // An issuer we cannot reach is our outage, not the caller's fault: it is not caught here.
      const keys = await this.keys(this.oidc.issuer);
      return verified(() =>
        jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms: ['RS256'],
          requiredClaims: REQUIRED_CLAIMS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }),
      );
    }
    throw new UnauthenticatedError('Your token comes from an issuer this service does not trust.');
  }

  /** The issuer's key set, found once through OpenID Connect discovery. */
  private keys(issuer: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.jwks ??= (async () => {
      const response = await fetch(
        `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
        {
          signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
        },
      );
      if (!response.ok)
        throw new Error(`OpenID Connect discovery at ${issuer} answered ${response.status}`);
      const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
      if (document.issuer !== issuer) {
        throw new Error(
          `OpenID Connect discovery at ${issuer} names another issuer (${document.issuer})`,
        );
      }
      if (!document.jwks_uri)
        throw new Error(`OpenID Connect discovery at ${issuer} gave no jwks_uri`);
      const jwksUri = document.jwks_uri;
      return createRemoteJWKSet(new URL(jwksUri));
    })().catch((error: unknown) => {
      this.jwks = undefined; // try discovery again on the next request
      throw error;
    });
    return this.jwks;
  }
}
