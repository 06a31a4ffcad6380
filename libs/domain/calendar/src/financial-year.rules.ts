import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';

/** A financial year, 1 April to 31 March, written as the API writes it: `2022-23`. */
export type FinancialYear = string;

const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

/** The financial year a date falls in (SPEC §5.1): 2023-03-31 is in 2022-23, 2023-04-01 in 2023-24. */
export function financialYearOf(date: IsoDate): FinancialYear {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD).`);
  const year = Number(date.slice(0, 4));
  const startYear = date.slice(5) >= '04-01' ? year : year - 1;
  return financialYearStartingIn(startYear);
}

function financialYearStartingIn(startYear: number): FinancialYear {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** True for `YYYY-YY` where the second year follows the first (`2022-23`, `1999-00`). */
export function isFinancialYear(text: string): boolean {
  const match = FINANCIAL_YEAR.exec(text);
  return match !== null && (Number(match[1]) + 1) % 100 === Number(match[2]);
}

/** The first and last day of a financial year. */
export function financialYearBounds(year: FinancialYear): { startsOn: IsoDate; endsOn: IsoDate } {
  if (!isFinancialYear(year))
    throw new RangeError(`"${year}" is not a financial year: write it as 2022-23.`);
  const start = Number(year.slice(0, 4));
  return { startsOn: `${start}-04-01`, endsOn: `${start + 1}-03-31` };
}

/** Every financial year that a period touches, oldest first. */
export function financialYearsBetween(from: IsoDate, to: IsoDate): FinancialYear[] {
  const first = Number(financialYearOf(from).slice(0, 4));
  const last = Number(financialYearOf(to).slice(0, 4));
  const years: FinancialYear[] = [];
  for (let start = first; start <= last; start += 1) years.push(financialYearStartingIn(start));
  return years;
}
