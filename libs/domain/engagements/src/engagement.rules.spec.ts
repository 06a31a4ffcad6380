import {
  capAllows,
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
