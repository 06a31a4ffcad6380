import { CalendarNotCoveredError } from './calendar.error';
import { englandAndWalesCalendar } from './england-and-wales.calendar';
import { WorkingDayCalendar } from './working-day-calendar.rules';

// A made-up year: 2030-01-01 is a Tuesday and 2030-12-25 a Wednesday.
const holidays2030 = [
  { date: '2030-12-25', title: 'Christmas Day' },
  { date: '2030-01-01', title: 'New Year’s Day' },
];

const goldenBankHolidays = [
  '2022-09-19',
  '2022-12-26',
  '2022-12-27',
  '2023-01-02',
  '2023-04-07',
  '2023-04-10',
  '2023-05-01',
  '2023-05-08',
];

describe('WorkingDayCalendar', () => {
  it('covers the first to the last year of its holidays, listed in date order', () => {
    const sut = new WorkingDayCalendar(holidays2030);
    expect(sut.coverage).toEqual({ firstYear: 2030, lastYear: 2030 });
    expect(sut.holidays.map((holiday) => holiday.date)).toEqual(['2030-01-01', '2030-12-25']);
  });

  it('covers the years it is given', () => {
    const sut = new WorkingDayCalendar(holidays2030, { firstYear: 2030, lastYear: 2030 });
    expect(sut.coverage).toEqual({ firstYear: 2030, lastYear: 2030 });
  });

  it('refuses a covered year without holidays, which would be a year missing from the data', () => {
    expect(
      () =>
        new WorkingDayCalendar([
          { date: '2030-01-01', title: 'New Year’s Day' },
          { date: '2032-01-01', title: 'New Year’s Day' },
        ]),
    ).toThrow('No bank holidays are listed for 2031, a year the calendar covers.');
    expect(() => new WorkingDayCalendar(holidays2030, { firstYear: 2029, lastYear: 2030 })).toThrow(
      'No bank holidays are listed for 2029',
    );
  });

  it('refuses a holiday outside the years it covers', () => {
    expect(() => new WorkingDayCalendar(holidays2030, { firstYear: 2031, lastYear: 2031 })).toThrow(
      'The bank holiday 2030-12-25 is outside the years covered, 2031 to 2031.',
    );
  });

  it('refuses a holiday listed twice', () => {
    expect(() => new WorkingDayCalendar([...holidays2030, holidays2030[0]])).toThrow(
      'The bank holiday 2030-12-25 is listed twice.',
    );
  });

  it('refuses a holiday that is not a date', () => {
    expect(() => new WorkingDayCalendar([{ date: '2030-02-29', title: 'x' }])).toThrow(RangeError);
  });

  it('refuses no holidays and no years', () => {
    expect(() => new WorkingDayCalendar([])).toThrow(RangeError);
  });

  it('refuses years that are not a range', () => {
    expect(() => new WorkingDayCalendar(holidays2030, { firstYear: 2031, lastYear: 2030 })).toThrow(
      'The years covered, 2031 to 2030, are not a range.',
    );
  });
});

describe('covers', () => {
  const sut = englandAndWalesCalendar();

  it.each([
    ['2017-12-31', false],
    ['2018-01-01', true],
    ['2027-12-31', true],
    ['2028-01-01', false],
  ])('%s: %s', (date, expected) => {
    expect(sut.covers(date)).toBe(expected);
  });
});

describe('bankHolidayOn', () => {
  const sut = englandAndWalesCalendar();

  it('names the bank holiday', () => {
    expect(sut.bankHolidayOn('2022-09-19')).toEqual({
      date: '2022-09-19',
      title: 'Bank Holiday for the State Funeral of Queen Elizabeth II',
    });
  });

  it('carries GOV.UK’s note on a substitute day', () => {
    expect(sut.bankHolidayOn('2022-12-27')).toEqual({
      date: '2022-12-27',
      title: 'Christmas Day',
      notes: 'Substitute day',
    });
  });

  it('is undefined on any other day', () => {
    expect(sut.bankHolidayOn('2022-09-20')).toBeUndefined();
    expect(sut.bankHolidayOn('2022-12-25')).toBeUndefined(); // a Sunday: the 27th stands in
  });

  it('refuses a year it does not cover', () => {
    expect(() => sut.bankHolidayOn('2028-01-03')).toThrow(CalendarNotCoveredError);
  });
});

