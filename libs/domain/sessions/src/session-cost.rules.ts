import type { RateUnit } from '@la-tracker/domain/programmes';
import { apportion, chargeForMinutes, type Pence } from '@la-tracker/platform/money';
import { headcountByLocalAuthority } from './session.rules';

/** The contract's rate for the session's service line. */
export interface SessionRate {
  unit: RateUnit;
  amountPence: Pence;
}

export interface SessionCost {
  pence: Pence;
  /** The rate it was costed at; null when the contract has none for the session's line. */
  rate: SessionRate | null;
}

/**
 * What an approved session costs at its contract's rate (SPEC §5.5, §5.9), charged once however
 * many LAs it covers: the rate per session; per hour, rate × minutes ÷ 60 to the penny; per
 * participant, rate × everyone present. Diagnostic and fixed rates are not charged by session
 * (see `unchargedReason`), nor is a session whose contract has no rate for its line.
 */
export function sessionCost(
  rate: SessionRate | null,
  session: { durationMinutes: number; headcount: number },
): SessionCost {
  if (rate === null) return { pence: 0, rate: null };
  switch (rate.unit) {
    case 'PER_SESSION':
      return { pence: rate.amountPence, rate };
    case 'PER_HOUR':
      return { pence: chargeForMinutes(rate.amountPence, session.durationMinutes), rate };
    case 'PER_PARTICIPANT': {
      const pence = rate.amountPence * session.headcount;
      if (!Number.isSafeInteger(pence))
        throw new RangeError(`${pence} pence is beyond exact range`);
      return { pence, rate };
    }
    case 'PER_DIAGNOSTIC':
    case 'FIXED':
      return { pence: 0, rate };
  }
}

/** Why an approved session costs nothing at this rate; null when it is charged by it. */
export function unchargedReason(unit: RateUnit | null): string | null {
  switch (unit) {
    case null:
      return "The contract has no rate for the session's service line: it costs nothing.";
    case 'PER_DIAGNOSTIC':
      return 'A diagnostic is costed once, at its final report, not by its sessions.';
    case 'FIXED':
      return 'A fixed-price contract is paid its price, not by session.';
    case 'PER_SESSION':
    case 'PER_HOUR':
    case 'PER_PARTICIPANT':
      return null;
  }
}

export interface CostShare {
  localAuthorityId: string;
  amountPence: Pence;
}

/**
 * A session's cost shared among the LAs present by headcount, to the penny, the pennies left over
 * to the largest share (SPEC §5.5). LAs are taken in id order, so equal headcounts always settle
 * the same way.
 */
export function costShares(
  costPence: Pence,
  attendance: ReadonlyArray<{ localAuthorityId: string; count: number }>,
): CostShare[] {
  const headcounts = [...headcountByLocalAuthority(attendance)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const amounts = apportion(
    costPence,
    headcounts.map(([, count]) => count),
  );
  return headcounts.map(([localAuthorityId], i) => ({ localAuthorityId, amountPence: amounts[i] }));
}
