import { utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import type { CellValue, Sheet, SheetColumn } from './sheet';

/** Money is kept in pence; sheets show pounds with two places. */
const MONEY_FORMAT = '#,##0.00';

function cellOf(value: CellValue, column: SheetColumn): CellObject {
  if (value === null) return { t: 'z' };
  if (typeof value === 'number')
    return column.kind === 'money'
      ? { t: 'n', v: value / 100, z: MONEY_FORMAT }
      : { t: 'n', v: value };
  // A string cell, never a formula: SheetJS writes a formula only for a cell given `f`.
  return { t: 's', v: value };
}

function worksheetOf(sheet: Sheet): WorkSheet {
  const worksheet = utils.aoa_to_sheet([sheet.columns.map((column) => column.title)]);
  utils.sheet_add_aoa(
    worksheet,
    sheet.rows.map((row) => row.map((value, i) => cellOf(value, sheet.columns[i]))),
    { origin: 1 },
  );
  worksheet['!cols'] = sheet.columns.map((column) => ({
    wch: Math.max(12, Math.min(40, column.title.length + 2)),
  }));
  return worksheet;
}

/** A workbook of the sheets: ODS (the open standard) or XLSX; numbers stay numbers. */
export function workbookOf(sheets: readonly Sheet[], format: 'ODS' | 'XLSX'): Buffer {
  const workbook = utils.book_new();
  for (const sheet of sheets) utils.book_append_sheet(workbook, worksheetOf(sheet), sheet.name);
  return write(workbook, {
    type: 'buffer',
    bookType: format === 'ODS' ? 'ods' : 'xlsx',
    compression: true,
  }) as Buffer;
}

/**
 * Every CSV of a report is written with csv-stringify's `escape_formulas`: text that a
 * spreadsheet would take for a formula (starting =, +, -, @, a tab or a carriage return, or
 * their full-width forms) is prefixed with ' so it opens as text; numbers, negative ones too,
 * stay numbers.
 */
const CSV_OPTIONS = { escape_formulas: true } as const;

/** The header row of a CSV: the columns' titles. */
export function csvHeaderOf(columns: readonly SheetColumn[]): string {
  return stringify([columns.map((column) => column.title)], CSV_OPTIONS);
}

/** Rows as CSV lines: money in pounds with two places (197.92), an empty cell for nothing. */
export function csvRowsOf(columns: readonly SheetColumn[], rows: readonly CellValue[][]): string {
  return stringify(rows as CellValue[][], {
    ...CSV_OPTIONS,
    cast: {
      number: (value, context) =>
        columns[context.index]?.kind === 'money' ? formatPence(value) : String(value),
    },
  });
}

function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const whole = Math.abs(pence);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

export function csvOf(sheet: Sheet): string {
  return csvHeaderOf(sheet.columns) + csvRowsOf(sheet.columns, sheet.rows);
}

/** One CSV per sheet, in a zip, named after the sheets. */
export function csvZipOf(sheets: readonly Sheet[]): Buffer {
  const files = Object.fromEntries(
    sheets.map((sheet, i) => [
      `${String(i + 1).padStart(2, '0')}-${sheet.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`,
      strToU8(csvOf(sheet)),
    ]),
  );
  return Buffer.from(zipSync(files, { level: 6 }));
}
