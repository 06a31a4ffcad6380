import { type IsoDate } from '@la-tracker/platform/time';
import {
  assertInteger,
  daysInMonth,
  fromDayNumber,
  isoDate,
  isWeekend,
  toDayNumber,
  yearOf,
} from './calendar-date.rules';
import { CalendarNotCoveredError } from './calendar.error';

export interface BankHoliday {
  date: IsoDate;
  title: string;
  /** GOV.UK's note, such as "Substitute day". */
  notes?: string;
}

/** The years whose bank holidays a calendar knows, first and last inclusive. */
export interface CalendarCoverage {
  firstYear: number;
  lastYear: number;
}

/**
 * Working days are Monday to Friday except bank holidays. A calendar answers only for the years it
 * covers (by default, the first to the last year of its holidays) and throws
 * `CalendarNotCoveredError` for any other date it would have to judge.
 */
export class WorkingDayCalendar {
  readonly coverage: CalendarCoverage;
  readonly holidays: readonly BankHoliday[];
  private readonly byDate: ReadonlyMap<IsoDate, BankHoliday>;

  constructor(holidays: readonly BankHoliday[], coverage?: CalendarCoverage) {
    const years = holidays.map((holiday) => yearOf(holiday.date));
    if (!coverage && years.length === 0)
      throw new RangeError('A working-day calendar needs bank holidays, or the years it covers.');
    this.coverage = coverage ?? { firstYear: Math.min(...years), lastYear: Math.max(...years) };
    const { firstYear, lastYear } = this.coverage;
    if (!Number.isSafeInteger(firstYear) || !Number.isSafeInteger(lastYear) || firstYear > lastYear)
      throw new RangeError(`The years covered, ${firstYear} to ${lastYear}, are not a range.`);

    const byDate = new Map<IsoDate, BankHoliday>();
    for (const holiday of holidays) {
      if (byDate.has(holiday.date))
        throw new RangeError(`The bank holiday ${holiday.date} is listed twice.`);
      const year = yearOf(holiday.date);
      if (year < firstYear || year > lastYear)
        throw new RangeError(
          `The bank holiday ${holiday.date} is outside the years covered, ${firstYear} to ${lastYear}.`,
        );
      byDate.set(holiday.date, holiday);
    }
    // A year with no holidays is a year missing from the data, not a year without holidays.
    for (let year = firstYear; year <= lastYear; year += 1) {
      if (!years.includes(year))
        throw new RangeError(
          `No bank holidays are listed for ${year}, a year the calendar covers.`,
        );
    }
    this.byDate = byDate;
    this.holidays = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  covers(date: IsoDate): boolean {
    const year = yearOf(date);
    return year >= this.coverage.firstYear && year <= this.coverage.lastYear;
  }

  /** The bank holiday on `date`, if it is one. */
  bankHolidayOn(date: IsoDate): BankHoliday | undefined {
    this.assertCovered(date);
    return this.byDate.get(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    this.assertCovered(date);
    return !isWeekend(date) && !this.byDate.has(date);
  }

  /**
   * The `n`th working day after `date`, not counting `date` itself (before it when `n` is
   * negative); `date` itself when `n` is 0, working day or not.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    assertInteger(n, 'The number of working days');
    this.assertCovered(date);
    const step = Math.sign(n);
    let day = toDayNumber(date);
    for (let left = Math.abs(n); left > 0;) {
      day += step;
      if (this.isWorkingDay(fromDayNumber(day))) left -= 1;
    }
    return fromDayNumber(day);
  }

  /** The `n`th working day (from 1) of a month (1 to 12). */
  nthWorkingDayOfMonth(year: number, month: number, n: number): IsoDate {
    assertInteger(n, 'The working day of the month');
    const length = daysInMonth(year, month);
    if (n < 1) throw new RangeError(`The working day of the month counts from 1, not ${n}.`);
    let found = 0;
    for (let day = 1; day <= length; day += 1) {
      const date = isoDate(year, month, day);
      if (this.isWorkingDay(date) && ++found === n) return date;
    }
    throw new RangeError(
      `${isoDate(year, month, 1).slice(0, 7)} has ${found} working days, not ${n}.`,
    );
  }

  /**
   * The working days after `from` up to and including `to`, so that
   * `addWorkingDays(from, workingDaysBetween(from, to))` is `to` when `to` is a working day;
   * negative when `to` is before `from`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    this.assertCovered(from);
    this.assertCovered(to);
    const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let day = low + 1; day <= high; day += 1) {
      if (this.isWorkingDay(fromDayNumber(day))) count += 1;
    }
    return sign * count;
  }

  private assertCovered(date: IsoDate): void {
    if (!this.covers(date))
      throw new CalendarNotCoveredError(date, this.coverage.firstYear, this.coverage.lastYear);
  }
}
