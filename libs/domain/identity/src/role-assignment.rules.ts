import { Role, type RoleGrant } from '@la-tracker/platform/auth';
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
  for (const id of [...scopes.supplierIds, ...scopes.programmeIds]) {
    if (!isUuid(id)) problems.push({ field: 'scope', message: `"${id}" is not an id (a UUID)` });
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
