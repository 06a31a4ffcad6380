import {
  CalendarNotCoveredError,
  englandAndWalesCalendar,
  financialYearBounds,
  monthlyReturnDueOn,
  toDayNumber,
  type FinancialYear,
  type WorkingDayCalendar,
} from '@la-tracker/domain/calendar';
import { lastDayOf, owesReturnFor, type Month } from '@la-tracker/domain/monthly-returns';
import { SERVICE_LINES, type ServiceLine, type TargetBasis } from '@la-tracker/domain/programmes';
import { sessionDate, sessionReportDeadline, type DatedSession } from '@la-tracker/domain/sessions';
import type { IsoDate } from '@la-tracker/platform/time';

/** How many of each kind of overdue item the dashboard lists; the count is of them all. */
export const OVERDUE_ITEMS_SHOWN = 5;

/**
 * What a year's delivery so far comes to by its end at the same rate: delivered ÷ days of the
 * year elapsed (today included) × days in the year, to the nearest whole number. A finished year's
 * forecast is what was delivered; a year not yet begun has none (null).
 */
export function forecastToYearEnd(
  delivered: number,
  financialYear: FinancialYear,
  today: IsoDate,
): number | null {
  const { startsOn, endsOn } = financialYearBounds(financialYear);
  if (today < startsOn) return null;
  if (today >= endsOn) return delivered;
  const daysInYear = toDayNumber(endsOn) - toDayNumber(startsOn) + 1;
  const elapsed = toDayNumber(today) - toDayNumber(startsOn) + 1;
  return Math.round((delivered * daysInYear) / elapsed);
}

/**
 * What a line's target counts: regions for a line that must reach every region (networks,
 * targeted support), else LAs.
 */
export function reachMeasuredInRegions(basis: TargetBasis): boolean {
  return basis === 'EVERY_REGION';
}

/** reached ÷ target, 0 and up; null without a target to measure against. */
export function shareOfTarget(reached: number, target: number | null): number | null {
  return target === null || target <= 0 ? null : reached / target;
}

/** The dashboard's rows come in lot order, whatever order the queries found them in. */
export function inLotOrder<T extends { serviceLine: ServiceLine }>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) => SERVICE_LINES.indexOf(a.serviceLine) - SERVICE_LINES.indexOf(b.serviceLine),
  );
}

/** The figures of one service line for the year, as the dashboard shows them. */
export interface ServiceLineFigures {
  serviceLine: ServiceLine;
  name: string;
  targetBasis: TargetBasis;
  target: number | null;
  cap: number | null;
  /** LAs with an approved, in-delivery or completed engagement of the year. */
  localAuthoritiesReached: number;
  /**
   * Regions reached: those of the LAs reached or, for Lead Member networks, those whose network
   * met with at least one LA attending in the year (SPEC §5.8).
   */
  regionsReached: number;
  /** Of the target: regions reached for a line that must reach every region, else LAs. */
  shareOfTarget: number | null;
  /** Sessions dated in the year, by state. */
  sessionsApproved: number;
  sessionsAwaitingApproval: number;
  sessionsPlanned: number;
  /** Recorded but not yet submitted: drafts, and those sent back for correction. */
  sessionsInDraft: number;
  /** Minutes of the approved sessions dated in the year. */
  approvedMinutes: number;
  /** Diagnostics whose final report is dated in the year. */
  finalReports: number;
  forecast: {
    sessionsApproved: number | null;
    approvedMinutes: number | null;
    finalReports: number | null;
  };
}

export interface ServiceLineInputs {
  financialYear: FinancialYear;
  today: IsoDate;
  lines: ReadonlyArray<{
    serviceLine: ServiceLine;
    name: string;
    targetBasis: TargetBasis;
    target: number | null;
    cap: number | null;
  }>;
  reached: ReadonlyArray<{ serviceLine: ServiceLine; localAuthorities: number; regions: number }>;
  /** Regions whose Lead Member network met with an LA attending in the year. */
  networkRegionsMet: number;
  sessions: ReadonlyArray<{
    serviceLine: ServiceLine;
    status: string;
    sessions: number;
    minutes: number;
  }>;
  finalReports: ReadonlyArray<{ serviceLine: ServiceLine; diagnostics: number }>;
}

