import type { EngagementStatus } from '@la-tracker/domain/engagements';
import { mayChangeProgramme } from '@la-tracker/domain/programmes';
import { supplierIdsOf, type Caller } from '@la-tracker/platform/auth';

/** What the coaching rules need to know of an engagement. */
export interface CoachingReach {
  programmeId: string;
  /** Its contract's supplier; null until it is approved. */
  supplierId: string | null;
}

/**
 * Allocations are hours bought under a contract: admins, the programme's managers and the
 * contract's supplier see them. Advisers see the sessions an LA had, not what was bought for it.
 */
export function maySeeCoachingOf(caller: Caller, engagement: CoachingReach): boolean {
  return (
    mayChangeProgramme(caller, engagement.programmeId) ||
    (engagement.supplierId !== null && supplierIdsOf(caller).includes(engagement.supplierId))
  );
}

/** Allocating hours and approving variations is the programme's decision (SPEC §5.7). */
export function mayAllocateCoaching(caller: Caller, engagement: CoachingReach): boolean {
  return mayChangeProgramme(caller, engagement.programmeId);
}

/** Hours are allocated while the engagement is open: referred, approved or in delivery. */
export const ALLOCATABLE_STATUSES: readonly EngagementStatus[] = [
  'REFERRED',
  'APPROVED',
  'IN_DELIVERY',
];
