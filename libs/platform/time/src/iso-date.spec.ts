import { dateInEngland, isIsoDate, longDate } from './iso-date';

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

describe('longDate', () => {
  it.each([
    ['2022-12-28', '28 December 2022'],
    ['2023-01-09', '9 January 2023'],
  ])('writes %s as %s', (date, written) => {
    expect(longDate(date)).toBe(written);
  });
});
