import { canSeeEngagement, type EngagementScope } from '@la-tracker/domain/engagements';
import { supplierIdsOf, type Caller } from '@la-tracker/platform/auth';

/** What scoping needs to know of one diagnostic. */
export interface DiagnosticReach {
  programmeId: string;
  supplierId: string;
  /** The region of its LA. */
  regionCode: string;
}

/**
 * Diagnostics are seen as their engagements are (SPEC §2): by the programme's managers, by the
 * supplier carrying them out, by advisers for LAs in their regions (support an LA received is LA
 * status), and by admins. The scope is the engagements' (`engagementScopeOf`).
 */
export function canSeeDiagnostic(scope: EngagementScope, diagnostic: DiagnosticReach): boolean {
  return canSeeEngagement(scope, diagnostic);
}

/**
 * Only the supplier's own staff plan, move, rate and write recommendations for its diagnostics:
 * the report is theirs. Managers and admins read it, and change nothing in it.
 */
export function canCarryOut(caller: Caller, supplierId: string): boolean {
  return supplierIdsOf(caller).includes(supplierId);
}
