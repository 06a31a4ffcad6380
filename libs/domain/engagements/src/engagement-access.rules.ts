import { mayChangeProgramme } from '@la-tracker/domain/programmes';
import {
  hasRole,
  isAdmin,
  Role,
  programmeIdsOf,
  regionCodesOf,
  supplierIdsOf,
  type Caller,
} from '@la-tracker/platform/auth';

/**
 * The engagements a caller may see (SPEC §2): managers those of their programmes, supplier staff
 * those under their own supplier's contracts, advisers those of LAs in their regions; admins all.
 * A caller holding several roles sees what any of them would.
 */
export type EngagementScope =
  | { all: true }
  | { all: false; programmeIds: string[]; supplierIds: string[]; regionCodes: string[] };

export function engagementScopeOf(caller: Caller): EngagementScope {
  if (isAdmin(caller)) return { all: true };
  return {
    all: false,
    programmeIds: programmeIdsOf(caller),
    supplierIds: supplierIdsOf(caller),
    regionCodes: regionCodesOf(caller),
  };
}

/** What scoping needs to know of one engagement. */
export interface EngagementReach {
  programmeId: string;
  /** The supplier of its contract; null until it is approved. */
  supplierId: string | null;
  regionCode: string;
}

export function canSeeEngagement(scope: EngagementScope, engagement: EngagementReach): boolean {
  if (scope.all) return true;
  return (
    scope.programmeIds.includes(engagement.programmeId) ||
    (engagement.supplierId !== null && scope.supplierIds.includes(engagement.supplierId)) ||
    scope.regionCodes.includes(engagement.regionCode)
  );
}

/** A supplier starts delivery of its own engagements; managers and admins may too. */
export function canStartEngagement(caller: Caller, engagement: EngagementReach): boolean {
  return (
    mayChangeProgramme(caller, engagement.programmeId) ||
    (engagement.supplierId !== null && supplierIdsOf(caller).includes(engagement.supplierId))
  );
}

/**
 * Eligibility answers, and the overrides made against them, are not public (SPEC §2): programme
 * managers, regional advisers and admins only. Supplier staff see the engagement without them.
 */
export function maySeeEligibility(caller: Caller): boolean {
  return hasRole(caller, Role.PROGRAMME_MANAGER, Role.REGIONAL_ADVISER, Role.ADMIN);
}
