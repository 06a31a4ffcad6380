import {
  englandAndWalesCalendar,
  financialYearOf,
  isSessionReportOverdue,
  sessionReportDueBy,
  type FinancialYear,
  type WorkingDayCalendar,
} from '@la-tracker/domain/calendar';
import type { IsoDate } from '@la-tracker/platform/time';
import type { SessionStatus } from './session.rules';

export interface DatedSession {
  status: SessionStatus;
  plannedOn: IsoDate | null;
  deliveredOn: IsoDate | null;
}

/** A session's date: the day it was delivered, or until then the day it is planned for. */
export function sessionDate(session: Omit<DatedSession, 'status'>): IsoDate {
  const date = session.deliveredOn ?? session.plannedOn;
  if (date === null) throw new RangeError('A session has a planned or a delivered date.');
  return date;
}

/** Delivery counts in the financial year of the session's date (SPEC §5.1). */
export function sessionFinancialYear(session: Omit<DatedSession, 'status'>): FinancialYear {
  return financialYearOf(sessionDate(session));
}

/** Reports not yet handed in: a plan not recorded, or a draft not submitted. */
const AWAITING_REPORT: readonly SessionStatus[] = ['PLANNED', 'DRAFT'];

export interface SessionReportDeadline {
  /** The 5th working day after the session's date. */
  dueBy: IsoDate;
  /**
   * The report was not submitted by then and still is not (SPEC §5.5). A returned session's report
   * was submitted: what it owes is a correction, which this does not time.
   */
  overdue: boolean;
}

export function sessionReportDeadline(
  session: DatedSession,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): SessionReportDeadline {
  const date = sessionDate(session);
  return {
    dueBy: sessionReportDueBy(date, calendar),
    overdue:
      AWAITING_REPORT.includes(session.status) && isSessionReportOverdue(date, today, calendar),
  };
}
