import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';

// Dates are calendar dates: arithmetic runs on UTC midnights so no zone or clock change can shift a day.
const MS_PER_DAY = 86_400_000;

/** The days since 1970-01-01 of a `YYYY-MM-DD` date; anything else is refused. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD).`);
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    MS_PER_DAY
  );
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(date: IsoDate): number {
  toDayNumber(date);
  return Number(date.slice(0, 4));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days');
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 for Sunday to 6 for Saturday, as `Date.getUTCDay`. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function daysInMonth(year: number, month: number): number {
  assertYearMonth(year, month);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  assertYearMonth(year, month);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isIsoDate(date)) throw new RangeError(`${year}-${month} has no day ${day}.`);
  return date;
}

/**
 * The same day `months` calendar months later (earlier when negative), or the last day of that
 * month when it is shorter: 2023-08-31 + 6 months is 2024-02-29.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  assertInteger(months, 'months');
  toDayNumber(date);
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return isoDate(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}

export function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${name} must be a whole number, not ${value}.`);
}

function assertYearMonth(year: number, month: number): void {
  if (!Number.isSafeInteger(year) || year < 100 || year > 9999)
    throw new RangeError(`The year must be a whole number from 100 to 9999, not ${year}.`);
  if (!Number.isSafeInteger(month) || month < 1 || month > 12)
    throw new RangeError(`The month must be a whole number from 1 to 12, not ${month}.`);
}
