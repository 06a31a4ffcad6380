import type { RowProblem } from '../api/api-client';

/** The api takes files of at most 64 KB (base64 in one request); the page says so first. */
export const MAX_UPLOAD_BYTES = 64 * 1024;
/** What the web app reads at all: a bigger body is cut off with the 413 page. */
export const UPLOAD_HARD_LIMIT_BYTES = 256 * 1024;

export interface UploadedSpreadsheet {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** What is wrong with the chosen file before it goes to the api, in GOV.UK's words; null if nothing. */
export function uploadProblem(file: UploadedSpreadsheet | undefined): string | null {
  if (!file || file.originalname === '') return 'Select a spreadsheet of sessions';
  if (!/\.(csv|xlsx)$/i.test(file.originalname))
    return 'The selected file must be a CSV or XLSX spreadsheet';
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'The selected file must be smaller than 64 KB';
  return null;
}

/** A file's name as the api should report it: no folders, nothing but printable characters. */
export function uploadFileName(originalname: string): string {
  const base = originalname.split(/[\\/]/).pop() ?? '';
  const printable = base.replace(/[^\x20-\x7E]/g, '').trim();
  return printable === '' ? 'sessions.xlsx' : printable.slice(0, 200);
}

/** The api's problems, row by row, as the results table shows them (the header is row 1). */
export function problemRows(
  problems: RowProblem[],
): Array<{ row: string; field: string; problem: string }> {
  return [...problems]
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    .map((problem) => ({
      row: problem.row === null ? 'Whole file' : String(problem.row),
      field: problem.column ?? '',
      problem: problem.message,
    }));
}
