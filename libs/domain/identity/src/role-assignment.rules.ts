import { isRole, Role, type RoleGrant } from '@la-tracker/platform/auth';
import { REGION_CODE } from '@la-tracker/domain/local-authorities';
import { isUuid } from '@la-tracker/platform/database';
import type { FieldProblem } from '@la-tracker/platform/errors';

export interface RequestedScopes {
  supplierIds: string[];
  regionCodes: string[];
  programmeIds: string[];
}

/**
 * The grants a role with these scopes amounts to, or what is wrong with the request: a supplier's
 * staff work for one supplier; an adviser covers one or more regions; a manager runs any number of
 * programmes (none yet is allowed); an admin has no scope. A scope that does not fit the role is
 * refused rather than silently ignored.
 */
export function grantsFor(
  role: Role,
  scopes: RequestedScopes,
): { grants: RoleGrant[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const none = { supplierId: null, regionCode: null, programmeId: null };
  const misplaced = (field: keyof RequestedScopes, flag: string, owner: Role) => {
    if (scopes[field].length > 0 && role !== owner) {
      problems.push({ field, message: `${flag} applies to ${owner} only` });
    }
  };
  misplaced('supplierIds', 'a supplier', Role.SUPPLIER);
  misplaced('regionCodes', 'a region', Role.REGIONAL_ADVISER);
  misplaced('programmeIds', 'a programme', Role.PROGRAMME_MANAGER);
  for (const field of ['supplierIds', 'programmeIds'] as const) {
    for (const id of scopes[field]) {
      if (!isUuid(id)) problems.push({ field, message: `"${id}" is not an id (a UUID)` });
    }
  }
  for (const code of scopes.regionCodes) {
    if (!REGION_CODE.test(code))
      problems.push({
        field: 'regionCodes',
        message: `"${code}" is not a region code like E12000001`,
      });
  }

  let grants: RoleGrant[] = [];
  switch (role) {
    case Role.ADMIN:
      grants = [{ role, ...none }];
      break;
    case Role.SUPPLIER:
      if (scopes.supplierIds.length !== 1) {
        problems.push({
          field: 'supplierIds',
          message: 'supplier staff need exactly one supplier',
        });
      }
      grants = scopes.supplierIds.map((supplierId) => ({ role, ...none, supplierId }));
      break;
    case Role.REGIONAL_ADVISER:
      if (scopes.regionCodes.length === 0) {
        problems.push({
          field: 'regionCodes',
          message: 'a regional adviser needs at least one region',
        });
      }
      grants = [...new Set(scopes.regionCodes)].map((regionCode) => ({
        role,
        ...none,
        regionCode,
      }));
      break;
    case Role.PROGRAMME_MANAGER:
      grants =
        scopes.programmeIds.length === 0
          ? [{ role, ...none }]
          : [...new Set(scopes.programmeIds)].map((programmeId) => ({
              role,
              ...none,
              programmeId,
            }));
      break;
  }
  return { grants, problems };
}

/** Just the grant of an assignment (or anything holding one). */
export function grantOf(held: RoleGrant): RoleGrant {
  return {
    role: held.role,
    supplierId: held.supplierId,
    regionCode: held.regionCode,
    programmeId: held.programmeId,
  };
}

/** One role with at most one scope record, as an admin grants or revokes it. */
export interface GrantRequest {
  role: Role;
  supplierId?: string | null;
  regionCode?: string | null;
  programmeId?: string | null;
}

const SCOPE_FIELD: Record<string, keyof Omit<GrantRequest, 'role'>> = {
  supplierIds: 'supplierId',
  regionCodes: 'regionCode',
  programmeIds: 'programmeId',
};

const listOf = (value: string | null | undefined): string[] =>
  value === undefined || value === null ? [] : [value];

/**
 * The single grant a request amounts to, by the same rules as `grantsFor`, with problems named
 * after the request's own fields (`supplierId`, not `supplierIds`).
 */
export function grantFor(request: GrantRequest): {
  grant: RoleGrant | null;
  problems: FieldProblem[];
} {
  const { grants, problems } = grantsFor(request.role, {
    supplierIds: listOf(request.supplierId),
    regionCodes: listOf(request.regionCode),
    programmeIds: listOf(request.programmeId),
  });
  return {
    grant: problems.length === 0 ? (grants[0] ?? null) : null,
    problems: problems.map((problem) => ({
      ...problem,
      field: SCOPE_FIELD[problem.field] ?? problem.field,
    })),
  };
}

/** What an audit entry says of a grant: its role and the scope it has, nothing empty. */
export function grantValues(grant: RoleGrant): Record<string, string> {
  const values: Record<string, string> = { role: grant.role };
  if (grant.supplierId) values.supplierId = grant.supplierId;
  if (grant.regionCode) values.regionCode = grant.regionCode;
  if (grant.programmeId) values.programmeId = grant.programmeId;
  return values;
}

/** A role and scope for the people of one organisation, as configured (OIDC_ORGANISATION_ROLES). */
export interface OrganisationRoleSetting {
  role: string;
  supplierId?: string;
  regionCode?: string;
  programmeId?: string;
}

/**
 * The grant each configured organisation's people get on first sign-in, or what is wrong with
 * the setting. ADMIN is never granted by organisation: an admin or the command line decides who
 * runs the service.
 */
export function organisationGrants(mapping: Readonly<Record<string, OrganisationRoleSetting>>): {
  grants: Map<string, RoleGrant>;
  problems: string[];
} {
  const grants = new Map<string, RoleGrant>();
  const problems: string[] = [];
  for (const [organisationId, setting] of Object.entries(mapping)) {
    const where = `organisation "${organisationId}"`;
    if (!isRole(setting.role) || setting.role === Role.ADMIN) {
      problems.push(
        `${where}: role must be PROGRAMME_MANAGER, SUPPLIER or REGIONAL_ADVISER (ADMIN is granted only by an admin or \`npm run cli -- users add-admin\`), not "${setting.role}"`,
      );
      continue;
    }
    // An unscoped manager may create programmes and reads every concern: too much to hand a whole
    // organisation on sign-in. An admin can still give it to one person.
    if (setting.role === Role.PROGRAMME_MANAGER && !setting.programmeId) {
      problems.push(`${where}: a PROGRAMME_MANAGER mapping must name its programmeId`);
      continue;
    }
    const { grant, problems: found } = grantFor({ ...setting, role: setting.role });
    problems.push(...found.map((problem) => `${where}: ${problem.field}: ${problem.message}`));
    if (grant) grants.set(organisationId, grant);
  }
  return { grants, problems };
}

/**
 * What to change in a person's record from what their issuer now says: only what it says and
 * differs, so an unchanged person costs no write.
 */
export function profileChanges(
  held: { email: string | null; displayName: string | null },
  said: { email: string | null; displayName: string | null },
): { email?: string; displayName?: string } {
  const changes: { email?: string; displayName?: string } = {};
  if (said.email !== null && said.email !== held.email) changes.email = said.email;
  if (said.displayName !== null && said.displayName !== held.displayName)
    changes.displayName = said.displayName;
  return changes;
}
