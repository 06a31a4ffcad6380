import {
  defaultLotGrouping,
  inServiceLineOrder,
  isLotInForce,
  lotGroupingProblems,
  lotOf,
  lotsNotEndedBy,
  variationDateProblems,
  type LotGrouping,
} from './lot.rules';
import { SERVICE_LINES, type ServiceLine } from './service-line';

const seven = [1, 2, 3, 4, 5, 6, 7].map((number) => ({
  id: `old-${number}`,
  number,
  validFrom: '2021-05-31',
  validTo: '2022-03-31',
  serviceLines: [SERVICE_LINES[number - 1]] as ServiceLine[],
}));
const universal = {
  id: 'new-1',
  number: 1,
  validFrom: '2022-04-01',
  validTo: null,
  serviceLines: [
    'POLITICAL_LEADERSHIP',
    'CORPORATE_LEADERSHIP',
    'LEAD_MEMBER_NETWORKS',
    'COUNCILLOR_GROUPS',
  ] as ServiceLine[],
};
const targeted = {
  id: 'new-2',
  number: 2,
  validFrom: '2022-04-01',
  validTo: null,
  serviceLines: [
    'CORPORATE_PARENTING_DIAGNOSTIC',
    'TARGETED_SUPPORT',
    'COACHING_MENTORING',
  ] as ServiceLine[],
};
const history = [...seven, universal, targeted];

describe('isLotInForce', () => {
  it('holds from its first day to its last, inclusive', () => {
    expect(isLotInForce(seven[0], '2021-05-30')).toBe(false);
    expect(isLotInForce(seven[0], '2021-05-31')).toBe(true);
    expect(isLotInForce(seven[0], '2022-03-31')).toBe(true);
    expect(isLotInForce(seven[0], '2022-04-01')).toBe(false);
  });

  it('has no end while it has no last day', () => {
    expect(isLotInForce(universal, '2099-12-31')).toBe(true);
  });
});

describe('lotsNotEndedBy', () => {
  it('keeps open lots, and lots ending on or after the date', () => {
    expect(lotsNotEndedBy(history, '2022-03-31').map((lot) => lot.id)).toEqual([
      'old-1',
      'old-2',
      'old-3',
      'old-4',
      'old-5',
      'old-6',
      'old-7',
      'new-1',
      'new-2',
    ]);
    expect(lotsNotEndedBy(history, '2022-04-01').map((lot) => lot.id)).toEqual(['new-1', 'new-2']);
  });
});

describe('lotOf', () => {
  it('finds the lot that held the line on the date, before and after a variation', () => {
    expect(lotOf(history, 'COACHING_MENTORING', '2022-03-31')?.id).toBe('old-7');
    expect(lotOf(history, 'COACHING_MENTORING', '2022-04-01')?.id).toBe('new-2');
    expect(lotOf(history, 'COUNCILLOR_GROUPS', '2023-01-15')?.id).toBe('new-1');
  });

  it('is undefined before the first lot, or for a line no lot holds', () => {
    expect(lotOf(history, 'POLITICAL_LEADERSHIP', '2021-05-30')).toBeUndefined();
    expect(lotOf([universal], 'TARGETED_SUPPORT', '2022-05-01')).toBeUndefined();
  });
});

