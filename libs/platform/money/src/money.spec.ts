import { formatMoney, parseMoney, penceColumn } from './money';

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
