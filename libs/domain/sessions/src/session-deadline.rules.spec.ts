import { sessionDate, sessionFinancialYear, sessionReportDeadline } from './session-deadline.rules';
import { SESSION_STATUSES } from './session.rules';

// Dates from the reference scenario (scenarios/golden-2022-23.md).
describe('sessionDate and sessionFinancialYear', () => {
  it('takes the delivered date over the planned one', () => {
    expect(sessionDate({ plannedOn: '2022-12-19', deliveredOn: '2022-12-20' })).toBe('2022-12-20');
    expect(sessionDate({ plannedOn: '2022-12-19', deliveredOn: null })).toBe('2022-12-19');
  });

  it('counts S5 in 2022-23 and S6 in 2023-24, by the day each was delivered', () => {
    expect(sessionFinancialYear({ plannedOn: null, deliveredOn: '2023-03-31' })).toBe('2022-23');
    expect(sessionFinancialYear({ plannedOn: null, deliveredOn: '2023-04-03' })).toBe('2023-24');
  });

  it('refuses a session with no date at all', () => {
    expect(() => sessionDate({ plannedOn: null, deliveredOn: null })).toThrow(RangeError);
  });
});

describe('sessionReportDeadline', () => {
  it('gives S3 (13 September 2022) until the 21st: the 19th was a bank holiday', () => {
    const s3 = { status: 'SUBMITTED' as const, plannedOn: null, deliveredOn: '2022-09-13' };
    expect(sessionReportDeadline(s3, '2026-11-25')).toEqual({
      dueBy: '2022-09-21',
      overdue: false,
    });
  });

  it('gives S7 (planned for 19 December 2022) until the 28th, overdue from the 29th', () => {
    const s7 = { status: 'PLANNED' as const, plannedOn: '2022-12-19', deliveredOn: null };
    expect(sessionReportDeadline(s7, '2022-12-28')).toEqual({
      dueBy: '2022-12-28',
      overdue: false,
    });
    expect(sessionReportDeadline(s7, '2022-12-29')).toEqual({
      dueBy: '2022-12-28',
      overdue: true,
    });
  });

  it('is overdue only while the report is not handed in: planned or draft', () => {
    const overdue = SESSION_STATUSES.filter(
      (status) =>
        sessionReportDeadline(
          { status, plannedOn: '2022-12-19', deliveredOn: '2022-12-19' },
          '2023-06-01',
        ).overdue,
    );
    expect(overdue).toEqual(['PLANNED', 'DRAFT']);
  });
});
