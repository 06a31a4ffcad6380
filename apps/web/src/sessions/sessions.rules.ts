import { listOf, record, text } from '../forms/form-values';
import { ATTENDEE_ROLES, type AttendeeRole } from '@la-tracker/domain/programmes';
import type { FieldProblem } from '../api/api-client';
import { Role } from '../http/web-request';

// Who attended, by role: the columns of the attendance table, in the domain's order.
export { ATTENDEE_ROLES, type AttendeeRole };

export const ROLE_NAMES: Record<AttendeeRole, string> = {
  LEAD_MEMBER: 'Lead member',
  LEADER_OF_COUNCIL: 'Leader of the council',
  CABINET_MEMBER: 'Cabinet member',
  COUNCILLOR: 'Councillor',
  CHIEF_EXECUTIVE: 'Chief executive',
  DIRECTOR_OF_CHILDRENS_SERVICES: "Director of children's services",
  CHIEF_FINANCE_OFFICER: 'Chief finance officer',
  HR_LEAD: 'HR lead',
  IT_LEAD: 'IT lead',
  OTHER_SENIOR_LEADER: 'Other senior leader',
};

export const SESSION_FORMATS = ['IN_PERSON', 'ONLINE', 'HYBRID'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];
export const FORMAT_NAMES: Record<SessionFormat, string> = {
  IN_PERSON: 'In person',
  ONLINE: 'Online',
  HYBRID: 'Hybrid (some in person, some online)',
};

