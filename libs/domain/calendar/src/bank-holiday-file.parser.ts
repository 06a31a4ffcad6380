import { parse } from 'csv-parse/sync';
import { isIsoDate } from '@la-tracker/platform/time';
import { type BankHoliday } from './working-day-calendar.rules';

export const BANK_HOLIDAY_COLUMNS = ['date', 'title', 'notes'] as const;

/**
 * Reads a bank holiday file (the layout of `data/bank-holidays-england-and-wales.csv`), refusing
 * it whole, with every problem by line: a calendar with a holiday dropped would be quietly wrong.
 */
export function parseBankHolidayFile(text: string): BankHoliday[] {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new Error(`The bank holiday file is not readable CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new Error('The bank holiday file has no rows.');
  const missing = BANK_HOLIDAY_COLUMNS.filter((column) => !(column in records[0]));
  if (missing.length > 0)
    throw new Error(`The bank holiday file lacks the column(s) ${missing.join(', ')}.`);

  const problems: string[] = [];
  const seen = new Set<string>();
  const holidays = records.map((record, index): BankHoliday => {
    const line = index + 2; // the header is line 1
    const { date, title, notes } = record;
    if (!isIsoDate(date)) problems.push(`line ${line}: date "${date}" is not a date (YYYY-MM-DD)`);
    else if (seen.has(date)) problems.push(`line ${line}: ${date} is listed twice`);
    if (title === '') problems.push(`line ${line}: the title is empty`);
    seen.add(date);
    return notes === '' ? { date, title } : { date, title, notes };
  });
  if (problems.length > 0)
    throw new Error(`The bank holiday file has problems: ${problems.join('; ')}.`);
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}
