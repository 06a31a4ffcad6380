import {
  addDays,
  apaActionPlanDueDates,
  CalendarNotCoveredError,
  diagnosticFollowUpDueOn,
  englandAndWalesCalendar,
  type WorkingDayCalendar,
} from '@la-tracker/domain/calendar';
import {
  lastDayOf,
  owesReturnFor,
  returnDueOn,
  type Month,
} from '@la-tracker/domain/monthly-returns';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { sessionReportDeadline, type SessionStatus } from '@la-tracker/domain/sessions';
import { longDate, type IsoDate } from '@la-tracker/platform/time';
import type { NotificationKind } from '@la-tracker/domain/notifications';

export const REMINDER_KINDS = [
  'SESSION_REPORT_OVERDUE',
  'APA_PLAN_DUE',
  'DIAGNOSTIC_FOLLOW_UP_DUE',
  'MONTHLY_RETURN_DUE',
  'ENGAGEMENT_STALLED',
] as const satisfies readonly NotificationKind[];
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Who a reminder is for, by id: addresses are looked up when it is sent, never kept in it. */
export type Recipient =
  { type: 'SUPPLIER_CONTACT'; id: string } | { type: 'PROGRAMME_MANAGER'; id: string };

export interface DueReminder {
  kind: ReminderKind;
  /** The record the reminder is about (a session, a visit, a diagnostic, an engagement, a supplier). */
  subjectId: string;
  programmeId: string | null;
  recipient: Recipient;
  /** The day the thing was or is due; for a stall, the day it became stalled. */
  dueOn: IsoDate;
  /** The month a monthly return is for. */
  period?: Month;
  /**
   * The same reminder has the same key however often and wherever the scan runs, so it is sent
   * once per item and recipient. Ids and dates only: the key may travel to the mail service.
   */
  key: string;
}

/** How long before a deadline its reminder starts to be due (SPEC §6). */
export const APA_PLAN_LEAD_WORKING_DAYS = 5;
export const DIAGNOSTIC_FOLLOW_UP_LEAD_WORKING_DAYS = 10;
// Bounds in calendar days, wider than any lead above, so that records far from `today` are
// passed over without asking the calendar about years it may not cover.
const APA_LETTER_RECENT_DAYS = 200;
const LEAD_CALENDAR_DAYS_AT_MOST = 31;
/** A monthly return is chased from the month's end until this long after it was due. */
export const MONTHLY_RETURN_CHASE_WORKING_DAYS = 10;
/** An engagement with nothing happening for this many calendar days has stalled (SPEC §6). */
export const STALLED_AFTER_DAYS = 30;

export interface ProgrammeOnRecord {
  id: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  managerUserIds: readonly string[];
}

export interface SupplierOnRecord {
  id: string;
  contactIds: readonly string[];
}

