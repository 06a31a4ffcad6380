import { mayChangeProgramme } from '@la-tracker/domain/programmes';
import { hasRole, Role, supplierIdsOf, type Caller } from '@la-tracker/platform/auth';

/** Which charges of one programme a caller's spend report counts. */
export interface SpendScope {
  /** Every contract's: admins and the programme's managers. */
  allContracts: boolean;
  /** Otherwise only those under the caller's own suppliers' contracts. */
  supplierIds: string[];
}

/**
 * Spend is programme data (SPEC §2): admins, programme managers and supplier staff may ask for
 * it; regional advisers, who read LAs' status, never.
 */
export function mayReportSpend(caller: Caller): boolean {
  return hasRole(caller, Role.ADMIN, Role.PROGRAMME_MANAGER, Role.SUPPLIER);
}

/**
 * Admins and the programme's managers see all of its spend (the same people who may see its
 * budget and every contract's terms); supplier staff only the spend under their own contracts,
 * whatever else they hold. Null when the caller sees none of it: the programme is not theirs.
 */
export function spendScopeOf(caller: Caller, programmeId: string): SpendScope | null {
  if (mayChangeProgramme(caller, programmeId)) return { allContracts: true, supplierIds: [] };
  const supplierIds = supplierIdsOf(caller);
  return supplierIds.length > 0 ? { allContracts: false, supplierIds } : null;
}
