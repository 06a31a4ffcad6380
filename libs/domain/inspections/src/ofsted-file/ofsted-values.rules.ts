import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import type { Grade, InspectionKind } from '../inspection.types';

/** A cell as the workbook holds it; blank text is null. */
export type CellValue = string | number | boolean | Date | null;

/** A value read from a cell: null when the cell says nothing, or a problem when it cannot be read. */
export type CellReading<T> =
  { value: T | null; problem?: undefined } | { value: null; problem: string };

/** "Good [note 2]", "Good*", "Good¹", "Overall effectiveness (note 1)": Ofsted's footnote markers. */
export function withoutFootnoteMarkers(text: string): string {
  return text
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\((?:see )?(?:foot)?notes?\b[^)]*\)/gi, ' ')
    .replace(/[\u00b9\u00b2\u00b3\u2070-\u209f*\u2020\u2021]/g, ' ')
    .replace(/([a-z])\d+\s*$/i, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function describeCell(value: CellValue): string {
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Cells that say "nothing here" rather than holding a value. */
const NOTHING =
  /^(?:n\/?a|not applicable|-+|\u2013|\u2014|x|\.\.|:|none|not graded|not judged|no judgements?|not yet inspected|not inspected|not yet published)$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;
// Day 0 of spreadsheet serial dates (1900 system, with Lotus's leap-year bug, which only affects
// dates before March 1900) and of the 1904 system.
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function isoFromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isoFromSerial(serial: number, date1904: boolean): IsoDate {
  const instant = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.floor(serial) * DAY_MS);
  return isoFromParts(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

function checked(date: IsoDate, written: CellValue): CellReading<IsoDate> {
  const year = Number(date.slice(0, 4));
  // ILACS began in 2018; anything far outside this century is a misread number, not a date.
  if (!isIsoDate(date) || year < 2000 || year > 2099) {
    return { value: null, problem: `${describeCell(written)} is not a date` };
  }
  return { value: date };
}

/**
 * Reads a date as Ofsted's files hold them: spreadsheet serial numbers (ODS/XLSX date cells),
 * dd/mm/yyyy (or d/m/yy, with - or .) as in the UK, ISO yyyy-mm-dd, or "1 March 2024".
 */
export function parseOfstedDate(cell: CellValue, date1904 = false): CellReading<IsoDate> {
  if (cell === null) return { value: null };
  if (typeof cell === 'number') return checked(isoFromSerial(cell, date1904), cell);
  if (cell instanceof Date) {
    // SheetJS gives date cells as UTC midnight.
    if (Number.isNaN(cell.getTime())) return { value: null, problem: 'is not a date' };
    return checked(
      isoFromParts(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()),
      cell,
    );
  }
  if (typeof cell === 'boolean')
    return { value: null, problem: `${describeCell(cell)} is not a date` };
  const text = withoutFootnoteMarkers(cell);
  if (text === '' || NOTHING.test(text)) return { value: null };

  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (uk) {
    const year = uk[3].length === 2 ? 2000 + Number(uk[3]) : Number(uk[3]);
    return checked(isoFromParts(year, Number(uk[2]), Number(uk[1])), cell);
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (iso) return checked(isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3])), cell);
  const words = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)[\s,-]+(\d{4})$/i.exec(text);
  if (words) {
    const month = MONTHS.indexOf(words[2].slice(0, 3).toLowerCase()) + 1;
    if (month > 0) return checked(isoFromParts(Number(words[3]), month, Number(words[1])), cell);
  }
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return checked(isoFromSerial(Number(text), date1904), cell);
  return { value: null, problem: `${describeCell(cell)} is not a date` };
}

const GRADE_WORDS: Record<string, Grade> = {
  outstanding: 'OUTSTANDING',
  '1': 'OUTSTANDING',
  good: 'GOOD',
  '2': 'GOOD',
  'requires improvement to be good': 'REQUIRES_IMPROVEMENT',
  'requires improvement': 'REQUIRES_IMPROVEMENT',
  ri: 'REQUIRES_IMPROVEMENT',
  '3': 'REQUIRES_IMPROVEMENT',
  inadequate: 'INADEQUATE',
  '4': 'INADEQUATE',
};

/** Reads a grade written as a word ("Requires improvement to be good") or Ofsted's number 1–4. */
export function parseOfstedGrade(cell: CellValue): CellReading<Grade> {
  if (cell === null) return { value: null };
  if (typeof cell === 'string' || typeof cell === 'number') {
    const text = withoutFootnoteMarkers(String(cell)).toLowerCase();
    if (text === '' || NOTHING.test(text)) return { value: null };
    const grade = GRADE_WORDS[text.replace(/\.0+$/, '')];
    if (grade) return { value: grade };
  }
  return { value: null, problem: `${describeCell(cell)} is not a grade` };
}

/** Reads "ILACS Standard Inspection", "LA Monitoring visit", "ILACS Focused Visit", "JTAI"…. */
export function parseInspectionKind(cell: CellValue): CellReading<InspectionKind> {
  if (cell === null) return { value: null };
  const text = typeof cell === 'string' ? withoutFootnoteMarkers(cell).toLowerCase() : '';
  if (text === '')
    return { value: null, problem: `${describeCell(cell)} is not an inspection type` };
  if (/\bjtai\b|joint targeted area/.test(text)) return { value: 'JTAI' };
  if (/\bfocus+ed visit/.test(text)) return { value: 'FOCUSED_VISIT' };
  if (/\bmonitoring visit/.test(text)) return { value: 'MONITORING_VISIT' };
  if (/\bshort\b/.test(text)) return { value: 'SHORT_INSPECTION' };
  if (/\bstandard\b/.test(text)) return { value: 'STANDARD_INSPECTION' };
  return {
    value: null,
    problem: `${describeCell(cell)} is not an inspection type this import knows`,
  };
}
