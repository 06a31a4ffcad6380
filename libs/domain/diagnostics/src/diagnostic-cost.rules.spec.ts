import { RATE_UNITS } from '@la-tracker/domain/programmes';
import { diagnosticUnchargedReason, settleFinalReport } from './diagnostic-cost.rules';

describe('settleFinalReport', () => {
  it('costs Sunderland’s diagnostic at B4’s £18,500.00 in 2022-23, follow-up due 2023-07-16', () => {
    const rate = { unit: 'PER_DIAGNOSTIC' as const, amountPence: 1_850_000 };
    expect(settleFinalReport(rate, '2023-01-16')).toEqual({
      costPence: 1_850_000,
      rate,
      costedOn: '2023-01-16',
      costFinancialYear: '2022-23',
      followUpDueOn: '2023-07-16',
    });
  });

  it('counts a final report in the year of its own date: 31 March and 1 April', () => {
    const rate = { unit: 'PER_DIAGNOSTIC' as const, amountPence: 1_850_000 };
    expect(settleFinalReport(rate, '2023-03-31').costFinancialYear).toBe('2022-23');
    expect(settleFinalReport(rate, '2023-04-01').costFinancialYear).toBe('2023-24');
  });

  it('dates the follow-up to the last day of a shorter month', () => {
    expect(settleFinalReport(null, '2023-08-31').followUpDueOn).toBe('2024-02-29');
  });

  it('charges nothing without a rate, or at a rate of another unit', () => {
    expect(settleFinalReport(null, '2023-01-16')).toMatchObject({ costPence: 0, rate: null });
    for (const unit of ['PER_SESSION', 'PER_HOUR', 'PER_PARTICIPANT', 'FIXED'] as const)
      expect(settleFinalReport({ unit, amountPence: 125_000 }, '2023-01-16')).toMatchObject({
        costPence: 0,
        rate: { unit, amountPence: 125_000 },
      });
  });
});

describe('diagnosticUnchargedReason', () => {
  it('has none for a per-diagnostic rate, and a reason for every other case', () => {
    expect(diagnosticUnchargedReason('PER_DIAGNOSTIC')).toBeNull();
    for (const unit of [null, ...RATE_UNITS.filter((u) => u !== 'PER_DIAGNOSTIC')])
      expect(diagnosticUnchargedReason(unit)).toEqual(expect.any(String));
  });
});
