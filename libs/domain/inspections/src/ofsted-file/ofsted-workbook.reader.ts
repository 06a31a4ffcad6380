import { read, type CellObject, type WorkBook } from '@e965/xlsx';
import { BadUserInputError } from '@la-tracker/platform/errors';
import type { CellValue } from './ofsted-values.rules';

/** One sheet as rows of cells; rows[i] is the row a spreadsheet program numbers i + 1. */
export interface SheetGrid {
  name: string;
  rows: CellValue[][];
}

export interface WorkbookGrids {
  sheets: SheetGrid[];
  date1904: boolean;
}

// SheetJS reports Ofsted's ODS number formats it cannot translate on console.error; they do not
// affect the values read. Reading is synchronous, so no other code runs while console is swapped.
function readQuietly(buffer: Buffer): WorkBook {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('ODS number format may be incorrect'))
      return;
    original(...args);
  };
  try {
    // raw: text formats (CSV) keep dates as written rather than being guessed as US dates.
    return read(buffer, {
      type: 'buffer',
      dense: true,
      raw: true,
      cellDates: false,
      cellHTML: false,
    });
  } finally {
    console.error = original;
  }
}

function valueOf(cell: CellObject | undefined): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 's': {
      const text = typeof cell.v === 'string' ? cell.v.trim() : '';
      return text === '' ? null : text;
    }
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 'b':
      return typeof cell.v === 'boolean' ? cell.v : null;
    case 'd':
      return cell.v instanceof Date ? cell.v : null;
    case 'e':
    case 'z':
      return null;
  }
}

/** Reads ODS, XLSX or CSV into plain grids, refusing bytes that are not a spreadsheet. */
export function readWorkbookGrids(buffer: Buffer, fileName: string): WorkbookGrids {
  let workbook: WorkBook;
  try {
    workbook = readQuietly(buffer);
  } catch (error) {
    throw new BadUserInputError(
      `"${fileName}" could not be read as a spreadsheet (ODS, XLSX or CSV), so nothing was imported: ${(error as Error).message}`,
    );
  }
  const sheets = workbook.SheetNames.map((name): SheetGrid => {
    const data = (workbook.Sheets[name]?.['!data'] ?? []) as Array<CellObject[] | undefined>;
    const rows: CellValue[][] = [];
    data.forEach((cells, index) => {
      rows[index] = cells ? Array.from(cells, (cell) => valueOf(cell)) : [];
    });
    return { name, rows: Array.from(rows, (row) => row ?? []) };
  });
  return { sheets, date1904: Boolean(workbook.Workbook?.WBProps?.date1904) };
}
