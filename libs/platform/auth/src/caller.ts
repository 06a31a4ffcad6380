import { Role } from './role';
import type { VerifiedIdentity } from './token-verifier';

/** One role a person holds, with the records it reaches (absent for a role with no scope). */
export interface RoleGrant {
  role: Role;
  supplierId: string | null;
  regionCode: string | null;
  programmeId: string | null;
}

/**
 * Who is asking and what they may reach: identity from the token, roles and scopes from the
 * database (tokens carry no roles).
 */
export interface Caller {
  /** The person's record; null when the token is valid but no record exists yet. */
  userId: string | null;
  issuer: string;
  subject: string;
  email: string | null;
  grants: RoleGrant[];
  /** The personal API token the request came with; absent when the caller signed in. */
  apiTokenId?: string;
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return caller.grants.some((grant) => roles.includes(grant.role));
}

export function isAdmin(caller: Caller): boolean {
  return hasRole(caller, Role.ADMIN);
}

function scopeOf(
  caller: Caller,
  role: Role,
  key: 'supplierId' | 'regionCode' | 'programmeId',
): string[] {
  return [
    ...new Set(
      caller.grants
        .filter((grant) => grant.role === role)
        .map((grant) => grant[key])
        .filter((id): id is string => id !== null),
    ),
  ];
}

/** The suppliers whose records a supplier's staff may see. */
export function supplierIdsOf(caller: Caller): string[] {
  return scopeOf(caller, Role.SUPPLIER, 'supplierId');
}

/** The regions a regional adviser covers. */
export function regionCodesOf(caller: Caller): string[] {
  return scopeOf(caller, Role.REGIONAL_ADVISER, 'regionCode');
}

/** The programmes a programme manager runs. */
export function programmeIdsOf(caller: Caller): string[] {
  return scopeOf(caller, Role.PROGRAMME_MANAGER, 'programmeId');
}

/**
 * Finds what a verified identity may do. The identity library implements it; the api's guard
 * depends only on this, so platform code knows nothing of how people are stored.
 */
export abstract class CallerLoader {
  abstract load(identity: VerifiedIdentity): Promise<Caller>;
}
