import {
  figuresProblems,
  firstDayOf,
  isLate,
  isMonth,
  owesReturnFor,
  lastDayOf,
  monthInTermProblems,
  monthlyReturnStatusesAllowing,
  monthOf,
  monthProblems,
  MONTHLY_RETURN_MOVES,
  MONTHLY_RETURN_STATUSES,
  nextMonthlyReturnStatus,
  returnDueOn,
  returnReasonProblems,
  type MonthlyReturnMove,
  type MonthlyReturnStatus,
} from './monthly-return.rules';

describe('nextMonthlyReturnStatus', () => {
  // SPEC §5.12 written out: every allowed move, and nothing else.
  const allowed: Array<[MonthlyReturnStatus | null, MonthlyReturnMove, MonthlyReturnStatus]> = [
    [null, 'SUBMIT', 'SUBMITTED'],
    ['RETURNED', 'SUBMIT', 'SUBMITTED'],
    ['SUBMITTED', 'ACCEPT', 'ACCEPTED'],
    ['SUBMITTED', 'RETURN', 'RETURNED'],
  ];

  it.each(allowed)('moves %s by %s to %s', (from, move, to) => {
    expect(nextMonthlyReturnStatus(from, move)).toBe(to);
  });

  const refused = [null, ...MONTHLY_RETURN_STATUSES].flatMap((from) =>
    MONTHLY_RETURN_MOVES.filter((move) => !allowed.some(([f, m]) => f === from && m === move)).map(
      (move): [MonthlyReturnStatus | null, MonthlyReturnMove] => [from, move],
    ),
  );

  it('refuses every other move (8 of the 12 pairs)', () => {
    expect(refused).toHaveLength(8);
  });

  it.each(refused)('refuses %s by %s', (from, move) => {
    expect(nextMonthlyReturnStatus(from, move)).toBeNull();
  });

  it('names the states each move is allowed from', () => {
    expect(monthlyReturnStatusesAllowing('SUBMIT')).toEqual([null, 'RETURNED']);
    expect(monthlyReturnStatusesAllowing('ACCEPT')).toEqual(['SUBMITTED']);
    expect(monthlyReturnStatusesAllowing('RETURN')).toEqual(['SUBMITTED']);
  });
});

describe('isMonth', () => {
  it.each(['2022-12', '2023-01', '1999-06'])('accepts %s', (text) => {
    expect(isMonth(text)).toBe(true);
  });

  it.each(['2022-13', '2022-00', '2022-1', '22-12', '2022-12-01', '2022/12', ' 2022-12', ''])(
    'refuses %j',
    (text) => {
      expect(isMonth(text)).toBe(false);
    },
  );
});

describe('firstDayOf, lastDayOf and monthOf', () => {
  it.each([
    ['2022-12', '2022-12-01', '2022-12-31'],
    ['2023-02', '2023-02-01', '2023-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-04', '2023-04-01', '2023-04-30'],
  ])('%s runs from %s to %s', (month, first, last) => {
    expect(firstDayOf(month)).toBe(first);
    expect(lastDayOf(month)).toBe(last);
    expect(monthOf(first)).toBe(month);
    expect(monthOf(last)).toBe(month);
  });

  it('throws on what is not a month', () => {
    expect(() => firstDayOf('2022-13')).toThrow(RangeError);
    expect(() => lastDayOf('December')).toThrow(RangeError);
  });
});

describe('returnDueOn', () => {
  it.each([
    // The golden scenario: 2 January 2023 is a bank holiday.
    ['2022-12', '2023-01-09'],
    // 1 and 8 May 2023 are bank holidays.
    ['2023-04', '2023-05-09'],
    // A plain month: 1 March 2023 is a Wednesday.
    ['2023-02', '2023-03-07'],
  ])('the return for %s is due on %s', (month, due) => {
    expect(returnDueOn(month)).toBe(due);
  });
});

describe('isLate', () => {
  it.each([
    ['2023-01-03', false],
    ['2023-01-09', false],
    ['2023-01-10', true],
    ['2023-03-01', true],
  ])('December 2022 first submitted on %s is late: %s', (submittedOn, late) => {
    expect(isLate('2022-12', submittedOn)).toBe(late);
  });
});

describe('monthProblems', () => {
  it('accepts a month that has ended, judged on the date in England', () => {
    expect(monthProblems('input.month', '2022-12', '2023-01-01')).toEqual([]);
    expect(monthProblems('input.month', '2021-06', '2023-01-01')).toEqual([]);
  });

  it.each(['2023-01', '2023-02', '2030-01'])('refuses %s on 2023-01-31: not ended', (month) => {
    expect(monthProblems('input.month', month, '2023-01-31')).toEqual([
      {
        field: 'input.month',
        message: expect.stringMatching(
          new RegExp(`^must be a month that has ended: a return for ${month} may be made from `),
        ),
      },
    ]);
  });

  it('says from when the current month may be reported', () => {
    expect(monthProblems('month', '2022-12', '2022-12-31')).toEqual([
      {
        field: 'month',
        message: 'must be a month that has ended: a return for 2022-12 may be made from 2023-01-01',
      },
    ]);
  });

  it.each(['2022-13', 'December 2022', '2022-12-01'])('refuses %j as no month', (month) => {
    expect(monthProblems('month', month, '2023-06-01')).toEqual([
      { field: 'month', message: 'must be a month written YYYY-MM, e.g. 2022-12' },
    ]);
  });
});

