import {
  financialYearBounds,
  financialYearOf,
  financialYearsBetween,
  isFinancialYear,
} from './financial-year.rules';

describe('financialYearOf', () => {
  it.each([
    ['2023-03-31', '2022-23'],
    ['2023-04-01', '2023-24'],
    ['2022-04-01', '2022-23'],
    ['2022-12-31', '2022-23'],
    ['2023-01-01', '2022-23'],
    ['1999-06-01', '1999-00'],
    ['2000-02-29', '1999-00'],
  ])('puts %s in %s', (date, year) => {
    expect(financialYearOf(date)).toBe(year);
  });

  it('refuses a date that does not exist', () => {
    expect(() => financialYearOf('2023-02-29')).toThrow(RangeError);
  });
});

describe('isFinancialYear', () => {
  it.each(['2022-23', '1999-00', '2099-00'])('accepts %s', (text) => {
    expect(isFinancialYear(text)).toBe(true);
  });

  it.each(['2022-24', '2022/23', '2022-2023', '22-23', '2022-22', ''])('refuses %j', (text) => {
    expect(isFinancialYear(text)).toBe(false);
  });
});

describe('financialYearBounds', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYearBounds('2022-23')).toEqual({
      startsOn: '2022-04-01',
      endsOn: '2023-03-31',
    });
  });

  it('refuses what is not a financial year', () => {
    expect(() => financialYearBounds('2022-24')).toThrow(RangeError);
  });
});

describe('financialYearsBetween', () => {
  it("lists each year a programme's dates touch", () => {
    expect(financialYearsBetween('2021-05-31', '2024-03-31')).toEqual([
      '2021-22',
      '2022-23',
      '2023-24',
    ]);
  });

  it('gives one year for a period inside it', () => {
    expect(financialYearsBetween('2022-06-01', '2022-07-01')).toEqual(['2022-23']);
  });

  it('gives none when the period ends before it starts', () => {
    expect(financialYearsBetween('2024-06-01', '2022-07-01')).toEqual([]);
  });
});
