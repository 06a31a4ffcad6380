import { financialYearOf, isFinancialYear } from '@la-tracker/domain/calendar';
import { isProgrammeYear } from '@la-tracker/domain/programmes';
import type { FieldProblem } from '@la-tracker/platform/errors';
import type { IsoDate } from '@la-tracker/platform/time';

/** SPEC §6, §7: the monthly management-information pack, and row-level extracts. */
export const REPORT_KINDS = ['MONTHLY_MI', 'SESSIONS_EXTRACT', 'ENGAGEMENTS_EXTRACT'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ['ODS', 'XLSX', 'CSV'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * The pack is a few small sheets, so any format; an extract may be any size and is written as it
 * is read, which only CSV and XLSX can be here.
 */
const FORMATS_OF: Readonly<Record<ReportKind, readonly ReportFormat[]>> = {
  MONTHLY_MI: ['ODS', 'XLSX', 'CSV'],
  SESSIONS_EXTRACT: ['CSV', 'XLSX'],
  ENGAGEMENTS_EXTRACT: ['CSV', 'XLSX'],
};

export function formatsOf(kind: ReportKind): readonly ReportFormat[] {
  return FORMATS_OF[kind];
}

/** What is wrong with a request for a report of a programme, by field. */
export function reportRequestProblems(
  request: { kind: ReportKind; format: ReportFormat; financialYear: string },
  programme: { startsOn: IsoDate; endsOn: IsoDate },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isFinancialYear(request.financialYear))
    problems.push({
      field: 'financialYear',
      message: 'must be a financial year such as 2022-23',
    });
  else if (!isProgrammeYear(programme, request.financialYear))
    problems.push({
      field: 'financialYear',
      message: `the programme runs from ${programme.startsOn} to ${programme.endsOn}, which does not include ${request.financialYear}`,
    });
  if (!formatsOf(request.kind).includes(request.format))
    problems.push({
      field: 'format',
      message: `${request.kind} comes as ${formatsOf(request.kind).join(' or ')}`,
    });
  return problems;
}

/** A pack in CSV is several sheets, so a zip of one CSV each; an extract in CSV is one file. */
export function fileExtensionOf(kind: ReportKind, format: ReportFormat): string {
  if (format === 'CSV') return kind === 'MONTHLY_MI' ? 'zip' : 'csv';
  return format.toLowerCase();
}

export function contentTypeOf(kind: ReportKind, format: ReportFormat): string {
  switch (fileExtensionOf(kind, format)) {
    case 'ods':
      return 'application/vnd.oasis.opendocument.spreadsheet';
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    case 'zip':
      return 'application/zip';
    default:
      return 'text/csv; charset=utf-8';
  }
}

/**
 * The name a download is saved under: the programme, the kind, the year and, for the monthly
 * pack, the month it was made in, e.g. `la-delivery-programme-monthly-mi-2022-23-2026-11.ods`.
 * Only letters, digits and hyphens, so it needs no quoting in a header.
 */
export function reportFileName(report: {
  programmeName: string;
  kind: ReportKind;
  financialYear: string;
  format: ReportFormat;
  requestedOn: IsoDate;
}): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'programme';
  const month = report.kind === 'MONTHLY_MI' ? `-${report.requestedOn.slice(0, 7)}` : '';
  return `${slug(report.programmeName)}-${slug(report.kind.replace('MONTHLY_MI', 'monthly mi'))}-${report.financialYear}${month}.${fileExtensionOf(report.kind, report.format)}`;
}

/**
 * What the monthly schedule's run on a day asks for: the pack of the month before the day's (the
 * month just ended, as it runs on the 1st), in that month's financial year, for every programme
 * running at any time in that month. So the run on 1 April gives the year just ended its pack
 * with March in it, and a programme that ended on 31 March gets its last one. A run late in the
 * month (a retry, a worker that was down) still asks for the month before, which it already has.
 */
export function monthlyPackOf(runDay: IsoDate): {
  /** `YYYY-MM`, the month before the run's. */
  month: string;
  financialYear: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** Once per programme and month covered (`covering`: keys before were by the run's month). */
  scheduleKey: string;
} {
  const [year, month] = runDay.split('-').map(Number);
  // Day 0 of the run's month is the last day of the month before.
  const endsOn = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  const endedMonth = endsOn.slice(0, 7);
  return {
    month: endedMonth,
    financialYear: financialYearOf(endsOn),
    startsOn: `${endedMonth}-01`,
    endsOn,
    scheduleKey: `MONTHLY_MI/covering/${endedMonth}`,
  };
}

/**
 * Where a run of a report keeps its file: one key per run, so two overlapping runs never write
 * over each other's file, and the row names the file of the run that finished it.
 */
export function reportStorageKey(reportId: string, runId: string): string {
  return `reports/${reportId}/${runId}`;
}

/** Percent done after `done` of `total` steps, between `from` and `to` (whole numbers, never back). */
export function progressBetween(from: number, to: number, done: number, total: number): number {
  if (total <= 0) return to;
  return Math.min(to, from + Math.floor(((to - from) * done) / total));
}