/** Each of the programme's service lines, in lot order, with its year's figures and forecast. */
export function serviceLineFigures(input: ServiceLineInputs): ServiceLineFigures[] {
  const sessionsOf = (line: ServiceLine, statuses: readonly string[]) =>
    input.sessions.filter((row) => row.serviceLine === line && statuses.includes(row.status));
  const total = <T>(rows: readonly T[], of: (row: T) => number) =>
    rows.reduce((sum, row) => sum + of(row), 0);
  const forecast = (delivered: number) =>
    forecastToYearEnd(delivered, input.financialYear, input.today);
  return inLotOrder(input.lines).map((line) => {
    const approved = sessionsOf(line.serviceLine, ['APPROVED']);
    const reachedRows = input.reached.filter((row) => row.serviceLine === line.serviceLine);
    const reached = total(reachedRows, (row) => row.localAuthorities);
    const regionsReached =
      line.serviceLine === 'LEAD_MEMBER_NETWORKS'
        ? input.networkRegionsMet
        : total(reachedRows, (row) => row.regions);
    const sessionsApproved = total(approved, (row) => row.sessions);
    const approvedMinutes = total(approved, (row) => row.minutes);
    const finalReports = total(
      input.finalReports.filter((row) => row.serviceLine === line.serviceLine),
      (row) => row.diagnostics,
    );
    return {
      serviceLine: line.serviceLine,
      name: line.name,
      targetBasis: line.targetBasis,
      target: line.target,
      cap: line.cap,
      localAuthoritiesReached: reached,
      regionsReached,
      shareOfTarget: shareOfTarget(
        reachMeasuredInRegions(line.targetBasis) ? regionsReached : reached,
        line.target,
      ),
      sessionsApproved,
      sessionsAwaitingApproval: total(
        sessionsOf(line.serviceLine, ['SUBMITTED']),
        (r) => r.sessions,
      ),
      sessionsPlanned: total(sessionsOf(line.serviceLine, ['PLANNED']), (r) => r.sessions),
      sessionsInDraft: total(
        sessionsOf(line.serviceLine, ['DRAFT', 'RETURNED']),
        (r) => r.sessions,
      ),
      approvedMinutes,
      finalReports,
      forecast: {
        sessionsApproved: forecast(sessionsApproved),
        approvedMinutes: forecast(approvedMinutes),
        finalReports: forecast(finalReports),
      },
    };
  });
}

/** A thing overdue or coming due, in words a page can show as they are. */
export interface DashboardItem {
  kind: 'SESSION_REPORT' | 'APA_ACTION_PLAN' | 'MONTHLY_RETURN' | 'DIAGNOSTIC_FOLLOW_UP';
  /** What is owed, e.g. "Session report" or "Draft action plan". */
  title: string;
  localAuthorities: string | null;
  serviceLine: ServiceLine | null;
  supplier: string | null;
  contract: string | null;
  /** The day it follows from: the session, the visit's letter, the month's end, the final report. */
  date: IsoDate;
  dueBy: IsoDate;
  /** The records it concerns, so a page can link to them. */
  sessionId: string | null;
  /** For a follow-up review: the diagnostic's engagement. */
  engagementId: string | null;
  supplierId: string | null;
  /** GSS codes of the LAs named in `localAuthorities`. */
  localAuthorityCodes: string[];
}

/** How many there are, and the first few, the longest overdue (or soonest due) first. */
export interface DashboardItems {
  count: number;
  items: DashboardItem[];
}

export function firstFew(items: readonly DashboardItem[]): DashboardItems {
  const sorted = [...items].sort(
    (a, b) =>
      a.dueBy.localeCompare(b.dueBy) ||
      a.date.localeCompare(b.date) ||
      (a.localAuthorities ?? a.supplier ?? '').localeCompare(
        b.localAuthorities ?? b.supplier ?? '',
      ),
  );
  return { count: sorted.length, items: sorted.slice(0, OVERDUE_ITEMS_SHOWN) };
}