export const SESSION_STATUSES = ['PLANNED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** The api's limits, checked here too so that the obvious mistakes are named beside their field. */
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 720;
export const MAX_ATTENDEE_COUNT = 1000;

/** The GOV.UK tag colour for each state: what waits on someone stands out. */
export function statusTagClass(status: string): string {
  switch (status) {
    case 'PLANNED':
      return 'govuk-tag--grey';
    case 'DRAFT':
      return 'govuk-tag--blue';
    case 'SUBMITTED':
      return 'govuk-tag--yellow';
    case 'RETURNED':
      return 'govuk-tag--red';
    case 'APPROVED':
      return 'govuk-tag--green';
    default:
      return 'govuk-tag--grey';
  }
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/**
 * A govukDateInput's three boxes as YYYY-MM-DD, or what is wrong with them in GOV.UK's words
 * (`label` starts the message, e.g. "Date of the session").
 */
export function dateFromParts(
  parts: DateParts,
  label: string,
): { date: string } | { problem: string } {
  const day = text(parts.day);
  const month = text(parts.month);
  const year = text(parts.year);
  if (day === '' && month === '' && year === '') return { problem: `Enter ${label.toLowerCase()}` };
  const missing = [
    day === '' ? 'a day' : null,
    month === '' ? 'a month' : null,
    year === '' ? 'a year' : null,
  ].filter((part): part is string => part !== null);
  if (missing.length > 0) return { problem: `${label} must include ${missing.join(' and ')}` };
  if (![day, month, year].every((part) => /^\d+$/.test(part)) || year.length !== 4)
    return { problem: `${label} must be a real date` };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const monthDays = m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1];
  if (m < 1 || m > 12 || d < 1 || monthDays === undefined || d > monthDays)
    return { problem: `${label} must be a real date` };
  return { date: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}

/** YYYY-MM-DD back into a govukDateInput's three boxes. */
export function partsOfDate(date: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/** The session form as typed: strings, kept so that it can be shown again as it was. */
export interface SessionForm {
  engagementIds: string[];
  /** The PLANNED session being recorded, or the session being changed. */
  sessionId: string;
  deliveredOn: DateParts;
  hours: string;
  minutes: string;
  format: string;
  topic: string;
  notes: string;
  /** Counts by LA (GSS code) and role, as typed. */
  attendance: Record<string, Record<string, string>>;
}

/** Reads a posted body (nested names already objects) into the form's strings. */
export function readSessionForm(body: unknown): SessionForm {
  const form = record(body);
  const attendance: SessionForm['attendance'] = {};
  const put = (gssCode: string, role: string, value: unknown) => {
    const count = text(value);
    if (!/^[A-Z]\d{8}$/.test(gssCode) || !(ATTENDEE_ROLES as readonly string[]).includes(role))
      return;
    if (count === '') return;
    attendance[gssCode] ??= {};
    attendance[gssCode][role] = count;
  };
  for (const [gssCode, counts] of Object.entries(record(form.attendance)))
    for (const [role, value] of Object.entries(record(counts))) put(gssCode, role, value);
  // A query string read without nesting (the check page's "Change" links) keeps the names whole.
  for (const [name, value] of Object.entries(form)) {
    const match = /^attendance\[([^\]]+)\]\[([^\]]+)\]$/.exec(name);
    if (match) put(match[1] ?? '', match[2] ?? '', value);
  }
  return {
    engagementIds: listOf(form.engagementIds),
    sessionId: text(form.sessionId),
    deliveredOn: {
      day: text(form['deliveredOn-day']),
      month: text(form['deliveredOn-month']),
      year: text(form['deliveredOn-year']),
    },
    hours: text(form.hours),
    minutes: text(form.minutes),
    format: text(form.format),
    topic: text(form.topic),
    notes: text(form.notes),
    attendance,
  };
}

export interface AttendanceInput {
  localAuthorityCode: string;
  role: AttendeeRole;
  count: number;
}

export interface RecordSessionInput {
  engagementIds: string[];
  sessionId?: string;
  deliveredOn: string;
  durationMinutes: number;
  format: SessionFormat;
  topic: string;
  notes?: string;
  attendance: AttendanceInput[];
}

/** The id of the attendance box for an LA and role (its name is `attendance[gss][ROLE]`). */
export const attendanceFieldId = (gssCode: string, role: string) => `attendance-${gssCode}-${role}`;

/**
 * The session form's fields as the api's RecordSessionInput, or the problems with it, each named by
 * the id of the field on the page. `localAuthorities` are the GSS codes of the chosen engagements'
 * LAs: counts for any other LA are not read. Only counts above zero are sent.
 */
export function parseSessionForm(
  form: SessionForm,
  context: { today: string; localAuthorities: string[] },
): { input: RecordSessionInput | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (form.engagementIds.length === 0) problem('engagements', 'Select the engagements it was for');

  const date = dateFromParts(form.deliveredOn, 'Date of the session');
  if ('problem' in date) problem('deliveredOn-day', date.problem);
  else if (date.date > context.today)
    problem('deliveredOn-day', 'Date of the session must be today or in the past');

  let durationMinutes = 0;
  if (form.hours === '' && form.minutes === '') problem('hours', 'Enter how long the session was');
  else if (!/^\d{0,2}$/.test(form.hours) || !/^\d{0,2}$/.test(form.minutes))
    problem('hours', 'Hours and minutes must be whole numbers');
  else {
    durationMinutes = Number(form.hours || '0') * 60 + Number(form.minutes || '0');
    if (Number(form.minutes || '0') > 59) problem('hours', 'Minutes must be 59 or fewer');
    else if (durationMinutes < MIN_DURATION_MINUTES || durationMinutes > MAX_DURATION_MINUTES)
      problem('hours', 'The session must last between 15 minutes and 12 hours');
  }

  if (!(SESSION_FORMATS as readonly string[]).includes(form.format))
    problem('format', 'Select how the session was delivered');
  if (form.topic === '') problem('topic', 'Enter the topic of the session');

  const attendance: AttendanceInput[] = [];
  let badCount: string | null = null;
  for (const gssCode of context.localAuthorities)
    for (const role of ATTENDEE_ROLES) {
      const typed = form.attendance[gssCode]?.[role] ?? '';
      if (typed === '') continue;
      if (!/^\d+$/.test(typed) || Number(typed) > MAX_ATTENDEE_COUNT) {
        badCount ??= attendanceFieldId(gssCode, role);
        continue;
      }
      if (Number(typed) > 0)
        attendance.push({ localAuthorityCode: gssCode, role, count: Number(typed) });
    }
  const firstBox = attendanceFieldId(context.localAuthorities[0] ?? '', ATTENDEE_ROLES[0]);
  if (badCount)
    problem(badCount, `Attendance must be whole numbers from 0 to ${MAX_ATTENDEE_COUNT}`);
  else if (attendance.length === 0 && context.localAuthorities.length > 0)
    problem(firstBox, 'Enter how many people attended, by local authority and role');

  if (problems.length > 0 || 'problem' in date) return { input: null, problems };
  return {
    input: {
      engagementIds: form.engagementIds,
      ...(form.sessionId ? { sessionId: form.sessionId } : {}),
      deliveredOn: date.date,
      durationMinutes,
      format: form.format as SessionFormat,
      topic: form.topic,
      ...(form.notes ? { notes: form.notes } : {}),
      attendance,
    },
    problems,
  };
}

/** Where the api's field problems show on the session form. */
export function sessionFieldIds(localAuthorities: string[]): Record<string, string> {
  return {
    engagementIds: 'engagements',
    deliveredOn: 'deliveredOn-day',
    durationMinutes: 'hours',
    format: 'format',
    topic: 'topic',
    notes: 'notes',
    attendance: attendanceFieldId(localAuthorities[0] ?? '', ATTENDEE_ROLES[0]),
  };
}

/** A planned session: the day it is planned for, at least. */
export function parsePlanForm(
  body: unknown,
  context: { today: string },
): {
  input: { engagementIds: string[]; plannedOn: string; topic?: string } | null;
  problems: FieldProblem[];
} {
  const form = record(body);
  const problems: FieldProblem[] = [];
  const engagementIds = listOf(form.engagementIds);
  if (engagementIds.length === 0)
    problems.push({ field: 'engagements', message: 'Select the engagements it is for' });
  const date = dateFromParts(
    {
      day: text(form['plannedOn-day']),
      month: text(form['plannedOn-month']),
      year: text(form['plannedOn-year']),
    },
    'Planned date',
  );
  if ('problem' in date) problems.push({ field: 'plannedOn-day', message: date.problem });
  else if (date.date < context.today)
    problems.push({
      field: 'plannedOn-day',
      message: 'Planned date must be today or in the future',
    });
  if (problems.length > 0 || 'problem' in date) return { input: null, problems };
  const topic = text(form.topic);
  return { input: { engagementIds, plannedOn: date.date, ...(topic ? { topic } : {}) }, problems };
}

/** What a person may do to a session, by its state and their roles (the api decides in the end). */
export function sessionActions(
  status: string,
  roles: ReadonlySet<Role>,
): { record: boolean; edit: boolean; submit: boolean; approve: boolean; sendBack: boolean } {
  const supplier = roles.has(Role.SUPPLIER);
  const manager = roles.has(Role.PROGRAMME_MANAGER) || roles.has(Role.ADMIN);
  const changeable = status === 'DRAFT' || status === 'RETURNED';
  return {
    record: supplier && status === 'PLANNED',
    edit: supplier && changeable,
    submit: supplier && changeable,
    approve: manager && status === 'SUBMITTED',
    sendBack: manager && status === 'SUBMITTED',
  };
}

export interface AttendanceRecord {
  count: number;
  role: string;
  localAuthority: { gssCode: string; name: string };
}

/** Attendance as a table: a row per LA, a column per role anyone came as, with totals. */
export function attendanceTable(attendance: AttendanceRecord[]): {
  roles: Array<{ role: string; name: string }>;
  rows: Array<{ name: string; counts: number[]; total: number }>;
  totals: number[];
  total: number;
} {
  const roles = ATTENDEE_ROLES.filter((role) => attendance.some((entry) => entry.role === role));
  const byLa = new Map<string, { name: string; counts: Map<string, number> }>();
  for (const entry of attendance) {
    const la = byLa.get(entry.localAuthority.gssCode) ?? {
      name: entry.localAuthority.name,
      counts: new Map<string, number>(),
    };
    la.counts.set(entry.role, (la.counts.get(entry.role) ?? 0) + entry.count);
    byLa.set(entry.localAuthority.gssCode, la);
  }
  const rows = [...byLa.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((la) => {
      const counts = roles.map((role) => la.counts.get(role) ?? 0);
      return { name: la.name, counts, total: counts.reduce((sum, count) => sum + count, 0) };
    });
  const totals = roles.map((_, index) =>
    rows.reduce((sum, row) => sum + (row.counts[index] ?? 0), 0),
  );
  return {
    roles: roles.map((role) => ({ role, name: ROLE_NAMES[role] })),
    rows,
    totals,
    total: totals.reduce((sum, count) => sum + count, 0),
  };
}

/** The sessions list's filter from its query string, with problems for dates that are not real. */
export function parseSessionFilter(query: unknown): {
  filter: { status?: string[]; engagementId?: string; from?: string; to?: string };
  values: { status: string; engagementId: string; from: DateParts; to: DateParts };
  after: string | null;
  problems: FieldProblem[];
} {
  const q = record(query);
  const status = text(q.status);
  const engagementId = text(q.engagementId);
  const partsOf = (prefix: string): DateParts => ({
    day: text(q[`${prefix}-day`]),
    month: text(q[`${prefix}-month`]),
    year: text(q[`${prefix}-year`]),
  });
  const values = { status, engagementId, from: partsOf('from'), to: partsOf('to') };
  const filter: { status?: string[]; engagementId?: string; from?: string; to?: string } = {};
  const problems: FieldProblem[] = [];
  if ((SESSION_STATUSES as readonly string[]).includes(status)) filter.status = [status];
  if (/^[0-9a-f-]{36}$/i.test(engagementId)) filter.engagementId = engagementId;
  for (const [key, label] of [
    ['from', 'From date'],
    ['to', 'To date'],
  ] as const) {
    const parts = values[key];
    if (parts.day === '' && parts.month === '' && parts.year === '') continue;
    const date = dateFromParts(parts, label);
    if ('problem' in date) problems.push({ field: `${key}-day`, message: date.problem });
    else filter[key] = date.date;
  }
  const after = text(q.after);
  return { filter, values, after: after === '' ? null : after, problems };
}

export interface EngagementChoice {
  id: string;
  serviceLine: string;
  financialYear: string;
  localAuthority: { gssCode: string; name: string };
  contract: { id: string; reference: string } | null;
}

/**
 * The supplier's engagements grouped as a session may join them: one service line under one
 * contract (a cohort), each group's LAs in name order.
 */
export function cohortGroups(
  engagements: EngagementChoice[],
  selected: readonly string[],
): Array<{
  key: string;
  serviceLine: string;
  contractReference: string;
  items: Array<{ value: string; text: string; hint: string; checked: boolean }>;
}> {
  const groups = new Map<string, ReturnType<typeof cohortGroups>[number]>();
  for (const engagement of engagements) {
    if (!engagement.contract) continue;
    const key = `${engagement.serviceLine}:${engagement.contract.id}`;
    const group = groups.get(key) ?? {
      key,
      serviceLine: engagement.serviceLine,
      contractReference: engagement.contract.reference,
      items: [],
    };
    group.items.push({
      value: engagement.id,
      text: engagement.localAuthority.name,
      hint: `Referred for ${engagement.financialYear}`,
      checked: selected.includes(engagement.id),
    });
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, items: group.items.sort((a, b) => a.text.localeCompare(b.text)) }))
    .sort(
      (a, b) =>
        a.serviceLine.localeCompare(b.serviceLine) ||
        a.contractReference.localeCompare(b.contractReference),
    );
}

/** A session (as the api gives it) back into the form's strings, to change it or record a plan. */
export function formOfSession(session: {
  id: string;
  deliveredOn: string | null;
  durationMinutes: number | null;
  format: string | null;
  topic: string | null;
  notes: string | null;
  engagements: Array<{ id: string }>;
  attendance: Array<{ count: number; role: string; localAuthority: { gssCode: string } }>;
}): SessionForm {
  const attendance: SessionForm['attendance'] = {};
  for (const entry of session.attendance) {
    attendance[entry.localAuthority.gssCode] ??= {};
    attendance[entry.localAuthority.gssCode][entry.role] = String(entry.count);
  }
  const minutes = session.durationMinutes;
  return {
    engagementIds: session.engagements.map((engagement) => engagement.id),
    sessionId: session.id,
    deliveredOn: partsOfDate(session.deliveredOn),
    hours: minutes === null ? '' : String(Math.floor(minutes / 60)),
    minutes: minutes === null ? '' : String(minutes % 60),
    format: session.format ?? '',
    topic: session.topic ?? '',
    notes: session.notes ?? '',
    attendance,
  };
}
