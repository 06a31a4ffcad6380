import { type IsoDate } from '@la-tracker/platform/time';
import { addCalendarMonths, toDayNumber } from './calendar-date.rules';
import { englandAndWalesCalendar } from './england-and-wales.calendar';
import { type WorkingDayCalendar } from './working-day-calendar.rules';

// The clocks of SPEC §5.5, §5.6, §5.12 and §6. Each rule takes the calendar last, so tests and
// callers holding another calendar can pass their own.
export const SESSION_REPORT_WORKING_DAYS = 5;
export const MONTHLY_RETURN_WORKING_DAY = 5;
export const APA_DRAFT_PLAN_WORKING_DAYS = 20;
export const APA_FINAL_PLAN_WORKING_DAYS = 70;
export const DIAGNOSTIC_FOLLOW_UP_MONTHS = 6;

/** The last day a session's report is on time: the 5th working day after the session's date. */
export function sessionReportDueBy(
  deliveredOn: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): IsoDate {
  return calendar.addWorkingDays(deliveredOn, SESSION_REPORT_WORKING_DAYS);
}

/** True from the day after `sessionReportDueBy` while the report is not submitted. */
export function isSessionReportOverdue(
  deliveredOn: IsoDate,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): boolean {
  return toDayNumber(today) > toDayNumber(sessionReportDueBy(deliveredOn, calendar));
}

/** The return for a month (1 to 12) is due by the 5th working day of the month after. */
export function monthlyReturnDueOn(
  year: number,
  month: number,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): IsoDate {
  if (!Number.isSafeInteger(month) || month < 1 || month > 12)
    throw new RangeError(`The month must be a whole number from 1 to 12, not ${month}.`);
  const [dueYear, dueMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return calendar.nthWorkingDayOfMonth(dueYear, dueMonth, MONTHLY_RETURN_WORKING_DAY);
}

export interface ApaActionPlanDueDates {
  draftDueOn: IsoDate;
  finalDueOn: IsoDate;
}

/** After a letter naming areas for priority action: a draft plan in 20 working days, the final in 70. */
export function apaActionPlanDueDates(
  letterDate: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): ApaActionPlanDueDates {
  return {
    draftDueOn: calendar.addWorkingDays(letterDate, APA_DRAFT_PLAN_WORKING_DAYS),
    finalDueOn: calendar.addWorkingDays(letterDate, APA_FINAL_PLAN_WORKING_DAYS),
  };
}

/** 6 calendar months after the final report, working day or not (2023-01-16 → 2023-07-16). */
export function diagnosticFollowUpDueOn(finalReportOn: IsoDate): IsoDate {
  return addCalendarMonths(finalReportOn, DIAGNOSTIC_FOLLOW_UP_MONTHS);
}
