import type { IsoDate } from '@la-tracker/platform/time';

/** SPEC §5.5: PLANNED → DRAFT → SUBMITTED → APPROVED, or RETURNED with a reason, then resubmitted. */
export const SESSION_STATUSES = ['PLANNED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_MOVES = ['RECORD', 'UPDATE', 'SUBMIT', 'APPROVE', 'RETURN'] as const;
export type SessionMove = (typeof SESSION_MOVES)[number];

const MOVES: Readonly<
  Record<SessionMove, { from: readonly SessionStatus[]; to: SessionStatus | null }>
> = {
  // Recording what was delivered turns a plan into a draft report.
  RECORD: { from: ['PLANNED'], to: 'DRAFT' },
  // An edit keeps the state it was made in.
  UPDATE: { from: ['PLANNED', 'DRAFT', 'RETURNED'], to: null },
  SUBMIT: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  APPROVE: { from: ['SUBMITTED'], to: 'APPROVED' },
  RETURN: { from: ['SUBMITTED'], to: 'RETURNED' },
};

/** The state a move leads to, or null when the move is not allowed from this state. */
export function nextSessionStatus(from: SessionStatus, move: SessionMove): SessionStatus | null {
  const rule = MOVES[move];
  if (!rule.from.includes(from)) return null;
  return rule.to ?? from;
}

export function sessionStatusesAllowing(move: SessionMove): readonly SessionStatus[] {
  return MOVES[move].from;
}

export const SESSION_FORMATS = ['IN_PERSON', 'ONLINE', 'HYBRID'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const ATTENDEE_ROLES = [
  'LEAD_MEMBER',
  'LEADER_OF_COUNCIL',
  'CABINET_MEMBER',
  'COUNCILLOR',
  'CHIEF_EXECUTIVE',
  'DIRECTOR_OF_CHILDRENS_SERVICES',
  'CHIEF_FINANCE_OFFICER',
  'HR_LEAD',
  'IT_LEAD',
  'OTHER_SENIOR_LEADER',
] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];

export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 12 * 60;
const MAX_TEXT = 2000;
const MAX_TOPIC = 200;
/** More people than any session holds: a typing slip, not a cohort. */
const MAX_COUNT = 1000;

export interface AttendanceLine {
  /** The LA present; may be left out when the session covers one engagement. */
  localAuthorityId: string | null;
  role: AttendeeRole;
  count: number;
}

export interface SessionReport {
  deliveredOn: IsoDate;
  durationMinutes: number;
  format: SessionFormat;
  topic: string;
  attendance: readonly AttendanceLine[];
  notes?: string | null;
}

type Problem = { field: string; message: string };

/**
 * What is wrong with a report of a delivered session (SPEC §5.5), field by field: a date not in
 * the future, 15 minutes to 12 hours, a topic, and attendance by LA and role where each LA is one
 * of the session's engagements and each LA and role is given once.
 */
export function sessionReportProblems(
  report: SessionReport,
  engagementLocalAuthorityIds: readonly string[],
  today: IsoDate,
): Problem[] {
  const problems: Problem[] = [];
  if (report.deliveredOn > today)
    problems.push({ field: 'deliveredOn', message: 'must not be in the future' });
  if (
    !Number.isInteger(report.durationMinutes) ||
    report.durationMinutes < MIN_DURATION_MINUTES ||
    report.durationMinutes > MAX_DURATION_MINUTES
  )
    problems.push({
      field: 'durationMinutes',
      message: `must be a whole number of minutes from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} (12 hours)`,
    });
  const topic = report.topic.trim();
  if (topic === '' || topic.length > MAX_TOPIC)
    problems.push({ field: 'topic', message: `must be 1 to ${MAX_TOPIC} characters` });
  if ((report.notes?.length ?? 0) > MAX_TEXT)
    problems.push({ field: 'notes', message: `must be at most ${MAX_TEXT} characters` });
  if (report.attendance.length === 0)
    problems.push({ field: 'attendance', message: 'must name at least one attendee' });

  const single = engagementLocalAuthorityIds.length === 1 ? engagementLocalAuthorityIds[0] : null;
  const seen = new Set<string>();
  report.attendance.forEach((line, i) => {
    const field = `attendance[${i}]`;
    const la = line.localAuthorityId ?? single;
    if (la === null)
      problems.push({
        field: `${field}.localAuthorityCode`,
        message: 'is needed: the session covers more than one local authority',
      });
    else if (!engagementLocalAuthorityIds.includes(la))
      problems.push({
        field: `${field}.localAuthorityCode`,
        message: 'is not one of the local authorities of the session’s engagements',
      });
    else if (seen.has(`${la}|${line.role}`))
      problems.push({ field: `${field}.role`, message: `${line.role} is given twice for this LA` });
    if (la !== null) seen.add(`${la}|${line.role}`);
    if (!Number.isInteger(line.count) || line.count < 1 || line.count > MAX_COUNT)
      problems.push({
        field: `${field}.count`,
        message: `must be a whole number from 1 to ${MAX_COUNT}`,
      });
  });
  return problems;
}

/** The headcount of each LA present, for sharing the session's cost (SPEC §5.5). */
export function headcountByLocalAuthority(
  attendance: ReadonlyArray<{ localAuthorityId: string; count: number }>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of attendance)
    counts.set(line.localAuthorityId, (counts.get(line.localAuthorityId) ?? 0) + line.count);
  return counts;
}
