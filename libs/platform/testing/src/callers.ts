import type { Caller, Role, RoleGrant } from '@la-tracker/platform/auth';

/** One grant of a role, with the scope given (none by default). */
export function grant(role: Role, scope: Partial<Omit<RoleGrant, 'role'>> = {}): RoleGrant {
  return { role, supplierId: null, regionCode: null, programmeId: null, ...scope };
}

/** A caller as the guard would find them, holding these grants. */
export function callerWith(grants: RoleGrant[], userId: string | null = null): Caller {
  return { userId, issuer: 'test', subject: `test:${userId ?? 'nobody'}`, email: null, grants };
}