/**
 * Planned or drafted sessions, of any year, whose report was due 5 working days after their date
 * and is still not in (SPEC §5.5). A session in years the calendar does not cover is passed over.
 */
export function overdueSessionReports(
  sessions: ReadonlyArray<
    DatedSession & {
      sessionId: string;
      supplierId: string;
      serviceLine: ServiceLine;
      supplier: string;
      contract: string;
      localAuthorities: string;
      localAuthorityCodes: string[];
    }
  >,
  today: IsoDate,
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): DashboardItem[] {
  return sessions.flatMap((session) =>
    covered(() => {
      const { dueBy, overdue } = sessionReportDeadline(session, today, calendar);
      if (!overdue) return [];
      return [
        {
          kind: 'SESSION_REPORT' as const,
          title: session.status === 'PLANNED' ? 'Session not yet recorded' : 'Session report',
          localAuthorities: session.localAuthorities,
          serviceLine: session.serviceLine,
          supplier: session.supplier,
          contract: session.contract,
          date: sessionDate(session),
          dueBy,
          sessionId: session.sessionId,
          engagementId: null,
          supplierId: session.supplierId,
          localAuthorityCodes: session.localAuthorityCodes,
        },
      ];
    }),
  );
}

/**
 * The returns owed for the months of a financial year (SPEC §5.12): each supplier under contract
 * in the programme in a month owes one, due by the 5th working day of the next month. Overdue
 * once that day has passed with none made.
 */
export function overdueMonthlyReturns(
  input: {
    financialYear: FinancialYear;
    today: IsoDate;
    contracts: ReadonlyArray<{ supplierId: string; startsOn: IsoDate; endsOn: IsoDate }>;
    returned: ReadonlyArray<{ supplierId: string; month: Month }>;
  },
  calendar: WorkingDayCalendar = englandAndWalesCalendar(),
): Array<{ supplierId: string; month: Month; dueOn: IsoDate }> {
  const made = new Set(input.returned.map((r) => `${r.supplierId}:${r.month}`));
  const owed = new Map<string, { supplierId: string; month: Month; dueOn: IsoDate }>();
  for (const month of monthsOf(input.financialYear)) {
    // A month not yet over owes nothing yet, and its due date may be past the calendar's years.
    if (lastDayOf(month) >= input.today) break;
    let dueOn: IsoDate;
    try {
      dueOn = monthlyReturnDueOn(Number(month.slice(0, 4)), Number(month.slice(5, 7)), calendar);
    } catch (error) {
      if (error instanceof CalendarNotCoveredError) continue;
      throw error;
    }
    if (dueOn >= input.today) continue;
    for (const contract of input.contracts) {
      const key = `${contract.supplierId}:${month}`;
      const underContract = owesReturnFor(month, contract);
      if (underContract && !made.has(key))
        owed.set(key, { supplierId: contract.supplierId, month, dueOn });
    }
  }
  return [...owed.values()];
}

/** The twelve months of a financial year, April first. */
export function monthsOf(financialYear: FinancialYear): Month[] {
  const start = Number(financialYearBounds(financialYear).startsOn.slice(0, 4));
  return Array.from({ length: 12 }, (_, index) => {
    const month = 4 + index;
    const year = month > 12 ? start + 1 : start;
    return `${year}-${String(month > 12 ? month - 12 : month).padStart(2, '0')}`;
  });
}

/** The day the reach is judged on: the year's last day, or today while the year runs. */
export function asOfForYear(financialYear: FinancialYear, today: IsoDate): IsoDate {
  const { endsOn } = financialYearBounds(financialYear);
  return endsOn < today ? endsOn : today;
}

function covered<T>(work: () => T[]): T[] {
  try {
    return work();
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return [];
    throw error;
  }
}
