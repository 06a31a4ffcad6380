import type { EngagementStatus } from '@la-tracker/domain/engagements';
import { ATTENDEE_ROLES, type AttendeeRole, type ServiceLine } from '@la-tracker/domain/programmes';
import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';

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

// Coaching allocates hours to the same roles, so they are held where both can reach them.
export { ATTENDEE_ROLES, type AttendeeRole };

export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 12 * 60;
const MAX_TEXT = 2000;
const MAX_TOPIC = 200;
/** A cohort as large as every LA in England, with room to spare. */
export const MAX_SESSION_ENGAGEMENTS = 200;
/** More people than any session holds: a typing slip, not a cohort. */
export const MAX_ATTENDEE_COUNT = 1000;

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

function durationProblems(minutes: number): Problem[] {
  return Number.isInteger(minutes) &&
    minutes >= MIN_DURATION_MINUTES &&
    minutes <= MAX_DURATION_MINUTES
    ? []
    : [
        {
          field: 'durationMinutes',
          message: `must be a whole number of minutes from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} (12 hours)`,
        },
      ];
}

function topicProblems(topic: string): Problem[] {
  const text = topic.trim();
  return text === '' || text.length > MAX_TOPIC
    ? [{ field: 'topic', message: `must be 1 to ${MAX_TOPIC} characters` }]
    : [];
}

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
  if (!isIsoDate(report.deliveredOn))
    problems.push({ field: 'deliveredOn', message: 'must be a date (YYYY-MM-DD)' });
  else if (report.deliveredOn > today)
    problems.push({ field: 'deliveredOn', message: 'must not be in the future' });
  problems.push(...durationProblems(report.durationMinutes), ...topicProblems(report.topic));
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
    if (!Number.isInteger(line.count) || line.count < 1 || line.count > MAX_ATTENDEE_COUNT)
      problems.push({
        field: `${field}.count`,
        message: `must be a whole number from 1 to ${MAX_ATTENDEE_COUNT}`,
      });
  });
  return problems;
}

export interface SessionPlan {
  plannedOn: IsoDate;
  topic?: string | null;
  format?: SessionFormat | null;
  durationMinutes?: number | null;
}

/**
 * What is wrong with a plan, field by field. A plan may be for any day, past or future (plans are
 * entered after the event too); what it gives of topic and duration must be what a report could
 * hold.
 */
export function sessionPlanProblems(plan: SessionPlan): Problem[] {
  const problems: Problem[] = [];
  if (!isIsoDate(plan.plannedOn))
    problems.push({ field: 'plannedOn', message: 'must be a date (YYYY-MM-DD)' });
  if (plan.durationMinutes !== null && plan.durationMinutes !== undefined)
    problems.push(...durationProblems(plan.durationMinutes));
  if (plan.topic !== null && plan.topic !== undefined) problems.push(...topicProblems(plan.topic));
  return problems;
}

/** What a session needs to know of each engagement it covers. */
export interface CohortMember {
  serviceLine: ServiceLine;
  contractId: string | null;
  localAuthorityId: string;
}

/** What is wrong with the engagements a session is asked to cover, before looking them up. */
export function engagementIdProblems(ids: readonly string[]): Problem[] {
  const field = 'engagementIds';
  if (ids.length === 0) return [{ field, message: 'must name at least one engagement' }];
  if (ids.length > MAX_SESSION_ENGAGEMENTS)
    return [{ field, message: `must name at most ${MAX_SESSION_ENGAGEMENTS} engagements` }];
  if (new Set(ids).size !== ids.length) return [{ field, message: 'names an engagement twice' }];
  return [];
}

/** Engagements a session may be recorded on: delivery is under way or about to start. */
export const DELIVERABLE_ENGAGEMENT_STATUSES: readonly EngagementStatus[] = [
  'APPROVED',
  'IN_DELIVERY',
];

/**
 * Why these engagements cannot share a session, if they cannot (SPEC §5.5): one service line
 * under one contract (so one supplier and one rate), and one engagement per LA, so attendance by
 * LA says whose it is.
 */
export function cohortProblems(engagements: readonly CohortMember[]): Problem[] {
  const field = 'engagementIds';
  const problems: Problem[] = [];
  if (new Set(engagements.map((e) => e.serviceLine)).size > 1)
    problems.push({ field, message: 'must all be of one service line' });
  if (new Set(engagements.map((e) => e.contractId)).size > 1)
    problems.push({ field, message: 'must all be under one contract' });
  if (new Set(engagements.map((e) => e.localAuthorityId)).size !== engagements.length)
    problems.push({ field, message: 'must each be of a different local authority' });
  return problems;
}

/** A session is delivered (or planned) while its contract is in force. */
export function sessionDateProblems(
  field: string,
  date: IsoDate,
  contract: { reference: string; startsOn: IsoDate; endsOn: IsoDate },
): Problem[] {
  return date < contract.startsOn || date > contract.endsOn
    ? [
        {
          field,
          message: `must fall within contract ${contract.reference} (${contract.startsOn} to ${contract.endsOn})`,
        },
      ]
    : [];
}

const PLAN_FIELDS = ['engagementIds', 'plannedOn', 'topic', 'format', 'durationMinutes'];
const REPORT_FIELDS = [
  'engagementIds',
  'deliveredOn',
  'durationMinutes',
  'format',
  'topic',
  'attendance',
  'notes',
];

/**
 * The fields a change may give in a session's state: a plan's while it is PLANNED, a report's
 * once it is recorded (the day it was planned for is then history).
 */
export function sessionChangeProblems(status: SessionStatus, given: readonly string[]): Problem[] {
  const planned = status === 'PLANNED';
  return given
    .filter((field) => !(planned ? PLAN_FIELDS : REPORT_FIELDS).includes(field))
    .map((field) => ({
      field,
      message: planned
        ? 'is given when the session is recorded (recordSession with its sessionId)'
        : 'is the plan’s, and stays as it was once the session is recorded',
    }));
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
