import type { EngagementScope } from '@la-tracker/domain/engagements';
import { mayChangeProgramme } from '@la-tracker/domain/programmes';
import { supplierIdsOf, type Caller } from '@la-tracker/platform/auth';

/** What scoping needs to know of one session. */
export interface SessionReach {
  programmeId: string;
  supplierId: string;
  /** The regions of the LAs of its engagements. */
  regionCodes: readonly string[];
}

/**
 * Sessions are seen as their engagements are (SPEC §2): by the programme's managers, by the
 * supplier whose delivery they are, by advisers when any of their LAs is in their regions, and by
 * admins. The scope is the engagements' (`engagementScopeOf`).
 */
export function canSeeSession(scope: EngagementScope, session: SessionReach): boolean {
  if (scope.all) return true;
  return (
    scope.programmeIds.includes(session.programmeId) ||
    scope.supplierIds.includes(session.supplierId) ||
    session.regionCodes.some((code) => scope.regionCodes.includes(code))
  );
}

/**
 * Whether the caller sees the attendance and cost share of an LA of the session: all of them for
 * those who see the whole session, only their regions' LAs for an adviser who sees it through them
 * (support received elsewhere is not theirs to read).
 */
export function canSeeSessionLocalAuthority(
  scope: EngagementScope,
  session: Omit<SessionReach, 'regionCodes'>,
  regionCode: string,
): boolean {
  return canSeeSession(scope, { ...session, regionCodes: [regionCode] });
}

/** Only the supplier's own staff plan, record, change and submit its sessions. */
export function canDeliverFor(caller: Caller, supplierId: string): boolean {
  return supplierIdsOf(caller).includes(supplierId);
}

/**
 * The programme's managers and admins approve and return sessions; never staff of the supplier
 * whose delivery it is, whatever other role they also hold.
 */
export function canDecideSession(
  caller: Caller,
  session: Pick<SessionReach, 'programmeId' | 'supplierId'>,
): boolean {
  return (
    mayChangeProgramme(caller, session.programmeId) && !canDeliverFor(caller, session.supplierId)
  );
}
