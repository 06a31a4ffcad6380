import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBankHolidayFile } from './bank-holiday-file.parser';
import { WorkingDayCalendar } from './working-day-calendar.rules';

/** The shipped data; the build copies `src/data/` next to the compiled code. */
export const BANK_HOLIDAY_FILE = join(__dirname, 'data', 'bank-holidays-england-and-wales.csv');

let shipped: WorkingDayCalendar | undefined;

/** England and Wales's working days, from the shipped GOV.UK data (read once, on first use). */
export function englandAndWalesCalendar(): WorkingDayCalendar {
  shipped ??= new WorkingDayCalendar(parseBankHolidayFile(readFileSync(BANK_HOLIDAY_FILE, 'utf8')));
  return shipped;
}
