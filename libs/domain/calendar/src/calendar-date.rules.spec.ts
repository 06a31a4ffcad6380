import {
  addCalendarMonths,
  addDays,
  dayOfWeek,
  daysInMonth,
  fromDayNumber,
  isoDate,
  isWeekend,
  toDayNumber,
  yearOf,
} from './calendar-date.rules';

describe('toDayNumber', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-01-01', 10957],
  ])('counts %s as day %d', (date, expected) => {
    expect(toDayNumber(date)).toBe(expected);
  });

  it.each(['2023-02-29', '2023-13-01', '2023-1-9', '2023-01-09T00:00:00Z', ''])(
    'refuses %j',
    (date) => {
      expect(() => toDayNumber(date)).toThrow(RangeError);
    },
  );
});

describe('fromDayNumber', () => {
  it.each([
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
    [10957, '2000-01-01'],
  ])('writes day %d as %s', (day, expected) => {
    expect(fromDayNumber(day)).toBe(expected);
  });
});

describe('yearOf', () => {
  it('is the year of a date', () => {
    expect(yearOf('2023-01-09')).toBe(2023);
  });

  it('refuses what is not a date', () => {
    expect(() => yearOf('2023-02-30')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-03-25', 1, '2023-03-26'], // the clocks go forward in England that night
    ['2023-03-26', 1, '2023-03-27'],
    ['2023-10-29', 1, '2023-10-30'], // and back
    ['2023-01-16', 181, '2023-07-16'],
    ['2023-05-10', 0, '2023-05-10'],
  ])('%s + %d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses a fraction of a day', () => {
    expect(() => addDays('2023-05-10', 0.5)).toThrow(RangeError);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2022-09-19', 1],
    ['2022-12-25', 0],
    ['2023-05-08', 1],
    ['2024-02-29', 4],
  ])('%s is day %d of the week', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });
});

describe('isWeekend', () => {
  it.each([
    ['2023-01-07', true], // Saturday
    ['2023-01-08', true], // Sunday
    ['2023-01-09', false], // Monday
    ['2023-01-06', false], // Friday
    ['2023-01-02', false], // a bank holiday, but not a weekend
  ])('%s: %s', (date, expected) => {
    expect(isWeekend(date)).toBe(expected);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2023, 1, 31],
    [2023, 2, 28],
    [2024, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2023, 4, 30],
    [2023, 12, 31],
  ])('%d-%d has %d days', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });

  it.each([0, 13, 1.5])('refuses month %d', (month) => {
    expect(() => daysInMonth(2023, month)).toThrow(RangeError);
  });
});

describe('isoDate', () => {
  it('writes a date with leading zeros', () => {
    expect(isoDate(2023, 1, 9)).toBe('2023-01-09');
  });

  it.each([
    [2023, 2, 29],
    [2023, 4, 31],
    [2023, 1, 0],
    [2023, 13, 1],
  ])('refuses %d-%d-%d', (year, month, day) => {
    expect(() => isoDate(year, month, day)).toThrow(RangeError);
  });
});

describe('addCalendarMonths', () => {
  it.each([
    ['2023-01-16', 6, '2023-07-16'],
    ['2023-08-31', 6, '2024-02-29'], // clamped to the end of a leap February
    ['2022-08-31', 6, '2023-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['1900-01-31', 1, '1900-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2023-10-31', 1, '2023-11-30'],
    ['2023-03-31', 6, '2023-09-30'],
    ['2023-12-31', 6, '2024-06-30'],
    ['2023-07-01', 6, '2024-01-01'],
    ['2023-12-15', 1, '2024-01-15'],
    ['2023-12-15', 25, '2026-01-15'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2023-01-15', -1, '2022-12-15'],
    ['2023-01-15', -13, '2021-12-15'],
    ['2023-05-10', 0, '2023-05-10'],
  ])('%s + %d months is %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('refuses a fraction of a month', () => {
    expect(() => addCalendarMonths('2023-01-16', 0.5)).toThrow(RangeError);
  });

  it('refuses what is not a date', () => {
    expect(() => addCalendarMonths('2023-02-29', 6)).toThrow(RangeError);
  });
});
