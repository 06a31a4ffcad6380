import { defaultYear, judgedOn, requestedYear, yearOptions } from './programme-year.rules';

// The seeded default programme's dates.
const programme = { startsOn: '2021-05-31', endsOn: '2024-03-31' };

describe('requestedYear', () => {
  it('takes a financial year as written, and nothing as no choice', () => {
    expect(requestedYear('2022-23')).toEqual({ year: '2022-23' });
    expect(requestedYear(undefined)).toBe('none');
    expect(requestedYear('')).toBe('none');
  });

  it('calls anything else invalid', () => {
    expect(requestedYear('2022-24')).toBe('invalid');
    expect(requestedYear('2022')).toBe('invalid');
    expect(requestedYear(['2022-23', '2023-24'])).toBe('invalid');
  });
});

describe('defaultYear', () => {
  it('is the current financial year in England while the programme runs it', () => {
    expect(defaultYear(programme, '2022-06-14')).toBe('2022-23');
    expect(defaultYear(programme, '2023-03-31')).toBe('2022-23');
    expect(defaultYear(programme, '2023-04-01')).toBe('2023-24');
  });

  it('is the programme’s last year once it has ended, and its first before it starts', () => {
    expect(defaultYear(programme, '2026-11-26')).toBe('2023-24');
    expect(defaultYear(programme, '2020-01-01')).toBe('2021-22');
  });
});

describe('yearOptions', () => {
  it('lists the programme’s years with the chosen one selected', () => {
    expect(yearOptions(programme, '2022-23')).toEqual([
      { value: '2021-22', text: '2021-22', selected: false },
      { value: '2022-23', text: '2022-23', selected: true },
      { value: '2023-24', text: '2023-24', selected: false },
    ]);
  });

  it('keeps a chosen year outside the programme, in order', () => {
    expect(yearOptions(programme, '2024-25').map((option) => option.value)).toEqual([
      '2021-22',
      '2022-23',
      '2023-24',
      '2024-25',
    ]);
  });
});

describe('judgedOn', () => {
  it('is the year’s last day once it is over, and today while it runs', () => {
    expect(judgedOn('2022-23', '2026-11-26')).toBe('2023-03-31');
    expect(judgedOn('2026-27', '2026-11-26')).toBe('2026-11-26');
  });
});
