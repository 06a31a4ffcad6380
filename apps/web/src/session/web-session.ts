import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/** Who is signed in to the web app: the bearer token it sends the api on their behalf. */
export interface WebSession {
  /** The sign-in token (development or OpenID Connect) the api checks on every request. */
  readonly token: string;
  /** Shown in the header, so people can tell which account they are using. */
  readonly name: string;
  /** Sent back in every form, so another site cannot post a form as this person. */
  readonly csrfToken: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** A working day at most, whatever the token's own expiry. */
export const SESSION_MAX_SECONDS = 8 * 60 * 60;

export const SESSION_COOKIE = 'la_tracker_session';

/**
 * Seals the session into its cookie (encrypted and authenticated, A256GCM), so the web app keeps
 * no state of its own and any number of its processes can serve the same person. No script can
 * read the token out of the cookie, and a cookie altered by hand does not open.
 */
export class SessionSealer {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = createHash('sha256').update(secret).digest();
  }

  async seal(session: Omit<WebSession, 'csrfToken'>): Promise<string> {
    const csrfToken = randomBytes(24).toString('base64url');
    return new EncryptJWT({ token: session.token, name: session.name, csrf: csrfToken })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(session.expiresAt)
      .encrypt(this.key);
  }

  /** The session a cookie holds, or nothing when it is missing, tampered with or expired. */
  async open(cookie: string | undefined): Promise<WebSession | undefined> {
    if (!cookie) return undefined;
    try {
      const { payload } = await jwtDecrypt(cookie, this.key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const { token, name, csrf, exp } = payload;
      if (typeof token !== 'string' || typeof name !== 'string' || typeof csrf !== 'string')
        return undefined;
      return { token, name, csrfToken: csrf, expiresAt: exp ?? 0 };
    } catch {
      return undefined;
    }
  }

  /** Seals anything else the web app must hand the browser to keep for it, until `expiresAt`. */
  sealValue(value: Record<string, string>, expiresAt: number): Promise<string> {
    return new EncryptJWT({ value })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(expiresAt)
      .encrypt(this.key);
  }

  async openValue(sealed: string | undefined): Promise<Record<string, string> | undefined> {
    if (!sealed) return undefined;
    try {
      const { payload } = await jwtDecrypt(sealed, this.key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const value = payload.value;
      if (value === null || typeof value !== 'object') return undefined;
      return Object.fromEntries(
        Object.entries(value).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
    } catch {
      return undefined;
    }
  }
}

/** Compares a form's CSRF token with the session's in constant time. */
export function csrfTokenMatches(session: WebSession, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * When the session ends: the token's own expiry or a working day from now, whichever is sooner.
 * `tokenExpiresAt` is in seconds since the epoch, as tokens say it.
 */
export function sessionExpiry(nowMs: number, tokenExpiresAt: number | undefined): number {
  const latest = Math.floor(nowMs / 1000) + SESSION_MAX_SECONDS;
  return tokenExpiresAt === undefined ? latest : Math.min(latest, tokenExpiresAt);
}
