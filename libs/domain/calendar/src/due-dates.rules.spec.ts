import { CalendarNotCoveredError } from './calendar.error';
import {
  apaActionPlanDueDates,
  diagnosticFollowUpDueOn,
  isSessionReportOverdue,
  monthlyReturnDueOn,
  sessionReportDueBy,
} from './due-dates.rules';
import { WorkingDayCalendar } from './working-day-calendar.rules';

describe('sessionReportDueBy', () => {
  it.each([
    ['2022-09-13', '2022-09-21'], // golden S3: the 19th is a bank holiday
    ['2022-12-19', '2022-12-28'], // golden S7: the 26th and 27th are bank holidays
    ['2022-06-14', '2022-06-21'], // golden S1
    ['2022-07-05', '2022-07-12'], // golden S2
    ['2022-10-03', '2022-10-10'], // golden S4
    ['2023-03-31', '2023-04-11'], // golden S5: over Easter
    ['2023-04-03', '2023-04-12'], // golden S6
    ['2023-06-17', '2023-06-23'], // a Saturday session
    ['2023-05-08', '2023-05-15'], // a session on a bank holiday
    ['2022-05-31', '2022-06-09'], // over the Platinum Jubilee
    ['2021-12-23', '2022-01-04'], // over the year end
    ['2020-02-27', '2020-03-05'], // over 29 February 2020, a Saturday
    ['2024-02-26', '2024-03-04'],
    ['2027-12-22', '2027-12-31'],
  ])('a session on %s is due by %s', (deliveredOn, expected) => {
    expect(sessionReportDueBy(deliveredOn)).toBe(expected);
  });

  it('refuses a due date beyond the data', () => {
    expect(() => sessionReportDueBy('2027-12-24')).toThrow(CalendarNotCoveredError);
  });

  it('uses the calendar it is given', () => {
    const calendar = new WorkingDayCalendar([
      { date: '2030-01-01', title: 'New Year’s Day' },
      { date: '2030-01-03', title: 'A made-up holiday' },
    ]);
    expect(sessionReportDueBy('2030-01-01', calendar)).toBe('2030-01-09');
  });
});

describe('isSessionReportOverdue', () => {
  it.each([
    ['2022-12-19', '2022-12-19', false],
    ['2022-12-19', '2022-12-28', false], // golden S7: due by the 28th
    ['2022-12-19', '2022-12-29', true], // overdue from the 29th
    ['2022-12-19', '2023-06-01', true],
    ['2022-09-13', '2022-09-21', false], // golden S3
    ['2022-09-13', '2022-09-22', true],
    ['2022-12-19', '2022-12-01', false], // a planned session not yet held
  ])('a session on %s, on %s: %s', (deliveredOn, today, expected) => {
    expect(isSessionReportOverdue(deliveredOn, today)).toBe(expected);
  });

  it('judges today beyond the data, when the due date is within it', () => {
    expect(isSessionReportOverdue('2027-06-01', '2028-01-10')).toBe(true);
  });

  it('refuses what is not a date', () => {
    expect(() => isSessionReportOverdue('2022-12-19', '29/12/2022')).toThrow(RangeError);
  });
});

describe('monthlyReturnDueOn', () => {
  it.each([
    [2022, 12, '2023-01-09'], // golden: the 2nd is a bank holiday
    [2023, 4, '2023-05-09'], // golden: 1 and 8 May are bank holidays
    [2022, 8, '2022-09-07'],
    [2021, 12, '2022-01-10'],
    [2023, 3, '2023-04-11'], // over Easter
    [2024, 3, '2024-04-08'], // Easter Monday on the 1st
    [2022, 5, '2022-06-09'], // over the Platinum Jubilee
    [2024, 1, '2024-02-07'],
    [2027, 11, '2027-12-07'],
  ])('the return for %d-%d is due on %s', (year, month, expected) => {
    expect(monthlyReturnDueOn(year, month)).toBe(expected);
  });

  it('refuses a due date beyond the data', () => {
    expect(() => monthlyReturnDueOn(2027, 12)).toThrow(CalendarNotCoveredError);
  });

  it.each([0, 13, 1.5])('refuses month %d', (month) => {
    expect(() => monthlyReturnDueOn(2023, month)).toThrow(RangeError);
  });
});

describe('apaActionPlanDueDates', () => {
  it('golden: a letter of 2022-11-21 wants a draft by 2022-12-19 and a final plan by 2023-03-02', () => {
    expect(apaActionPlanDueDates('2022-11-21')).toEqual({
      draftDueOn: '2022-12-19',
      finalDueOn: '2023-03-02',
    });
  });

  it('counts over Easter, the coronation and the spring holiday', () => {
    expect(apaActionPlanDueDates('2023-03-01')).toEqual({
      draftDueOn: '2023-03-29',
      finalDueOn: '2023-06-14',
    });
  });

  it('refuses a due date beyond the data', () => {
    expect(() => apaActionPlanDueDates('2027-10-01')).toThrow(CalendarNotCoveredError);
  });
});

describe('diagnosticFollowUpDueOn', () => {
  it.each([
    ['2023-01-16', '2023-07-16'], // golden: a Sunday, as calendar months do not skip weekends
    ['2023-08-31', '2024-02-29'],
    ['2022-08-31', '2023-02-28'],
    ['2023-03-31', '2023-09-30'],
    ['2023-12-31', '2024-06-30'],
    ['2023-07-01', '2024-01-01'],
    ['2030-01-01', '2030-07-01'], // needs no bank holidays
  ])('a final report on %s wants a follow-up by %s', (finalReportOn, expected) => {
    expect(diagnosticFollowUpDueOn(finalReportOn)).toBe(expected);
  });
});