export interface ContractOnRecord {
  programmeId: string;
  supplierId: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface SessionOnRecord {
  id: string;
  programmeId: string;
  supplierId: string;
  status: SessionStatus;
  plannedOn: IsoDate | null;
  deliveredOn: IsoDate | null;
}

export interface PriorityActionVisitOnRecord {
  inspectionId: string;
  priorityActionAreas: number;
  letterDate: IsoDate;
}

export interface DiagnosticOnRecord {
  id: string;
  programmeId: string;
  supplierId: string;
  /** Set once the final report is issued. */
  finalReportOn: IsoDate | null;
  /** Set once the follow-up review has been held: nothing more to chase. */
  followUpHeldOn: IsoDate | null;
  /** The day of its last change of state (its planning, at first). */
  lastMovedOn: IsoDate;
}

export interface MonthlyReturnOnRecord {
  supplierId: string;
  programmeId: string;
  month: Month;
}

export interface EngagementOnRecord {
  id: string;
  programmeId: string;
  serviceLine: ServiceLine;
  status: string;
  /** The day it was approved; null before. */
  approvedOn: IsoDate | null;
}

/** What the scan reads: the records of every programme, as they stand on `today`. */
export interface ReminderRecords {
  programmes: readonly ProgrammeOnRecord[];
  suppliers: readonly SupplierOnRecord[];
  contracts: readonly ContractOnRecord[];
  sessions: readonly SessionOnRecord[];
  priorityActionVisits: readonly PriorityActionVisitOnRecord[];
  diagnostics: readonly DiagnosticOnRecord[];
  monthlyReturns: readonly MonthlyReturnOnRecord[];
  engagements: readonly EngagementOnRecord[];
}

/** Every reminder due on `today`, each once per recipient, in a stable order. */
export function dueReminders(
  records: ReminderRecords,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): DueReminder[] {
  const reminders = [
    ...overdueSessionReminders(records, today, calendar),
    ...apaPlanReminders(records, today, calendar),
    ...diagnosticFollowUpReminders(records, today, calendar),
    ...monthlyReturnReminders(records, today, calendar),
    ...stalledEngagementReminders(records, today),
  ];
  const byKey = new Map(reminders.map((reminder) => [reminder.key, reminder]));
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A planned or drafted session whose report was not submitted within 5 working days: its supplier. */
export function overdueSessionReminders(
  records: Pick<ReminderRecords, 'sessions' | 'suppliers'>,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): DueReminder[] {
  const contacts = contactsBySupplier(records.suppliers);
  return records.sessions.flatMap((session) =>
    covered(() => {
      const { dueBy, overdue } = sessionReportDeadline(session, today, calendar);
      if (!overdue) return [];
      return toEach(supplierContacts(contacts, session.supplierId), (recipient) =>
        reminder('SESSION_REPORT_OVERDUE', session.id, session.programmeId, recipient, dueBy),
      );
    }),
  );
}

/**
 * A focused visit's action plans (draft at 20, final at 70 working days after the letter): the
 * managers of every programme running on the day, each once however many they manage, from a few
 * working days before each is due.
 */
export function apaPlanReminders(
  records: Pick<ReminderRecords, 'priorityActionVisits' | 'programmes'>,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): DueReminder[] {
  const running = records.programmes.filter((programme) => runsOn(programme, today));
  return apaPlansDue(records.priorityActionVisits, today, calendar).flatMap(
    ({ inspectionId, stage, dueOn }) =>
      running.flatMap((programme) =>
        toEach(managersOf(programme), (recipient) =>
          reminder('APA_PLAN_DUE', inspectionId, programme.id, recipient, dueOn, stage),
        ),
      ),
  );
}

export interface ApaPlanDue {
  inspectionId: string;
  stage: 'draft' | 'final';
  dueOn: IsoDate;
}

/**
 * The action plans (draft at 20, final at 70 working days after the letter) coming due on
 * `today`: from a few working days before each is due until the day itself.
 */
export function apaPlansDue(
  visits: readonly PriorityActionVisitOnRecord[],
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): ApaPlanDue[] {
  return visits
    .filter(
      (visit) =>
        visit.priorityActionAreas > 0 &&
        within(visit.letterDate, addDays(today, -APA_LETTER_RECENT_DAYS), today),
    )
    .flatMap((visit) => {
      try {
        const { draftDueOn, finalDueOn } = apaActionPlanDueDates(visit.letterDate, calendar);
        return (
          [
            ['draft', draftDueOn],
            ['final', finalDueOn],
          ] as const
        )
          .filter(([, dueOn]) =>
            within(today, calendar.addWorkingDays(dueOn, -APA_PLAN_LEAD_WORKING_DAYS), dueOn),
          )
          .map(([stage, dueOn]) => ({ inspectionId: visit.inspectionId, stage, dueOn }));
      } catch (error) {
        // A letter in years the calendar does not cover must not stop everyone else's.
        if (error instanceof CalendarNotCoveredError) return [];
        throw error;
      }
    });
}

/** A follow-up review due 6 months after the final report: the supplier and the managers. */
export function diagnosticFollowUpReminders(
  records: Pick<ReminderRecords, 'diagnostics' | 'programmes' | 'suppliers'>,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): DueReminder[] {
  const contacts = contactsBySupplier(records.suppliers);
  const programmes = new Map(records.programmes.map((programme) => [programme.id, programme]));
  return records.diagnostics.flatMap((diagnostic) => covered(() => followUpOf(diagnostic)));

  function followUpOf(diagnostic: DiagnosticOnRecord): DueReminder[] {
    if (diagnostic.finalReportOn === null || diagnostic.followUpHeldOn !== null) return [];
    const dueOn = diagnosticFollowUpDueOn(diagnostic.finalReportOn);
    if (!within(today, addDays(dueOn, -LEAD_CALENDAR_DAYS_AT_MOST), dueOn)) return [];
    const from = calendar.addWorkingDays(dueOn, -DIAGNOSTIC_FOLLOW_UP_LEAD_WORKING_DAYS);
    if (!within(today, from, dueOn)) return [];
    const programme = programmes.get(diagnostic.programmeId);
    return toEach(
      [
        ...supplierContacts(contacts, diagnostic.supplierId),
        ...(programme ? managersOf(programme) : []),
      ],
      (recipient) =>
        reminder(
          'DIAGNOSTIC_FOLLOW_UP_DUE',
          diagnostic.id,
          diagnostic.programmeId,
          recipient,
          dueOn,
        ),
    );
  }
}

/**
 * A supplier under contract in a month owes the programme a return for it, due on the 5th working
 * day after. It is chased from the first day after the month until a little after it was due,
 * while none has been submitted; older months are past chasing by reminder.
 */
export function monthlyReturnReminders(
  records: Pick<ReminderRecords, 'contracts' | 'monthlyReturns' | 'suppliers'>,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): DueReminder[] {
  const contacts = contactsBySupplier(records.suppliers);
  const submitted = new Set(
    records.monthlyReturns.map((r) => `${r.supplierId}:${r.programmeId}:${r.month}`),
  );
  const owed = new Map<string, { supplierId: string; programmeId: string; month: Month }>();
  // The only months that can be chased on `today`: those ended, with a due date not long past.
  for (const month of recentMonths(today)) {
    const dueOn = returnDueOn(month);
    const chaseUntil = calendar.addWorkingDays(dueOn, MONTHLY_RETURN_CHASE_WORKING_DAYS);
    if (!within(today, addDays(lastDayOf(month), 1), chaseUntil)) continue;
    for (const contract of records.contracts) {
      const underContract = owesReturnFor(month, contract);
      const key = `${contract.supplierId}:${contract.programmeId}:${month}`;
      if (underContract && !submitted.has(key))
        owed.set(key, {
          supplierId: contract.supplierId,
          programmeId: contract.programmeId,
          month,
        });
    }
  }
  return [...owed.values()].flatMap(({ supplierId, programmeId, month }) =>
    toEach(supplierContacts(contacts, supplierId), (recipient) =>
      reminder(
        'MONTHLY_RETURN_DUE',
        supplierId,
        programmeId,
        recipient,
        returnDueOn(month),
        `${programmeId}:${month}`,
        month,
      ),
    ),
  );
}

/**
 * The managers hear of an engagement where nothing has happened for 30 days: approved with no
 * session or diagnostic begun, or a diagnostic with no change of state. Networks never stall.
 * A later stall of the same record is a new reminder (its key has the day the stall began).
 */
export function stalledEngagementReminders(
  records: Pick<ReminderRecords, 'engagements' | 'diagnostics' | 'programmes'>,
  today: IsoDate,
): DueReminder[] {
  const programmes = new Map(records.programmes.map((programme) => [programme.id, programme]));
  const stalls: Array<{ subjectId: string; programmeId: string; since: IsoDate }> = [
    ...records.engagements
      .filter(
        (engagement) =>
          engagement.serviceLine !== 'LEAD_MEMBER_NETWORKS' &&
          engagement.status === 'APPROVED' &&
          engagement.approvedOn !== null,
      )
      .map((engagement) => ({
        subjectId: engagement.id,
        programmeId: engagement.programmeId,
        since: engagement.approvedOn as IsoDate,
      })),
    ...records.diagnostics
      .filter((diagnostic) => diagnostic.finalReportOn === null)
      .map((diagnostic) => ({
        subjectId: diagnostic.id,
        programmeId: diagnostic.programmeId,
        since: diagnostic.lastMovedOn,
      })),
  ];
  return stalls.flatMap(({ subjectId, programmeId, since }) => {
    const stalledOn = addDays(since, STALLED_AFTER_DAYS);
    const programme = programmes.get(programmeId);
    if (today < stalledOn || !programme) return [];
    return toEach(managersOf(programme), (recipient) =>
      reminder('ENGAGEMENT_STALLED', subjectId, programmeId, recipient, stalledOn, since),
    );
  });
}

/**
 * The key names the item, the stage reminded of where an item has several (an action plan's draft
 * or final, a return's month, a stall's first day) and the recipient: never a date that may move
 * after the reminder went (a rescheduled session, a bank holiday added), so nothing goes twice.
 */
function reminder(
  kind: ReminderKind,
  subjectId: string,
  programmeId: string | null,
  recipient: Recipient,
  dueOn: IsoDate,
  stage: string | null = null,
  period?: Month,
): DueReminder {
  const key = [kind, subjectId, stage ?? period ?? '-', recipient.type, recipient.id]
    .join(':')
    .toLowerCase();
  return { kind, subjectId, programmeId, recipient, dueOn, key, ...(period && { period }) };
}

/**
 * One record's reminders, or none when its dates fall outside the years the calendar covers (a
 * far-off plan): one such record must not stop everyone else's reminders.
 */
function covered(work: () => DueReminder[]): DueReminder[] {
  try {
    return work();
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return [];
    throw error;
  }
}

/**
 * What a reminder says, from the reminder and a few words naming its subject (an LA, a session,
 * a programme): never a person, so it may sit in the notifications table and the mail service.
 */
export function reminderSummary(reminder: DueReminder, subject: string): string {
  const due = longDate(reminder.dueOn);
  switch (reminder.kind) {
    case 'SESSION_REPORT_OVERDUE':
      return `The report of ${subject} was due by ${due} and has not been submitted.`;
    case 'APA_PLAN_DUE':
      return `An action plan for the areas for priority action of ${subject} is due on ${due}.`;
    case 'DIAGNOSTIC_FOLLOW_UP_DUE':
      return `The follow-up review of ${subject} is due on ${due}.`;
    case 'MONTHLY_RETURN_DUE': {
      const month = reminder.period ? longDate(`${reminder.period}-01`).slice(2) : 'the month';
      return `The monthly return for ${month} to ${subject} is due by ${due}.`;
    }
    case 'ENGAGEMENT_STALLED':
      return `Nothing has happened on ${subject} for ${STALLED_AFTER_DAYS} days (since ${longDate(addDays(reminder.dueOn, -STALLED_AFTER_DAYS))}).`;
  }
}

function toEach(
  recipients: readonly Recipient[],
  make: (recipient: Recipient) => DueReminder,
): DueReminder[] {
  return recipients.map(make);
}

function contactsBySupplier(
  suppliers: readonly SupplierOnRecord[],
): Map<string, readonly string[]> {
  return new Map(suppliers.map((supplier) => [supplier.id, supplier.contactIds]));
}

function supplierContacts(
  contacts: Map<string, readonly string[]>,
  supplierId: string,
): Recipient[] {
  return (contacts.get(supplierId) ?? []).map((id) => ({ type: 'SUPPLIER_CONTACT', id }));
}

function managersOf(programme: ProgrammeOnRecord): Recipient[] {
  return programme.managerUserIds.map((id) => ({ type: 'PROGRAMME_MANAGER', id }));
}

function runsOn(programme: ProgrammeOnRecord, day: IsoDate): boolean {
  return programme.startsOn <= day && day <= programme.endsOn;
}

/** ISO dates compare as text. */
function within(day: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return from <= day && day <= to;
}

/** The three months before `today`'s: enough to hold every return still being chased. */
function recentMonths(today: IsoDate): Month[] {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return [1, 2, 3].map((back) => {
    const index = year * 12 + (month - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
