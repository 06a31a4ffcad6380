import {
  financialYearBounds,
  financialYearOf,
  financialYearsBetween,
  isFinancialYear,
  type FinancialYear,
} from '@la-tracker/domain/calendar';
import type { IsoDate } from '@la-tracker/platform/time';

export interface ProgrammeDates {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** One option of the year chooser, as govukSelect takes it. */
export interface YearOption {
  value: FinancialYear;
  text: string;
  selected: boolean;
}

/** A `?year=` as asked for: none given, a financial year, or something else. */
export type YearAsked = { year: FinancialYear } | 'none' | 'invalid';

export function requestedYear(value: unknown): YearAsked {
  if (value === undefined || value === '') return 'none';
  return typeof value === 'string' && isFinancialYear(value) ? { year: value } : 'invalid';
}

/**
 * The year a programme's pages show when none is asked for: the current financial year in England,
 * or, for a programme not running this year, its nearest year (its last once it has ended).
 */
export function defaultYear(programme: ProgrammeDates, today: IsoDate): FinancialYear {
  const years = financialYearsBetween(programme.startsOn, programme.endsOn);
  const current = financialYearOf(today);
  if (years.includes(current)) return current;
  return current < years[0] ? years[0] : years[years.length - 1];
}

/** The programme's years to choose from, the chosen one selected (kept even if outside them). */
export function yearOptions(programme: ProgrammeDates, chosen: FinancialYear): YearOption[] {
  const years = financialYearsBetween(programme.startsOn, programme.endsOn);
  if (!years.includes(chosen)) years.push(chosen);
  return years.sort().map((year) => ({ value: year, text: year, selected: year === chosen }));
}

/** "1 April 2022 to 31 March 2023" takes two dates; pages need the bounds for the api. */
export function yearBounds(year: FinancialYear): { startsOn: IsoDate; endsOn: IsoDate } {
  return financialYearBounds(year);
}

/** The day a year's eligibility is judged on: its last day, or today while it runs. */
export function judgedOn(year: FinancialYear, today: IsoDate): IsoDate {
  const { endsOn } = financialYearBounds(year);
  return today < endsOn ? today : endsOn;
}
