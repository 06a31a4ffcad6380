import { dayAfter, isActiveOn, kindOfCode } from './local-authority.rules';

describe('isActiveOn', () => {
  const cumbria = { validFrom: null, validTo: '2023-03-31' };
  const cumberland = { validFrom: '2023-04-01', validTo: null };

  it('counts the last day of an abolished LA', () => {
    expect(isActiveOn(cumbria, '2023-03-31')).toBe(true);
    expect(isActiveOn(cumbria, '2023-04-01')).toBe(false);
  });

  it('counts the first day of a new LA', () => {
    expect(isActiveOn(cumberland, '2023-03-31')).toBe(false);
    expect(isActiveOn(cumberland, '2023-04-01')).toBe(true);
  });

  it('treats open ends as unbounded', () => {
    expect(isActiveOn({ validFrom: null, validTo: null }, '1900-01-01')).toBe(true);
  });
});

describe('dayAfter', () => {
  it.each([
    ['2023-03-31', '2023-04-01'],
    ['2024-02-28', '2024-02-29'],
    ['2023-12-31', '2024-01-01'],
  ])('%s → %s', (date, next) => {
    expect(dayAfter(date)).toBe(next);
  });
});

describe('kindOfCode', () => {
  it.each([
    ['E08000035', 'GSS'],
    ['383', 'DFE'],
    ['Leeds', null],
    ['E0800003', null],
    ['3830', null],
  ])('%s is %s', (code, kind) => {
    expect(kindOfCode(code)).toBe(kind);
  });
});