describe('lotGroupingProblems', () => {
  const lines = [...SERVICE_LINES];
  const awarded: LotGrouping[] = [
    { number: 1, title: 'A Universal Offer', serviceLines: universal.serviceLines },
    { number: 2, title: 'A Targeted Support Offer', serviceLines: targeted.serviceLines },
  ];

  it('accepts every line placed once, in lots numbered once and titled', () => {
    expect(lotGroupingProblems(awarded, lines)).toEqual([]);
  });

  it('needs at least one lot, and leaves no line out', () => {
    expect(lotGroupingProblems([], ['COACHING_MENTORING'])).toEqual([
      { field: 'lots', message: 'must hold at least one lot' },
      { field: 'lots', message: 'leave no service line out: COACHING_MENTORING' },
    ]);
    expect(lotGroupingProblems([awarded[0]], lines)).toEqual([
      {
        field: 'lots',
        message:
          'leave no service line out: CORPORATE_PARENTING_DIAGNOSTIC, TARGETED_SUPPORT, COACHING_MENTORING',
      },
    ]);
  });

  it.each([0, 100, 1.5])('refuses lot number %p', (number) => {
    expect(lotGroupingProblems([{ ...awarded[0], number }, awarded[1]], lines)).toEqual([
      { field: 'lots[0].number', message: 'must be a whole number from 1 to 99' },
    ]);
  });

  it('refuses a number given twice', () => {
    expect(lotGroupingProblems([awarded[0], { ...awarded[1], number: 1 }], lines)).toEqual([
      { field: 'lots[1].number', message: 'lot 1 is given twice' },
    ]);
  });

  it.each(['', '   ', 'x'.repeat(201)])('refuses the title %j', (title) => {
    expect(lotGroupingProblems([{ ...awarded[0], title }, awarded[1]], lines)).toEqual([
      { field: 'lots[0].title', message: 'must be 1 to 200 characters' },
    ]);
  });

  it('refuses a lot with no line, a line the programme lacks, and a line placed twice', () => {
    expect(
      lotGroupingProblems(
        [
          { number: 1, title: 'Empty', serviceLines: [] },
          {
            number: 2,
            title: 'Leaders',
            serviceLines: ['POLITICAL_LEADERSHIP', 'TARGETED_SUPPORT'],
          },
          { number: 3, title: 'Again', serviceLines: ['POLITICAL_LEADERSHIP'] },
        ],
        ['POLITICAL_LEADERSHIP'],
      ),
    ).toEqual([
      { field: 'lots[0].serviceLines', message: 'must hold a service line' },
      {
        field: 'lots[1].serviceLines',
        message: "TARGETED_SUPPORT is not one of the programme's service lines",
      },
      { field: 'lots[2].serviceLines', message: 'POLITICAL_LEADERSHIP is already in lot 2' },
    ]);
  });
});

describe('defaultLotGrouping', () => {
  it('gives each line a lot of its own, numbered in service-line order and titled by its name', () => {
    expect(
      defaultLotGrouping([
        { code: 'COACHING_MENTORING', name: 'Coaching' },
        { code: 'POLITICAL_LEADERSHIP', name: 'Political leaders' },
      ]),
    ).toEqual([
      { number: 1, title: 'Political leaders', serviceLines: ['POLITICAL_LEADERSHIP'] },
      { number: 2, title: 'Coaching', serviceLines: ['COACHING_MENTORING'] },
    ]);
  });
});

describe('variationDateProblems', () => {
  const programme = { startsOn: '2021-05-31', endsOn: '2024-03-31' };
  const open = seven.map((lot) => ({ ...lot, validTo: null }));

  it('accepts a day within the programme after the open lots began', () => {
    expect(variationDateProblems('2022-04-01', programme, open)).toEqual([]);
    expect(variationDateProblems('2021-06-01', programme, open)).toEqual([]);
    expect(variationDateProblems('2024-03-31', programme, open)).toEqual([]);
    expect(variationDateProblems('2021-05-31', programme, [])).toEqual([]);
  });

  it.each(['2021-05-30', '2024-04-01'])('refuses %s, outside the programme', (effectiveOn) => {
    expect(variationDateProblems(effectiveOn, programme, open)).toEqual([
      {
        field: 'effectiveOn',
        message: 'must fall within the programme (2021-05-31 to 2024-03-31)',
      },
    ]);
  });

  it('refuses a day on or before the latest start of an open lot', () => {
    const later = [open[0], { ...open[1], validFrom: '2022-04-01' }];
    expect(variationDateProblems('2022-04-01', programme, later)).toEqual([
      { field: 'effectiveOn', message: 'must be after 2022-04-01, when the open lots began' },
    ]);
    expect(variationDateProblems('2021-05-31', programme, open)).toEqual([
      { field: 'effectiveOn', message: 'must be after 2021-05-31, when the open lots began' },
    ]);
  });
});

describe('inServiceLineOrder', () => {
  it('sorts lines as SPEC §7 lists them, each once', () => {
    expect(
      inServiceLineOrder(['COACHING_MENTORING', 'POLITICAL_LEADERSHIP', 'COACHING_MENTORING']),
    ).toEqual(['POLITICAL_LEADERSHIP', 'COACHING_MENTORING']);
  });
});
