import { apportion, chargeForMinutes, formatMoney, parseMoney, penceColumn } from './money';

describe('parseMoney', () => {
  it.each([
    ['1400000.00', 140_000_000],
    ['1400000', 140_000_000],
    ['95', 9_500],
    ['79.5', 7_950],
    ['0.01', 1],
    [' 12.34 ', 1_234],
    ['-5.00', -500],
    ['-0', 0],
    ['99999999999.99', 9_999_999_999_999],
  ])('reads %j as %d pence', (text, pence) => {
    expect(parseMoney(text)).toBe(pence);
  });

  it.each(['', '1,000.00', '1.234', '£5', '1e3', 'abc', '.5', '5.', '100000000000.00', 'NaN'])(
    'refuses %j',
    (text) => {
      expect(parseMoney(text)).toBeNull();
    },
  );
});

describe('formatMoney', () => {
  it.each([
    [140_000_000, '1400000.00'],
    [1, '0.01'],
    [0, '0.00'],
    [7_917, '79.17'],
    [-500, '-5.00'],
  ])('writes %d pence as %j', (pence, text) => {
    expect(formatMoney(pence)).toBe(text);
  });

  it('refuses a fraction of a penny', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });
});

describe('penceColumn', () => {
  it('reads bigint text as pence and keeps null', () => {
    expect(penceColumn.from('1850000')).toBe(1_850_000);
    expect(penceColumn.from(null)).toBeNull();
    expect(penceColumn.to(125_000)).toBe(125_000);
  });
});

describe('chargeForMinutes', () => {
  // The reference scenario's coaching sessions at £95.00 an hour.
  it.each([
    [9_500, 75, 11_875], // S4: £118.75
    [9_500, 50, 7_917], // S5: 79.1666… → £79.17
    [9_500, 60, 9_500], // S6: £95.00
    [9_500, 125, 19_792], // S4 + S5 as one record would be £197.92
    [1, 30, 1], // half a penny rounds up
    [1, 29, 0],
    [0, 600, 0],
  ])('charges %d pence an hour for %d minutes as %d pence', (rate, minutes, pence) => {
    expect(chargeForMinutes(rate, minutes)).toBe(pence);
  });

  it('refuses fractions and negatives', () => {
    expect(() => chargeForMinutes(9.5, 60)).toThrow(RangeError);
    expect(() => chargeForMinutes(9_500, -1)).toThrow(RangeError);
    expect(() => chargeForMinutes(9_500, 1.5)).toThrow(RangeError);
  });
});

describe('apportion', () => {
  it("shares the reference scenario's S1 cohort by headcount, the spare penny to the largest", () => {
    // £1,250.00 by Hartlepool 4, Middlesbrough 1, Redcar and Cleveland 2 (7 in all):
    // 714.28 + 178.57 + 357.14 = 1,249.99, and the remaining penny to Hartlepool.
    expect(apportion(125_000, [4, 1, 2])).toEqual([71_429, 17_857, 35_714]);
  });

  it('gives every leftover penny to the largest share, the first of equals', () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 0.71, 2.14 and 2.14 round down to 0, 2 and 2; the spare penny goes to the first 3.
    expect(apportion(5, [1, 3, 3])).toEqual([0, 3, 2]);
  });

  it('always adds up to the amount', () => {
    for (const [amount, weights] of [
      [1, [1, 1, 1, 1]],
      [99_999, [3, 7, 11, 13]],
      [125_000, [4, 1, 2]],
    ] as Array<[number, number[]]>) {
      expect(apportion(amount, weights).reduce((a, b) => a + b, 0)).toBe(amount);
    }
  });

  it('gives one share everything and nothing to a share of no weight', () => {
    expect(apportion(125_000, [2])).toEqual([125_000]);
    expect(apportion(125_000, [0, 2])).toEqual([0, 125_000]);
    expect(apportion(125_000, [0, 0])).toEqual([0, 0]);
  });

  it('refuses negative or fractional input', () => {
    expect(() => apportion(-1, [1])).toThrow(RangeError);
    expect(() => apportion(100, [1.5])).toThrow(RangeError);
  });
});
