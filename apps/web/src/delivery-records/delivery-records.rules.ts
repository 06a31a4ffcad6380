import { ROLE_NAMES, type AttendeeRole } from '../sessions/sessions.rules';

export interface DiagnosticSummary {
  id: string;
  status: string;
  financialYear: string;
  plannedOn: string;
  fieldworkStartedOn: string | null;
  draftReportOn: string | null;
  finalReportOn: string | null;
  followUpDueOn: string | null;
  localAuthority: { gssCode: string; name: string };
  engagement: { id: string };
  findings: Array<{ rating: string }>;
}

const DIAGNOSTIC_STAGES: Record<string, { name: string; tagClass: string }> = {
  PLANNED: { name: 'Planned', tagClass: 'govuk-tag--grey' },
  FIELDWORK: { name: 'Fieldwork', tagClass: 'govuk-tag--blue' },
  DRAFT_REPORT: { name: 'Draft report', tagClass: 'govuk-tag--yellow' },
  FINAL_REPORT: { name: 'Final report', tagClass: 'govuk-tag--green' },
};

/** A diagnostic as a row: its stage, the day it reached it, and its red, amber and green count. */
export function diagnosticRow(diagnostic: DiagnosticSummary): {
  id: string;
  engagementId: string;
  localAuthority: { gssCode: string; name: string };
  financialYear: string;
  stage: string;
  tagClass: string;
  since: string;
  ratings: string;
  followUpDueOn: string | null;
} {
  const stage = DIAGNOSTIC_STAGES[diagnostic.status] ?? {
    name: diagnostic.status,
    tagClass: 'govuk-tag--grey',
  };
  const since =
    diagnostic.finalReportOn ??
    diagnostic.draftReportOn ??
    diagnostic.fieldworkStartedOn ??
    diagnostic.plannedOn;
  const count = (rating: string) => diagnostic.findings.filter((f) => f.rating === rating).length;
  const ratings =
    diagnostic.findings.length === 0
      ? 'None yet'
      : `${count('RED')} red, ${count('AMBER')} amber, ${count('GREEN')} green`;
  return {
    id: diagnostic.id,
    engagementId: diagnostic.engagement.id,
    localAuthority: diagnostic.localAuthority,
    financialYear: diagnostic.financialYear,
    stage: stage.name,
    tagClass: stage.tagClass,
    since,
    ratings,
    followUpDueOn: diagnostic.followUpDueOn,
  };
}

export interface CoachingEngagement {
  id: string;
  financialYear: string;
  status: string;
  localAuthority: { gssCode: string; name: string };
  coachingAllocations: Array<{
    role: string;
    allowed: string;
    remaining: string;
    usedMinutes: number;
    remainingMinutes: number;
  }>;
}

/** Coaching hours left below this are worth a flag: about one more session. */
export const LOW_REMAINING_MINUTES = 60;

/** Each coaching engagement's allocations, a row per leader role, by LA name then role. */
export function coachingRows(engagements: CoachingEngagement[]): Array<{
  engagementId: string;
  localAuthority: string;
  financialYear: string;
  role: string;
  allowed: string;
  usedMinutes: number;
  remaining: string;
  low: boolean;
}> {
  return [...engagements]
    .sort(
      (a, b) =>
        a.localAuthority.name.localeCompare(b.localAuthority.name) ||
        a.financialYear.localeCompare(b.financialYear),
    )
    .flatMap((engagement) =>
      engagement.coachingAllocations.map((allocation) => ({
        engagementId: engagement.id,
        localAuthority: engagement.localAuthority.name,
        financialYear: engagement.financialYear,
        role: ROLE_NAMES[allocation.role as AttendeeRole] ?? allocation.role,
        allowed: allocation.allowed,
        usedMinutes: allocation.usedMinutes,
        remaining: allocation.remaining,
        low: allocation.remainingMinutes < LOW_REMAINING_MINUTES,
      })),
    );
}
