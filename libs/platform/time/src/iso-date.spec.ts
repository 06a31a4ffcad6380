import { dateInEngland, isIsoDate, longDate, longMonth, startOfDayInEngland } from './iso-date';

describe('isIsoDate', () => {
  it.each(['2020-12-10', '2024-02-29', '2023-04-01'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each(['2023-02-29', '2020-13-01', '2020-1-1', '10/12/2020', '2020-12-10T00:00:00Z', ''])(
    'refuses %s',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe('dateInEngland', () => {
  it('is the next day in England at 23:30 UTC in summer time', () => {
    expect(dateInEngland(new Date('2023-03-31T23:30:00Z'))).toBe('2023-04-01');
  });

  it('is the same day in England at 23:30 UTC in winter', () => {
    expect(dateInEngland(new Date('2023-01-31T23:30:00Z'))).toBe('2023-01-31');
  });
});

describe('startOfDayInEngland', () => {
  it.each([
    ['2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['2024-07-15', '2024-07-14T23:00:00.000Z'],
    // The clocks go forward at 01:00 UTC on 31 March 2024 and back at 01:00 UTC on 27 October.
    ['2024-03-31', '2024-03-31T00:00:00.000Z'],
    ['2024-04-01', '2024-03-31T23:00:00.000Z'],
    ['2024-10-27', '2024-10-26T23:00:00.000Z'],
    ['2024-10-28', '2024-10-28T00:00:00.000Z'],
  ])('begins %s at %s', (date, instant) => {
    expect(startOfDayInEngland(date).toISOString()).toBe(instant);
  });

  it('refuses what is not a date', () => {
    expect(() => startOfDayInEngland('2023-02-29')).toThrow(RangeError);
  });
});

describe('longDate', () => {
  it.each([
    ['2022-12-28', '28 December 2022'],
    ['2023-01-09', '9 January 2023'],
  ])('writes %s as %s', (date, written) => {
    expect(longDate(date)).toBe(written);
  });
});

describe('longMonth', () => {
  it('writes a month as GOV.UK does', () => {
    expect(longMonth('2022-12')).toBe('December 2022');
    expect(longMonth('2023-01')).toBe('January 2023');
  });
  it('gives back what is not a month', () => {
    expect(longMonth('2023-13')).toBe('2023-13');
    expect(longMonth('December')).toBe('December');
  });
});
