import { mayChangeProgramme } from '@la-tracker/domain/programmes';
import {
  isAdmin,
  programmeIdsOf,
  regionCodesOf,
  supplierIdsOf,
  type Caller,
} from '@la-tracker/platform/auth';

/**
 * The meetings a caller may see: managers their programmes', suppliers those under their own
 * contracts, advisers those of their regions' networks (support their LAs received); admins all.
 */
export type MeetingScope =
  | { all: true }
  | { all: false; programmeIds: string[]; supplierIds: string[]; regionCodes: string[] };

export function meetingScopeOf(caller: Caller): MeetingScope {
  if (isAdmin(caller)) return { all: true };
  return {
    all: false,
    programmeIds: programmeIdsOf(caller),
    supplierIds: supplierIdsOf(caller),
    regionCodes: regionCodesOf(caller),
  };
}

export interface MeetingReach {
  programmeId: string;
  /** Null for a meeting recorded by the programme itself. */
  supplierId: string | null;
  regionCode: string;
}

export function canSeeMeeting(scope: MeetingScope, meeting: MeetingReach): boolean {
  if (scope.all) return true;
  return (
    scope.programmeIds.includes(meeting.programmeId) ||
    (meeting.supplierId !== null && scope.supplierIds.includes(meeting.supplierId)) ||
    scope.regionCodes.includes(meeting.regionCode)
  );
}

/**
 * The regions of a programme's networks, and of their coverage, a caller may read (the programme
 * being one they see): all for admins, its managers and supplier staff (the networks are the
 * programme's structure); an adviser's own regions otherwise. Null means all.
 */
export function networkRegionsFor(caller: Caller, programmeId: string): string[] | null {
  if (mayChangeProgramme(caller, programmeId) || supplierIdsOf(caller).length > 0) return null;
  return regionCodesOf(caller);
}

/** Coverage counts every supplier's meetings: for the programme, and advisers' own regions. */
export function coverageRegionsFor(caller: Caller, programmeId: string): string[] | null {
  if (mayChangeProgramme(caller, programmeId)) return null;
  return regionCodesOf(caller);
}
