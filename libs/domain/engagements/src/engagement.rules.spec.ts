import {
  capAllows,
  capOnRecord,
  contractRefusal,
  decisionDateProblems,
  reasonProblems,
  ENGAGEMENT_MOVES,
  ENGAGEMENT_STATUSES,
  nextStatus,
  type EngagementMove,
  type EngagementStatus,
} from './engagement.rules';

describe('nextStatus', () => {
  // SPEC §5.2 written out: every allowed move, and nothing else.
  const allowed: Array<[EngagementStatus, EngagementMove, EngagementStatus]> = [
    ['REFERRED', 'APPROVE', 'APPROVED'],
    ['REFERRED', 'DECLINE', 'DECLINED'],
    ['APPROVED', 'START', 'IN_DELIVERY'],
    ['IN_DELIVERY', 'COMPLETE', 'COMPLETED'],
    ['APPROVED', 'WITHDRAW', 'WITHDRAWN'],
    ['IN_DELIVERY', 'WITHDRAW', 'WITHDRAWN'],
  ];

  it.each(allowed)('moves %s by %s to %s', (from, move, to) => {
    expect(nextStatus(from, move)).toBe(to);
  });

  const refused = ENGAGEMENT_STATUSES.flatMap((from) =>
    ENGAGEMENT_MOVES.filter((move) => !allowed.some(([f, m]) => f === from && m === move)).map(
      (move): [EngagementStatus, EngagementMove] => [from, move],
    ),
  );

  it('refuses every other move (24 of the 30 pairs)', () => {
    expect(refused).toHaveLength(24);
  });

  it.each(refused)('refuses %s by %s', (from, move) => {
    expect(nextStatus(from, move)).toBeNull();
  });
});

describe('capAllows', () => {
  const counted = new Set(['la-1', 'la-2']);

  it('allows anything when there is no cap', () => {
    expect(capAllows(null, counted, 'la-3')).toBe(true);
  });

  it('allows a new LA while places remain', () => {
    expect(capAllows(3, counted, 'la-3')).toBe(true);
  });

  it('refuses a new LA when every place is taken', () => {
    expect(capAllows(2, counted, 'la-3')).toBe(false);
  });

  it('allows an LA that already holds a place, even at the cap', () => {
    expect(capAllows(2, counted, 'la-1')).toBe(true);
  });

  it('refuses everything new under a cap of nought', () => {
    expect(capAllows(0, new Set(), 'la-1')).toBe(false);
  });
});

describe('contractRefusal', () => {
  const contract = {
    reference: 'A1',
    programmeId: 'programme-1',
    startsOn: '2021-05-31',
    endsOn: '2024-03-31',
    serviceLines: ['POLITICAL_LEADERSHIP'] as const,
  };
  const engagement = {
    programmeId: 'programme-1',
    serviceLine: 'POLITICAL_LEADERSHIP' as const,
    financialYear: '2022-23',
  };

  it('accepts a contract of the programme covering the line in that year', () => {
    expect(contractRefusal(contract, engagement)).toBeNull();
  });

  it('accepts a contract in force for part of the year', () => {
    expect(contractRefusal(contract, { ...engagement, financialYear: '2021-22' })).toBeNull();
    expect(
      contractRefusal(
        { ...contract, endsOn: '2022-04-01' },
        { ...engagement, financialYear: '2022-23' },
      ),
    ).toBeNull();
  });

  it("refuses another programme's contract", () => {
    expect(contractRefusal({ ...contract, programmeId: 'programme-2' }, engagement)).toBe(
      'Contract A1 belongs to another programme.',
    );
  });

  it('refuses a contract whose lot does not hold the line', () => {
    expect(contractRefusal(contract, { ...engagement, serviceLine: 'COACHING_MENTORING' })).toBe(
      'Contract A1 does not cover COACHING_MENTORING: its lot holds POLITICAL_LEADERSHIP.',
    );
  });

  it('refuses a contract not in force in the year', () => {
    expect(contractRefusal(contract, { ...engagement, financialYear: '2024-25' })).toBe(
      'Contract A1 is not in force in 2024-25: it runs from 2021-05-31 to 2024-03-31.',
    );
    expect(contractRefusal(contract, { ...engagement, financialYear: '2020-21' })).not.toBeNull();
  });
});

describe('reasonProblems', () => {
  it('needs words', () => {
    expect(reasonProblems('reason', '  ')).toEqual([{ field: 'reason', message: 'must be given' }]);
    expect(reasonProblems('reason', null)).toHaveLength(1);
  });

  it('accepts up to 2000 characters and no more', () => {
    expect(reasonProblems('reason', 'x'.repeat(2000))).toEqual([]);
    expect(reasonProblems('reason', 'x'.repeat(2001))).toEqual([
      { field: 'reason', message: 'must be at most 2000 characters' },
    ]);
  });
});

describe('decisionDateProblems', () => {
  it('accepts a day from the referral to today', () => {
    expect(decisionDateProblems('2022-05-01', '2022-04-20', '2026-11-25')).toEqual([]);
    expect(decisionDateProblems('2026-11-25', '2026-11-25', '2026-11-25')).toEqual([]);
  });

  it('refuses the future and a day before the referral', () => {
    expect(decisionDateProblems('2026-11-26', '2022-04-20', '2026-11-25')).toEqual([
      { field: 'decidedOn', message: 'must not be in the future' },
    ]);
    expect(decisionDateProblems('2022-04-19', '2022-04-20', '2026-11-25')).toEqual([
      { field: 'decidedOn', message: 'must not be before the referral (2022-04-20)' },
    ]);
  });
});

describe('capOnRecord', () => {
  const version = (
    effectiveFrom: string,
    cap: number | null,
    createdAt = '2021-01-01T00:00:00Z',
  ) => ({
    targetBasis: 'NONE' as const,
    target: null,
    cap,
    effectiveFrom,
    createdAt: new Date(createdAt),
  });

  it('is the version in force on the day the approval is recorded', () => {
    expect(capOnRecord([version('2021-05-31', 15), version('2022-10-01', 10)], '2022-11-01')).toBe(
      10,
    );
    expect(capOnRecord([version('2021-05-31', 15), version('2022-10-01', 10)], '2022-09-30')).toBe(
      15,
    );
  });

  it('falls back to the first version when none is in force yet, never to no cap', () => {
    expect(capOnRecord([version('2023-04-01', 12), version('2023-06-01', 20)], '2022-11-01')).toBe(
      12,
    );
  });

  it('takes the later of two versions from the same day', () => {
    expect(
      capOnRecord(
        [
          version('2022-04-01', 15, '2022-01-01T00:00:00Z'),
          version('2022-04-01', 9, '2022-02-01T00:00:00Z'),
        ],
        '2022-05-01',
      ),
    ).toBe(9);
  });

  it('is no cap when the year has none', () => {
    expect(capOnRecord([], '2022-05-01')).toBeNull();
    expect(capOnRecord([version('2021-05-31', null)], '2022-05-01')).toBeNull();
  });
});
