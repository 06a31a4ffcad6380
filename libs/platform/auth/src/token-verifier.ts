import { developmentSecretFromFile, type AuthConfig } from '@la-tracker/platform/config';
import { UnauthenticatedError } from '@la-tracker/platform/errors';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/** The organisation a DfE Sign-in token says the person signed in for. */
export interface SignInOrganisation {
  id: string;
  name: string | null;
}

/** What the OpenID Connect issuer says about the person, beyond who they are. */
export interface SignInProfile {
  displayName: string | null;
  organisation: SignInOrganisation | null;
}

/** Who a valid token says the caller is. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** Only for tokens from the OpenID Connect issuer: the person is recorded from it on sign-in. */
  profile?: SignInProfile;
}

/** The issuer of tokens made by `npm run cli -- token`, never accepted in production. */
export const DEVELOPMENT_ISSUER = 'la-delivery-tracker-development';
export const DEVELOPMENT_AUDIENCE = 'la-delivery-tracker';

/** Tokens whose clock is a little ahead or behind ours are still fine. */
const CLOCK_TOLERANCE_SECONDS = 60;
const DISCOVERY_TIMEOUT_MS = 5000;

/** How long the issuer's published keys are trusted before they are fetched again. */
export interface KeySetTiming {
  /**
   * After a fetch, a token naming a key we do not hold fetches the set again only once this has
   * passed: a new key is picked up within it, and forged key ids cannot flood the issuer.
   */
  cooldownMs: number;
  /** Keys are fetched again after this, so a key the issuer withdraws stops working within it. */
  cacheMaxAgeMs: number;
}

export const KEY_SET_TIMING: KeySetTiming = { cooldownMs: 10_000, cacheMaxAgeMs: 5 * 60_000 };
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

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * The person's name and organisation from OpenID Connect claims: `given_name` and `family_name`,
 * else `name`; DfE Sign-in's `organisation`, an object or the same object as a JSON string.
 */
export function signInProfileOf(payload: JWTPayload): SignInProfile {
  const fullName = [text(payload.given_name), text(payload.family_name)].filter(Boolean).join(' ');
  let organisation: unknown = payload.organisation;
  if (typeof organisation === 'string') {
    try {
      organisation = JSON.parse(organisation);
    } catch {
      organisation = null;
    }
  }
  const fields =
    organisation !== null && typeof organisation === 'object'
      ? (organisation as Record<string, unknown>)
      : {};
  const id = text(fields.id);
  return {
    displayName: fullName || text(payload.name),
    organisation: id ? { id, name: text(fields.name) } : null,
  };
}

/** Runs a check, turning what is wrong with the token into UNAUTHENTICATED and nothing else. */
async function verified(
  check: () => Promise<{ payload: JWTPayload }>,
  withProfile = false,
): Promise<VerifiedIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await check());
  } catch (error) {
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw error;
    if (error instanceof errors.JWTExpired)
      throw new UnauthenticatedError('Your token has expired: sign in again.');
    throw new UnauthenticatedError('Your token is not valid here: sign in again.');
  }
  const identity = identityOf(payload);
  return withProfile ? { ...identity, profile: signInProfileOf(payload) } : identity;
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
  expiresIn: string | number = '8h',
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
 * fetched again when a token names a key not yet held (the issuer rotated) or they grow old (the
 * issuer withdrew one).
 */
export class TokenVerifier {
  private jwks?: Promise<ReturnType<typeof createRemoteJWKSet>>;

  constructor(
    private readonly localSecret: Uint8Array | undefined,
    private readonly oidc: AuthConfig['oidc'],
    private readonly keySetTiming: KeySetTiming = KEY_SET_TIMING,
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
      return verified(
        () =>
          jwtVerify(token, keys, {
            issuer,
            audience,
            algorithms: ['RS256'],
            requiredClaims: REQUIRED_CLAIMS,
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
          }),
        true,
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
      return createRemoteJWKSet(new URL(document.jwks_uri), {
        cooldownDuration: this.keySetTiming.cooldownMs,
        cacheMaxAge: this.keySetTiming.cacheMaxAgeMs,
      });
    })().catch((error: unknown) => {
      this.jwks = undefined; // try discovery again on the next request
      throw error;
    });
    return this.jwks;
  }
}
