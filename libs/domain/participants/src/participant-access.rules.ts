import {
  hasRole,
  isAdmin,
  programmeIdsOf,
  Role,
  supplierIdsOf,
  type Caller,
} from '@la-tracker/platform/auth';

/**
 * Participants are personal data (SPEC §5.11): those who run the programme and the supplier
 * delivering the engagement see them; advisers, who see LA status, do not.
 */
export function mayHandleParticipants(caller: Caller): boolean {
  return hasRole(caller, Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN);
}

/** The participants a caller reaches: managers their programmes', supplier staff their own contracts'. */
export type ParticipantScope =
  { all: true } | { all: false; programmeIds: string[]; supplierIds: string[] };

export function participantScopeOf(caller: Caller): ParticipantScope {
  if (isAdmin(caller)) return { all: true };
  return { all: false, programmeIds: programmeIdsOf(caller), supplierIds: supplierIdsOf(caller) };
}

/** What scoping needs of one engagement (and so of its participants). */
export interface ParticipantReach {
  programmeId: string;
  /** The supplier of the engagement's contract; null until it is approved. */
  supplierId: string | null;
}

export function canReachParticipants(scope: ParticipantScope, reach: ParticipantReach): boolean {
  if (scope.all) return true;
  return (
    scope.programmeIds.includes(reach.programmeId) ||
    (reach.supplierId !== null && scope.supplierIds.includes(reach.supplierId))
  );
}