describe('isWorkingDay', () => {
  const sut = englandAndWalesCalendar();

  it.each(goldenBankHolidays)(
    'the golden scenario’s bank holiday %s is not a working day',
    (date) => {
      expect(sut.isWorkingDay(date)).toBe(false);
    },
  );

  it.each([
    ['2022-09-17', false], // Saturday
    ['2022-09-18', false], // Sunday
    ['2022-09-20', true],
    ['2022-12-23', true],
    ['2022-12-28', true],
    ['2023-01-03', true],
    ['2020-05-04', true], // the first Monday in May 2020, its holiday moved to VE Day
    ['2020-05-08', false],
    ['2022-05-30', true], // the last Monday in May 2022, its holiday moved to 2 June
    ['2022-06-02', false],
    ['2022-06-03', false],
    ['2024-02-29', true],
    ['2021-12-27', false],
    ['2021-12-28', false],
    ['2022-01-03', false],
    ['2027-12-27', false],
    ['2027-12-28', false],
    ['2027-12-31', true],
    ['2018-01-01', false],
    ['2018-01-02', true],
  ])('%s: %s', (date, expected) => {
    expect(sut.isWorkingDay(date)).toBe(expected);
  });

  it('uses the holidays it was given', () => {
    const custom = new WorkingDayCalendar(holidays2030);
    expect(custom.isWorkingDay('2030-01-01')).toBe(false);
    expect(custom.isWorkingDay('2030-01-02')).toBe(true);
    expect(custom.isWorkingDay('2030-05-06')).toBe(true); // no early May holiday in this list
  });

  it.each(['2017-12-29', '2028-01-04'])(
    'refuses %s, outside the years the data covers, naming them and how to update',
    (date) => {
      const error = catchError(() => sut.isWorkingDay(date));
      expect(error).toBeInstanceOf(CalendarNotCoveredError);
      expect(error).toMatchObject({ date, firstYear: 2018, lastYear: 2027 });
      expect(error.message).toBe(
        `No bank holidays are known for ${date.slice(0, 4)} (date ${date}): the working-day ` +
          "calendar covers 2018 to 2027. Add that year's England and Wales bank holidays to " +
          'libs/domain/calendar/src/data/bank-holidays-england-and-wales.csv (SOURCES.md there says how).',
      );
    },
  );

  it('refuses what is not a date', () => {
    expect(() => sut.isWorkingDay('2023-02-29')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  const sut = englandAndWalesCalendar();

  it.each([
    ['2022-09-13', 5, '2022-09-21'], // golden S3: the 19th is a bank holiday
    ['2022-12-19', 5, '2022-12-28'], // golden S7: the 26th and 27th are bank holidays
    ['2022-11-21', 20, '2022-12-19'], // golden APA draft plan
    ['2022-11-21', 70, '2023-03-02'], // golden APA final plan
    ['2022-12-23', 1, '2022-12-28'],
    ['2023-01-06', 1, '2023-01-09'], // Friday to Monday
    ['2023-01-07', 1, '2023-01-09'], // from a Saturday
    ['2023-01-08', 1, '2023-01-09'], // from a Sunday
    ['2022-12-31', 1, '2023-01-03'], // over the New Year substitute day
    ['2023-05-05', 1, '2023-05-09'], // over the coronation
    ['2023-04-06', 1, '2023-04-11'], // over Easter
    ['2022-06-01', 1, '2022-06-06'], // over the Platinum Jubilee
    ['2020-05-07', 1, '2020-05-11'], // over VE Day
    ['2023-12-22', 1, '2023-12-27'],
    ['2024-12-24', 1, '2024-12-27'],
    ['2025-12-24', 1, '2025-12-29'],
    ['2026-12-24', 1, '2026-12-29'], // Boxing Day's substitute on the 28th
    ['2020-12-24', 1, '2020-12-29'],
    ['2021-12-24', 1, '2021-12-29'],
    ['2021-12-23', 5, '2022-01-04'], // two substitute days in December and one in January
    ['2027-12-22', 5, '2027-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2023-01-31', 1, '2023-02-01'],
    ['2022-12-28', -1, '2022-12-23'],
    ['2023-01-09', -1, '2023-01-06'],
    ['2023-01-09', -5, '2022-12-30'],
    ['2022-12-19', -20, '2022-11-21'],
    ['2023-03-02', -70, '2022-11-21'],
    ['2022-12-25', 0, '2022-12-25'], // n = 0 leaves even a holiday as it is
  ])('%s + %d working days is %s', (date, n, expected) => {
    expect(sut.addWorkingDays(date, n)).toBe(expected);
  });

  it('uses the holidays it was given', () => {
    const custom = new WorkingDayCalendar(holidays2030);
    expect(custom.addWorkingDays('2030-12-24', 1)).toBe('2030-12-26');
  });

  it('refuses to run past the last year covered', () => {
    expect(() => sut.addWorkingDays('2027-12-30', 2)).toThrow(
      expect.objectContaining({ name: 'CalendarNotCoveredError', date: '2028-01-01' }),
    );
    expect(() => new WorkingDayCalendar(holidays2030).addWorkingDays('2030-12-31', 1)).toThrow(
      /2031.*covers 2030 to 2030/,
    );
  });

  it('refuses to run back before the first year covered', () => {
    expect(() => sut.addWorkingDays('2018-01-02', -1)).toThrow(CalendarNotCoveredError);
  });

  it('refuses a start outside the years covered', () => {
    expect(() => sut.addWorkingDays('2017-12-29', 1)).toThrow(CalendarNotCoveredError);
  });

  it('refuses a fraction of a day', () => {
    expect(() => sut.addWorkingDays('2023-01-09', 1.5)).toThrow(RangeError);
  });
});

describe('nthWorkingDayOfMonth', () => {
  const sut = englandAndWalesCalendar();

  it.each([
    [2023, 1, 1, '2023-01-03'], // the 2nd is a bank holiday
    [2023, 1, 5, '2023-01-09'], // golden: the December 2022 return
    [2023, 5, 5, '2023-05-09'], // golden: an April 2023 return
    [2022, 12, 1, '2022-12-01'],
    [2022, 12, 20, '2022-12-30'], // the last of December 2022
    [2023, 7, 1, '2023-07-03'], // the month starts on a Saturday
    [2023, 4, 1, '2023-04-03'],
    [2023, 2, 20, '2023-02-28'],
    [2024, 2, 21, '2024-02-29'], // a leap February has 21
    [2022, 6, 2, '2022-06-06'],
  ])('%d-%d, working day %d, is %s', (year, month, n, expected) => {
    expect(sut.nthWorkingDayOfMonth(year, month, n)).toBe(expected);
  });

  it('refuses a working day the month does not have', () => {
    expect(() => sut.nthWorkingDayOfMonth(2022, 12, 21)).toThrow(
      '2022-12 has 20 working days, not 21.',
    );
  });

  it.each([0, -1, 1.5])('refuses working day %d', (n) => {
    expect(() => sut.nthWorkingDayOfMonth(2023, 1, n)).toThrow(RangeError);
  });

  it.each([0, 13])('refuses month %d', (month) => {
    expect(() => sut.nthWorkingDayOfMonth(2023, month, 1)).toThrow(RangeError);
  });

  it('refuses a month outside the years covered', () => {
    expect(() => sut.nthWorkingDayOfMonth(2028, 1, 1)).toThrow(CalendarNotCoveredError);
  });
});

describe('workingDaysBetween', () => {
  const sut = englandAndWalesCalendar();

  it.each([
    ['2022-11-21', '2022-12-19', 20],
    ['2022-11-21', '2023-03-02', 70],
    ['2022-12-19', '2022-11-21', -20],
    ['2023-01-09', '2023-01-09', 0],
    ['2022-12-23', '2022-12-27', 0], // 24 to 27 December 2022: weekend and bank holidays
    ['2022-12-23', '2022-12-28', 1],
    ['2023-01-06', '2023-01-09', 1],
    ['2021-12-31', '2022-12-31', 250], // 260 weekdays, 10 of them bank holidays
    ['2022-12-31', '2023-12-31', 251], // 260 weekdays, 9 of them bank holidays
    ['2023-12-31', '2024-12-31', 254], // a leap year: 262 weekdays, 8 bank holidays
  ])('from %s to %s: %d', (from, to, expected) => {
    expect(sut.workingDaysBetween(from, to)).toBe(expected);
  });

  it('refuses a date outside the years covered', () => {
    expect(() => sut.workingDaysBetween('2027-12-31', '2028-01-04')).toThrow(
      CalendarNotCoveredError,
    );
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
