import type { Pence } from '@la-tracker/platform/money';
import type { IsoDate } from '@la-tracker/platform/time';
import { isLotInForce, type LotPeriod } from './lot.rules';
import type { ServiceLine } from './service-line';

/** How a contract charges (SPEC §4). */
export const RATE_UNITS = [
  'PER_SESSION',
  'PER_PARTICIPANT',
  'PER_HOUR',
  'PER_DIAGNOSTIC',
  'FIXED',
] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

export interface RateInput {
  /** Which of the lot's service lines; may be left out when the lot has only one. */
  serviceLine?: ServiceLine | null;
  unit: RateUnit;
  amountPence: Pence;
}

export interface ContractTerms {
  valuePence: Pence;
  startsOn: IsoDate;
  endsOn: IsoDate;
  rates: readonly RateInput[];
}

type Problem = { field: string; message: string };

/** What is wrong with a contract's reference, e.g. "A1": unique within its programme. */
export function contractReferenceProblems(reference: string): Problem[] {
  const value = reference.trim();
  return value === '' || value.length > 50
    ? [{ field: 'reference', message: 'must be 1 to 50 characters' }]
    : [];
}

/** A contract is made for a lot in force on the day it starts; null when it is. */
export function contractLotProblem(
  lot: LotPeriod & { number: number },
  startsOn: IsoDate,
): Problem | null {
  return isLotInForce(lot, startsOn)
    ? null
    : {
        field: 'lotId',
        message: `lot ${lot.number} is not in force on ${startsOn} (it runs from ${lot.validFrom} to ${lot.validTo ?? 'no end'})`,
      };
}

/**
 * What is wrong with a contract's terms for a lot holding these service lines, field by field.
 * Rates name service lines of the lot, each at most once; a lot of one service line may leave
 * the name out.
 */
export function contractTermsProblems(
  terms: ContractTerms,
  lotServiceLines: readonly ServiceLine[],
  programme: { startsOn: IsoDate; endsOn: IsoDate },
): Problem[] {
  const problems: Problem[] = [];
  if (terms.valuePence < 0) problems.push({ field: 'value', message: 'must not be negative' });
  if (terms.endsOn < terms.startsOn)
    problems.push({ field: 'endsOn', message: 'must not be before startsOn' });
  const within = `the contract must fall within the programme (${programme.startsOn} to ${programme.endsOn})`;
  if (terms.startsOn < programme.startsOn) problems.push({ field: 'startsOn', message: within });
  if (terms.endsOn > programme.endsOn) problems.push({ field: 'endsOn', message: within });
  const seen = new Set<ServiceLine>();
  terms.rates.forEach((rate, i) => {
    const field = `rates[${i}]`;
    const line = rateServiceLine(rate, lotServiceLines);
    if (line === null) {
      problems.push({
        field: `${field}.serviceLine`,
        message: `is needed: the lot holds ${lotServiceLines.join(', ')}`,
      });
    } else if (!lotServiceLines.includes(line)) {
      problems.push({
        field: `${field}.serviceLine`,
        message: `${line} is not in this lot (it holds ${lotServiceLines.join(', ')})`,
      });
    } else if (seen.has(line)) {
      problems.push({ field: `${field}.serviceLine`, message: `${line} has a rate already` });
    } else seen.add(line);
    if (rate.amountPence < 0)
      problems.push({ field: `${field}.amount`, message: 'must not be negative' });
  });
  return problems;
}

/** The service line a rate is for: as named, or the lot's only one. */
export function rateServiceLine(
  rate: Pick<RateInput, 'serviceLine'>,
  lotServiceLines: readonly ServiceLine[],
): ServiceLine | null {
  return rate.serviceLine ?? (lotServiceLines.length === 1 ? lotServiceLines[0] : null);
}
