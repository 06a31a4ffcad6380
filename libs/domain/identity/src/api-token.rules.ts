import { createHash } from 'node:crypto';
import { addCalendarMonths, addDays } from '@la-tracker/domain/calendar';
import type { FieldProblem } from '@la-tracker/platform/errors';
import {
  dateInEngland,
  isIsoDate,
  startOfDayInEngland,
  type IsoDate,
} from '@la-tracker/platform/time';

/**
 * Every secret starts with this, so secret scanners can spot a leaked one and the api can tell
 * it from a JWT (which starts `eyJ`) without trying to decode it.
 */
export const API_TOKEN_SECRET_PREFIX = 'lat_';
/** 256 random bits: far beyond guessing, so the secret needs no slow hash (see `secretHashOf`). */
export const API_TOKEN_SECRET_BYTES = 32;
/** How much of the secret a list shows, so its owner can tell tokens apart; never enough to use. */
export const API_TOKEN_LIST_PREFIX_LENGTH = API_TOKEN_SECRET_PREFIX.length + 8;
export const API_TOKEN_NAME_MAX_LENGTH = 100;
/** A token lives a year at most: a forgotten one stops working on its own. */
export const API_TOKEN_MAX_LIFETIME_MONTHS = 12;
/** When a token was last used is written at most this often, not on every request. */
export const API_TOKEN_USE_RECORDING_INTERVAL_MS = 60_000;
/** Live tokens one person may hold: enough for each system they run, few enough to keep track of. */
export const API_TOKEN_MAX_LIVE = 10;

/** Why the owner may not have another live token, or null when they may. */
export function liveApiTokenLimitProblem(liveCount: number): string | null {
  return liveCount >= API_TOKEN_MAX_LIVE
    ? `You already have ${liveCount} live API tokens, the most one person may hold: revoke one you no longer use first.`
    : null;
}

const SECRET = new RegExp(
  `^${API_TOKEN_SECRET_PREFIX}[A-Za-z0-9_-]{${Math.ceil((API_TOKEN_SECRET_BYTES * 4) / 3)}}$`,
);

/** A token's secret made from fresh random bytes: the prefix, then the bytes in base64url. */
export function apiTokenSecretFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length !== API_TOKEN_SECRET_BYTES)
    throw new RangeError(`An API token needs ${API_TOKEN_SECRET_BYTES} random bytes.`);
  return API_TOKEN_SECRET_PREFIX + Buffer.from(randomBytes).toString('base64url');
}

/** Whether a bearer value is meant as an API token (well formed or not) rather than a JWT. */
export function isApiTokenBearer(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_SECRET_PREFIX);
}

/** Whether a value has the exact shape of a secret this service makes. */
export function isWellFormedApiTokenSecret(value: string): boolean {
  return SECRET.test(value);
}

/**
 * What is stored instead of the secret: its SHA-256, in hex. A password needs a slow, salted hash
 * because people choose guessable ones; this secret is 256 random bits, so no amount of hashing
 * speed makes guessing it feasible, and a fast hash keeps each request's check cheap.
 */
export function secretHashOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The part of a secret a list shows. */
export function listPrefixOf(secret: string): string {
  return secret.slice(0, API_TOKEN_LIST_PREFIX_LENGTH);
}

/** The last day a token may be given to expire on, if created today. */
export function latestApiTokenExpiry(today: IsoDate): IsoDate {
  return addCalendarMonths(today, API_TOKEN_MAX_LIFETIME_MONTHS);
}

export interface NewApiToken {
  name: string;
  expiresOn: IsoDate;
}

/**
 * A new token's name (trimmed) and what is wrong with the request: a name of 1 to 100 characters
 * that none of the owner's live tokens has (in any case), and an expiry from today to a year on.
 */
export function newApiTokenProblems(
  input: NewApiToken,
  today: IsoDate,
  liveNames: readonly string[],
): { name: string; problems: FieldProblem[] } {
  const name = input.name.trim();
  const problems: FieldProblem[] = [];
  if (name.length === 0 || name.length > API_TOKEN_NAME_MAX_LENGTH) {
    problems.push({
      field: 'name',
      message: `must be 1 to ${API_TOKEN_NAME_MAX_LENGTH} characters`,
    });
  } else if (liveNames.some((live) => live.toLowerCase() === name.toLowerCase())) {
    problems.push({
      field: 'name',
      message: `you already have a live token named "${name}": revoke it or choose another name`,
    });
  }
  if (!isIsoDate(input.expiresOn)) {
    problems.push({ field: 'expiresOn', message: 'must be a date, YYYY-MM-DD' });
  } else if (input.expiresOn < today) {
    problems.push({ field: 'expiresOn', message: `must not be in the past (today is ${today})` });
  } else if (input.expiresOn > latestApiTokenExpiry(today)) {
    problems.push({
      field: 'expiresOn',
      message: `must be at most a year ahead (${latestApiTokenExpiry(today)} at the latest)`,
    });
  }
  return { name, problems };
}

export type ApiTokenState = 'LIVE' | 'REVOKED' | 'EXPIRED';

/** A token works until revoked, or until the end of its last day in England, whichever is first. */
export function apiTokenState(
  token: { revokedAt: Date | null; expiresOn: IsoDate },
  now: Date,
): ApiTokenState {
  if (token.revokedAt) return 'REVOKED';
  return dateInEngland(now) > token.expiresOn ? 'EXPIRED' : 'LIVE';
}

/** The instant a token stops working: midnight in England at the end of its last day. */
export function apiTokenExpiresAt(expiresOn: IsoDate): Date {
  return startOfDayInEngland(addDays(expiresOn, 1));
}

/** Whether this use should be written down: the first, or the first after a quiet minute. */
export function shouldRecordApiTokenUse(lastUsedAt: Date | null, now: Date): boolean {
  return (
    lastUsedAt === null ||
    now.getTime() - lastUsedAt.getTime() >= API_TOKEN_USE_RECORDING_INTERVAL_MS
  );
}
