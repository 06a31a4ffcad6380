import { isAdmin, programmeIdsOf, supplierIdsOf, type Caller } from '@la-tracker/platform/auth';

/**
 * The monthly returns a caller may see (SPEC §2): supplier staff their own supplier's, managers
 * those of their programmes, admins all. Advisers see none: returns are delivery and spend, not
 * LA status. A caller holding several roles sees what any of them would.
 */
export type MonthlyReturnScope =
  { all: true } | { all: false; programmeIds: string[]; supplierIds: string[] };

export function monthlyReturnScopeOf(caller: Caller): MonthlyReturnScope {
  if (isAdmin(caller)) return { all: true };
  return { all: false, programmeIds: programmeIdsOf(caller), supplierIds: supplierIdsOf(caller) };
}

export function canSeeMonthlyReturn(
  scope: MonthlyReturnScope,
  record: { programmeId: string; supplierId: string },
): boolean {
  return (
    scope.all ||
    scope.programmeIds.includes(record.programmeId) ||
    scope.supplierIds.includes(record.supplierId)
  );
}
