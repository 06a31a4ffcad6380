import { addCalendarMonths, daysInMonth, monthlyReturnDueOn } from '@la-tracker/domain/calendar';
import type { Pence } from '@la-tracker/platform/money';
import type { IsoDate } from '@la-tracker/platform/time';

/** SPEC §5.12: a supplier submits its return; a manager accepts it or sends it back. */
export const MONTHLY_RETURN_STATUSES = ['SUBMITTED', 'ACCEPTED', 'RETURNED'] as const;
export type MonthlyReturnStatus = (typeof MONTHLY_RETURN_STATUSES)[number];

export const MONTHLY_RETURN_MOVES = ['SUBMIT', 'ACCEPT', 'RETURN'] as const;
export type MonthlyReturnMove = (typeof MONTHLY_RETURN_MOVES)[number];

// `null` is a return not yet made.
const MOVES: Readonly<
  Record<
    MonthlyReturnMove,
    { from: ReadonlyArray<MonthlyReturnStatus | null>; to: MonthlyReturnStatus }
  >
> = {
  SUBMIT: { from: [null, 'RETURNED'], to: 'SUBMITTED' },
  ACCEPT: { from: ['SUBMITTED'], to: 'ACCEPTED' },
  RETURN: { from: ['SUBMITTED'], to: 'RETURNED' },
};

/** The state a move leads to, or null when the move is not allowed from this state. */
export function nextMonthlyReturnStatus(
  from: MonthlyReturnStatus | null,
  move: MonthlyReturnMove,
): MonthlyReturnStatus | null {
  const rule = MOVES[move];
  return rule.from.includes(from) ? rule.to : null;
}

/** The states a move may be made from, to explain a refusal. */
export function monthlyReturnStatusesAllowing(
  move: MonthlyReturnMove,
): ReadonlyArray<MonthlyReturnStatus | null> {
  return MOVES[move].from;
}

/** A calendar month, written as the API writes it: `2022-12`. */
export type Month = string;

const MONTH = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

function yearAndMonth(month: Month): [number, number] {
  if (!isMonth(month)) throw new RangeError(`"${month}" is not a month: write it as 2022-12.`);
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

export function firstDayOf(month: Month): IsoDate {
  yearAndMonth(month);
  return `${month}-01`;
}

export function lastDayOf(month: Month): IsoDate {
  const [year, monthNumber] = yearAndMonth(month);
  return `${month}-${String(daysInMonth(year, monthNumber)).padStart(2, '0')}`;
}

/**
 * A supplier owes a programme a return for each month one of its contracts there runs on any day
 * of (SPEC §5.12).
 */
export function owesReturnFor(
  month: Month,
  contract: { startsOn: IsoDate; endsOn: IsoDate },
): boolean {
  return contract.startsOn <= lastDayOf(month) && contract.endsOn >= firstDayOf(month);
}

/** The month a date falls in: 2023-01-09 → 2023-01. */
export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7);
}

/** Due by the 5th working day of the month after (England and Wales bank holidays skipped). */
export function returnDueOn(month: Month): IsoDate {
  return monthlyReturnDueOn(...yearAndMonth(month));
}

/** Late when first submitted after the day it was due; a resubmission does not make it late. */
export function isLate(month: Month, firstSubmittedOn: IsoDate): boolean {
  return firstSubmittedOn > returnDueOn(month);
}

type Problem = { field: string; message: string };

/**
 * A return covers a month that has ended, judged in England: on 2023-01-01 December 2022 may be
 * reported, January 2023 not yet.
 */
export function monthProblems(field: string, month: Month, today: IsoDate): Problem[] {
  if (!isMonth(month)) return [{ field, message: 'must be a month written YYYY-MM, e.g. 2022-12' }];
  if (month >= monthOf(today))
    return [
      {
        field,
        message: `must be a month that has ended: a return for ${month} may be made from ${addCalendarMonths(firstDayOf(month), 1)}`,
      },
    ];
  return [];
}

interface Period {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

const overlaps = (month: Month, period: Period) =>
  period.startsOn <= lastDayOf(month) && period.endsOn >= firstDayOf(month);

/**
 * The month must fall within the programme's dates (any day of it will do) and within one of the
 * supplier's contracts in it: there is nothing to report for a month the supplier was not
 * contracted.
 */
export function monthInTermProblems(
  field: string,
  month: Month,
  programme: Period & { name: string },
  contracts: readonly Period[],
): Problem[] {
  if (!isMonth(month)) return [];
  if (!overlaps(month, programme))
    return [
      {
        field,
        message: `${programme.name} runs from ${programme.startsOn} to ${programme.endsOn}, not in ${month}`,
      },
    ];
  if (!contracts.some((contract) => overlaps(month, contract)))
    return [{ field, message: `no contract of the supplier in the programme runs in ${month}` }];
  return [];
}

/** What the supplier reports for the month (SPEC §5.12). */
export interface ReturnFigures {
  sessionsDelivered: number;
  participants: number;
  spendPence: Pence;
  note?: string | null;
}

export const MAX_NOTE_LENGTH = 2000;
// The columns' range; GraphQL's Int stops there too.
const MAX_COUNT = 2_147_483_647;

const isCount = (value: number) => Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;

export function figuresProblems(figures: ReturnFigures): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['sessionsDelivered', 'participants'] as const)
    if (!isCount(figures[field]))
      problems.push({ field, message: 'must be a whole number, not negative' });
  if (!Number.isSafeInteger(figures.spendPence) || figures.spendPence < 0)
    problems.push({ field: 'spend', message: 'must be an amount of money, not negative' });
  if ((figures.note?.trim().length ?? 0) > MAX_NOTE_LENGTH)
    problems.push({ field: 'note', message: `must be at most ${MAX_NOTE_LENGTH} characters` });
  return problems;
}

/** Sending a return back needs a reason the supplier can act on. */
export function returnReasonProblems(reason: string | null | undefined): Problem[] {
  const text = reason?.trim() ?? '';
  if (text === '') return [{ field: 'reason', message: 'must be given' }];
  if (text.length > MAX_NOTE_LENGTH)
    return [{ field: 'reason', message: `must be at most ${MAX_NOTE_LENGTH} characters` }];
  return [];
}
