import { read, type CellObject, type WorkBook } from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { SESSION_IMPORT_SHEET } from './session-import.template';
import { MAX_IMPORT_BYTES, type ImportCell, type SessionFileRefusal } from './session-import.rules';

export interface SessionFileGrid {
  /** rows[i] is the row a spreadsheet program numbers i + 1. */
  rows: ImportCell[][];
  date1904: boolean;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function cellValue(cell: CellObject | undefined): ImportCell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : null;
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 'b':
      return typeof cell.v === 'boolean' ? cell.v : null;
    case 'd':
      // Not asked for (cellDates is off), but a date read as one is still its day.
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : null;
    case 'e':
    case 'z':
      return null;
  }
}

function readWorkbook(buffer: Buffer, fileName: string): SessionFileGrid | SessionFileRefusal {
  let workbook: WorkBook;
  try {
    workbook = read(buffer, { type: 'buffer', dense: true, cellDates: false, cellHTML: false });
  } catch (error) {
    return {
      problem: `"${fileName}" could not be read as a spreadsheet, so nothing was imported: ${(error as Error).message}`,
    };
  }
  const name =
    workbook.SheetNames.find(
      (sheet) => sheet.toLowerCase() === SESSION_IMPORT_SHEET.toLowerCase(),
    ) ?? workbook.SheetNames[0];
  const data = (workbook.Sheets[name]?.['!data'] ?? []) as Array<CellObject[] | undefined>;
  const rows = Array.from(data, (cells) => (cells ? Array.from(cells, cellValue) : []));
  return { rows, date1904: Boolean(workbook.Workbook?.WBProps?.date1904) };
}

function readCsv(buffer: Buffer, fileName: string): SessionFileGrid | SessionFileRefusal {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  try {
    // Blank lines are kept, so each record's index is the row a spreadsheet shows it on.
    const rows: string[][] = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return { rows, date1904: false };
  } catch (error) {
    return {
      problem: `"${fileName}" is not readable CSV, so nothing was imported: ${(error as Error).message}`,
    };
  }
}

/**
 * Reads a sessions file, CSV or a workbook (XLSX, or ODS and XLS, which SheetJS reads alike), into
 * a grid of cells; the workbook's Sessions sheet, or else its first. A file too big to import, or
 * neither kind, is refused whole.
 */
export function readSessionFile(
  buffer: Buffer,
  fileName: string,
): SessionFileGrid | SessionFileRefusal {
  if (buffer.length > MAX_IMPORT_BYTES)
    return {
      problem: `"${fileName}" is ${Math.ceil(buffer.length / 1024)} KB; files of at most ${MAX_IMPORT_BYTES / 1024} KB are imported. Split it into smaller files.`,
    };
  if (buffer.length === 0) return { problem: `"${fileName}" is empty.` };
  const start = buffer.subarray(0, 4);
  if (start.equals(ZIP) || start.equals(OLE)) return readWorkbook(buffer, fileName);
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(fileName))
    return {
      problem: `"${fileName}" is named as a workbook but is not one (XLSX, ODS or XLS), so nothing was imported.`,
    };
  return readCsv(buffer, fileName);
}
