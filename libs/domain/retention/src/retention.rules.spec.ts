import { outboxKeptFrom, retentionPolicyProblems } from './retention.rules';

describe('outboxKeptFrom', () => {
  it.each([
    ['2025-03-10', 7, '2025-03-03'],
    // Back across the end of February, in a leap year and not.
    ['2024-03-01', 1, '2024-02-29'],
    ['2025-03-01', 1, '2025-02-28'],
    ['2025-01-03', 7, '2024-12-27'],
    ['2025-03-10', 0, '2025-03-10'],
  ])('on %s keeping %i days: messages from %s on are kept', (asOf, days, keptFrom) => {
    expect(outboxKeptFrom(asOf, { outboxDays: days })).toBe(keptFrom);
  });
});

describe('retentionPolicyProblems', () => {
  it('accepts the bounds', () => {
    expect(retentionPolicyProblems({ monthsAfterProgrammeEnd: 0, outboxDays: 0 })).toEqual([]);
    expect(retentionPolicyProblems({ monthsAfterProgrammeEnd: 120, outboxDays: 3650 })).toEqual([]);
  });

  it('names each field out of range', () => {
    expect(
      retentionPolicyProblems({ monthsAfterProgrammeEnd: 121, outboxDays: -1 }).map((p) => p.field),
    ).toEqual(['monthsAfterProgrammeEnd', 'outboxDays']);
    expect(
      retentionPolicyProblems({ monthsAfterProgrammeEnd: 1.5, outboxDays: 7 }).map((p) => p.field),
    ).toEqual(['monthsAfterProgrammeEnd']);
  });
});
