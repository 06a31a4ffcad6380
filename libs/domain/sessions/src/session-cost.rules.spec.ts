import { RATE_UNITS, type RateUnit } from '@la-tracker/domain/programmes';
import { costShares, sessionCost, unchargedReason } from './session-cost.rules';

// Figures from the reference scenario (scenarios/golden-2022-23.md) unless said otherwise.
const perSession = { unit: 'PER_SESSION' as const, amountPence: 125_000 };
const perHour = { unit: 'PER_HOUR' as const, amountPence: 9_500 };

describe('sessionCost', () => {
  it('charges a per-session rate once, however many LAs and people (S1: £1,250.00)', () => {
    expect(sessionCost(perSession, { durationMinutes: 180, headcount: 7 })).toEqual({
      pence: 125_000,
      rate: perSession,
    });
  });

  it.each([
    ['S4', 75, 11_875], // 95 × 75 / 60 = 118.75
    ['S5', 50, 7_917], // 95 × 50 / 60 = 79.1666… → 79.17
    ['S6', 60, 9_500],
    ['15 minutes', 15, 2_375],
    ['12 hours', 720, 114_000],
  ])('charges a per-hour rate by the minute, half up to the penny (%s)', (_s, minutes, pence) => {
    expect(sessionCost(perHour, { durationMinutes: minutes, headcount: 1 })).toEqual({
      pence,
      rate: perHour,
    });
  });

  it('charges a per-participant rate for everyone present', () => {
    const rate = { unit: 'PER_PARTICIPANT' as const, amountPence: 4_250 };
    expect(sessionCost(rate, { durationMinutes: 90, headcount: 7 })).toEqual({
      pence: 29_750,
      rate,
    });
  });

  it.each<RateUnit>(['PER_DIAGNOSTIC', 'FIXED'])(
    'charges nothing by session at a %s rate, and keeps the rate it looked at',
    (unit) => {
      const rate = { unit, amountPence: 1_850_000 };
      expect(sessionCost(rate, { durationMinutes: 60, headcount: 3 })).toEqual({ pence: 0, rate });
    },
  );

  it('charges nothing when the contract has no rate for the line', () => {
    expect(sessionCost(null, { durationMinutes: 60, headcount: 3 })).toEqual({
      pence: 0,
      rate: null,
    });
  });
});

describe('unchargedReason', () => {
  it('says why a session costs nothing, and nothing for the rates that charge it', () => {
    const reasons = Object.fromEntries(
      [...RATE_UNITS, null].map((unit) => [String(unit), unchargedReason(unit)]),
    );
    expect(reasons).toEqual({
      PER_SESSION: null,
      PER_HOUR: null,
      PER_PARTICIPANT: null,
      PER_DIAGNOSTIC: 'A diagnostic is costed once, at its final report, not by its sessions.',
      FIXED: 'A fixed-price contract is paid its price, not by session.',
      null: "The contract has no rate for the session's service line: it costs nothing.",
    });
  });
});

describe('costShares', () => {
  it('shares S1 by headcount, the spare penny to the largest share', () => {
    // Hartlepool 4 (lead member 1, cabinet members 3), Middlesbrough 1, Redcar and Cleveland 2.
    const attendance = [
      { localAuthorityId: 'b-hartlepool', count: 1 },
      { localAuthorityId: 'b-hartlepool', count: 3 },
      { localAuthorityId: 'c-middlesbrough', count: 1 },
      { localAuthorityId: 'a-redcar', count: 1 },
      { localAuthorityId: 'a-redcar', count: 1 },
    ];
    expect(costShares(125_000, attendance)).toEqual([
      { localAuthorityId: 'a-redcar', amountPence: 35_714 },
      { localAuthorityId: 'b-hartlepool', amountPence: 71_429 },
      { localAuthorityId: 'c-middlesbrough', amountPence: 17_857 },
    ]);
  });

  it('gives one LA the whole cost (S2: Leeds £1,250.00)', () => {
    expect(
      costShares(125_000, [
        { localAuthorityId: 'leeds', count: 1 },
        { localAuthorityId: 'leeds', count: 1 },
      ]),
    ).toEqual([{ localAuthorityId: 'leeds', amountPence: 125_000 }]);
  });

  it('settles equal headcounts the same way whatever order the attendance came in', () => {
    const forwards = [
      { localAuthorityId: 'x', count: 1 },
      { localAuthorityId: 'y', count: 1 },
      { localAuthorityId: 'z', count: 1 },
    ];
    const expected = [
      { localAuthorityId: 'x', amountPence: 3_334 },
      { localAuthorityId: 'y', amountPence: 3_333 },
      { localAuthorityId: 'z', amountPence: 3_333 },
    ];
    expect(costShares(10_000, forwards)).toEqual(expected);
    expect(costShares(10_000, [...forwards].reverse())).toEqual(expected);
  });

  it('shares nothing as nothing, one line per LA', () => {
    expect(
      costShares(0, [
        { localAuthorityId: 'x', count: 2 },
        { localAuthorityId: 'y', count: 1 },
      ]),
    ).toEqual([
      { localAuthorityId: 'x', amountPence: 0 },
      { localAuthorityId: 'y', amountPence: 0 },
    ]);
  });

  it('always adds up to the cost', () => {
    for (const cost of [1, 99, 7_917, 125_000, 1_850_001]) {
      const shares = costShares(cost, [
        { localAuthorityId: 'a', count: 3 },
        { localAuthorityId: 'b', count: 5 },
        { localAuthorityId: 'c', count: 7 },
      ]);
      expect(shares.reduce((sum, share) => sum + share.amountPence, 0)).toBe(cost);
    }
  });
});
