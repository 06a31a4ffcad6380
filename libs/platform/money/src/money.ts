import type { ValueTransformer } from 'typeorm';

/** An amount of money in whole pence: exact, never a float of pounds (SPEC §5.0). */
export type Pence = number;

// Up to £99,999,999,999.99: far beyond any programme, and well inside exact integer arithmetic.
const MONEY = /^(-)?(\d{1,11})(?:\.(\d{1,2}))?$/;

/** Pence from a decimal string in pounds ("1400000.00", "95", "79.5"); null when it is not one. */
export function parseMoney(text: string): Pence | null {
  const match = MONEY.exec(text.trim());
  if (!match) return null;
  const pence = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] && pence !== 0 ? -pence : pence;
}

/** A decimal string in pounds with 2 places, as the API writes money: 140000000 → "1400000.00". */
export function formatMoney(pence: Pence): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`${pence} is not a whole number of pence`);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Keeps pence in a `bigint` column; PostgreSQL hands bigints back as strings. */
export const penceColumn: ValueTransformer = {
  to: (value: Pence | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const pence = Number(value);
    if (!Number.isSafeInteger(pence)) throw new RangeError(`${value} pence is beyond exact range`);
    return pence;
  },
};

/**
 * A time-based charge: rate × minutes ÷ 60, rounded half up to the penny, once per record
 * (SPEC §5.0). Exact integer arithmetic: £95.00 for 50 minutes is 7916.67p → £79.17.
 */
export function chargeForMinutes(ratePerHour: Pence, minutes: number): Pence {
  if (!Number.isSafeInteger(ratePerHour) || ratePerHour < 0)
    throw new RangeError(`${ratePerHour} is not a rate in whole pence`);
  if (!Number.isSafeInteger(minutes) || minutes < 0)
    throw new RangeError(`${minutes} is not a whole number of minutes`);
  return Math.floor((ratePerHour * minutes + 30) / 60);
}

/**
 * Shares an amount by weight (e.g. a session's cost by headcount), to the penny: each share is
 * rounded down and the pennies left over go to the largest share (the first of equals), so the
 * shares always add up to the amount. Nothing to share by gives nothing.
 */
export function apportion(amount: Pence, weights: readonly number[]): Pence[] {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`${amount} is not an amount in whole pence`);
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0))
    throw new RangeError('weights must be whole numbers, none negative');
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return weights.map(() => 0);
  const shares = weights.map((weight) => Math.floor((amount * weight) / total));
  const largest = weights.indexOf(Math.max(...weights));
  shares[largest] += amount - shares.reduce((sum, share) => sum + share, 0);
  return shares;
}
