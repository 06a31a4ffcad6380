import type { FieldProblem } from '../api/api-client';
import { isFinancialYear } from '../engagements/engagements.rules';

export const REPORT_KINDS = ['MONTHLY_MI', 'ENGAGEMENTS_EXTRACT', 'SESSIONS_EXTRACT'] as const;
export const REPORT_FORMATS = ['ODS', 'XLSX', 'CSV'] as const;

export const REPORT_KIND_NAMES: Record<string, string> = {
  MONTHLY_MI: 'Monthly management information pack',
  ENGAGEMENTS_EXTRACT: 'Engagements extract',
  SESSIONS_EXTRACT: 'Sessions extract',
};

export const REPORT_FORMAT_NAMES: Record<string, string> = {
  ODS: 'OpenDocument spreadsheet (.ods)',
  XLSX: 'Excel spreadsheet (.xlsx)',
  CSV: 'CSV (a zip of CSV files for the pack)',
};

export interface ReportRequestForm {
  kind: string;
  financialYear: string;
  format: string;
}

/** The request form's answers, and what is plainly missing before the api is asked. */
export function parseReportRequest(body: Record<string, unknown>): {
  values: ReportRequestForm;
  problems: FieldProblem[];
} {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const values = {
    kind: text(body.kind),
    financialYear: text(body.financialYear),
    format: text(body.format),
  };
  const problems: FieldProblem[] = [];
  if (!(REPORT_KINDS as readonly string[]).includes(values.kind))
    problems.push({ field: 'kind', message: 'Select the report you want' });
  if (!isFinancialYear(values.financialYear))
    problems.push({ field: 'financialYear', message: 'Select a financial year' });
  if (!(REPORT_FORMATS as readonly string[]).includes(values.format))
    problems.push({ field: 'format', message: 'Select a file format' });
  return { values, problems };
}

/**
 * Where the web app fetches a built report from: the api gives a signed link relative to its own
 * address. Anything else (another host, another path) is refused, so a link cannot make the web
 * app fetch from wherever it points.
 */
export function apiFileUrl(apiUrl: string, downloadUrl: string | null): string | null {
  if (!downloadUrl) return null;
  const base = new URL(`${apiUrl}/`);
  let url: URL;
  try {
    url = new URL(downloadUrl, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  if (!/^\/reports\/[^/]+\/download$/.test(url.pathname)) return null;
  return url.toString();
}

/** "42%" progress, and whether the page should suggest refreshing (the report is not finished). */
export function reportProgress(report: { status: string; progress: number }): {
  finished: boolean;
  text: string;
} {
  switch (report.status) {
    case 'DONE':
      return { finished: true, text: 'Ready to download' };
    case 'FAILED':
      return { finished: true, text: 'The report could not be built' };
    case 'RUNNING':
      return { finished: false, text: `Being built: ${report.progress}% done` };
    default:
      return { finished: false, text: 'Waiting to be built' };
  }
}

/** A file size in words: "12 KB". */
export function fileSize(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