describe('monthInTermProblems', () => {
  const programme = { name: 'Leadership', startsOn: '2021-05-31', endsOn: '2024-03-31' };
  const contracts = [
    { startsOn: '2021-06-15', endsOn: '2022-03-31' },
    { startsOn: '2022-10-01', endsOn: '2024-03-31' },
  ];

  it.each(['2021-06', '2022-03', '2022-10', '2022-12', '2024-03'])(
    'accepts %s: in the programme and under a contract',
    (month) => {
      expect(monthInTermProblems('month', month, programme, contracts)).toEqual([]);
    },
  );

  it('counts a month the programme or a contract touches on any day', () => {
    const from31May = [{ startsOn: '2021-05-31', endsOn: '2021-05-31' }];
    expect(monthInTermProblems('month', '2021-05', programme, from31May)).toEqual([]);
  });

  it.each(['2021-04', '2024-04'])('refuses %s: outside the programme', (month) => {
    expect(monthInTermProblems('month', month, programme, contracts)).toEqual([
      { field: 'month', message: `Leadership runs from 2021-05-31 to 2024-03-31, not in ${month}` },
    ]);
  });

  it.each(['2021-05', '2022-04', '2022-09'])('refuses %s: no contract runs then', (month) => {
    expect(monthInTermProblems('month', month, programme, contracts)).toEqual([
      { field: 'month', message: `no contract of the supplier in the programme runs in ${month}` },
    ]);
  });

  it('leaves a malformed month to monthProblems', () => {
    expect(monthInTermProblems('month', '2022-13', programme, contracts)).toEqual([]);
  });
});

describe('figuresProblems', () => {
  const figures = { sessionsDelivered: 3, participants: 17, spendPence: 375_000, note: 'Cohort 2' };

  it('accepts whole counts, money not below nought, and a note or none', () => {
    expect(figuresProblems(figures)).toEqual([]);
    expect(
      figuresProblems({ sessionsDelivered: 0, participants: 0, spendPence: 0, note: null }),
    ).toEqual([]);
    expect(figuresProblems({ ...figures, note: 'x'.repeat(2000) })).toEqual([]);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 31])('refuses %s as a count', (count) => {
    expect(figuresProblems({ ...figures, sessionsDelivered: count, participants: count })).toEqual([
      { field: 'sessionsDelivered', message: 'must be a whole number, not negative' },
      { field: 'participants', message: 'must be a whole number, not negative' },
    ]);
  });

  it.each([-1, 0.5, Number.MAX_SAFE_INTEGER + 1])('refuses %s pence as spend', (spendPence) => {
    expect(figuresProblems({ ...figures, spendPence })).toEqual([
      { field: 'spend', message: 'must be an amount of money, not negative' },
    ]);
  });

  it('refuses a note over 2000 characters, not counting spaces around it', () => {
    expect(figuresProblems({ ...figures, note: ` ${'x'.repeat(2000)} ` })).toEqual([]);
    expect(figuresProblems({ ...figures, note: 'x'.repeat(2001) })).toEqual([
      { field: 'note', message: 'must be at most 2000 characters' },
    ]);
  });
});

describe('returnReasonProblems', () => {
  it('accepts a reason', () => {
    expect(returnReasonProblems('Spend does not match the approved sessions')).toEqual([]);
  });

  it.each([undefined, null, '', '   '])('refuses %j: a reason must be given', (reason) => {
    expect(returnReasonProblems(reason)).toEqual([{ field: 'reason', message: 'must be given' }]);
  });

  it('refuses a reason over 2000 characters', () => {
    expect(returnReasonProblems('x'.repeat(2001))).toEqual([
      { field: 'reason', message: 'must be at most 2000 characters' },
    ]);
  });
});

describe('owesReturnFor', () => {
  const contract = { startsOn: '2022-10-15', endsOn: '2023-01-01' };

  it('owes a return for each month the contract runs on any day of', () => {
    expect(owesReturnFor('2022-09', contract)).toBe(false);
    expect(owesReturnFor('2022-10', contract)).toBe(true);
    expect(owesReturnFor('2022-12', contract)).toBe(true);
    // Its last day, 1 January, is enough.
    expect(owesReturnFor('2023-01', contract)).toBe(true);
    expect(owesReturnFor('2023-02', contract)).toBe(false);
  });
});
