import {
  isProgrammeYear,
  programmeDatesProblems,
  programmeTermsProblems,
  serviceLineProblems,
  type ProgrammeTerms,
} from './programme.rules';

const terms: ProgrammeTerms = {
  name: 'Local Authority and Political Leadership Support',
  contractingAuthority: 'Department for Education',
  startsOn: '2021-05-31',
  endsOn: '2024-03-31',
  budgetPence: 1_400_000_00,
  budgetAllocations: [
    { financialYear: '2021-22', amountPence: 400_000_00 },
    { financialYear: '2022-23', amountPence: 500_000_00 },
    { financialYear: '2023-24', amountPence: 500_000_00 },
  ],
};

describe('programmeTermsProblems', () => {
  it('accepts terms whose allocations come to the budget exactly', () => {
    expect(programmeTermsProblems(terms)).toEqual([]);
  });

  it('accepts no allocations and a budget of nothing', () => {
    expect(programmeTermsProblems({ ...terms, budgetPence: 0, budgetAllocations: [] })).toEqual([]);
  });

  it.each([
    ['name', ''],
    ['name', '  '],
    ['name', 'x'.repeat(201)],
    ['contractingAuthority', ''],
  ] as const)('refuses %s %j', (field, value) => {
    expect(programmeTermsProblems({ ...terms, [field]: value })).toEqual([
      { field, message: 'must be 1 to 200 characters' },
    ]);
  });

  it('refuses an end before the start, and then any allocation falls outside', () => {
    expect(
      programmeTermsProblems({ ...terms, startsOn: '2024-04-01', endsOn: '2024-03-31' }),
    ).toEqual([
      { field: 'endsOn', message: 'must not be before startsOn' },
      {
        field: 'budgetAllocations[0].financialYear',
        message: '2021-22 is outside the programme (no year)',
      },
      {
        field: 'budgetAllocations[1].financialYear',
        message: '2022-23 is outside the programme (no year)',
      },
      {
        field: 'budgetAllocations[2].financialYear',
        message: '2023-24 is outside the programme (no year)',
      },
    ]);
  });

  it('refuses a negative budget', () => {
    expect(programmeTermsProblems({ ...terms, budgetPence: -1, budgetAllocations: [] })).toEqual([
      { field: 'budget', message: 'must not be negative' },
    ]);
  });

  it('refuses an allocation for a year badly written, outside the programme, or given twice', () => {
    expect(
      programmeTermsProblems({
        ...terms,
        budgetAllocations: [
          { financialYear: '2021/22', amountPence: 1 },
          { financialYear: '2024-25', amountPence: 1 },
          { financialYear: '2022-23', amountPence: 1 },
          { financialYear: '2022-23', amountPence: 1 },
        ],
      }),
    ).toEqual([
      { field: 'budgetAllocations[0].financialYear', message: 'must be written like 2022-23' },
      {
        field: 'budgetAllocations[1].financialYear',
        message: '2024-25 is outside the programme (2021-22, 2022-23, 2023-24)',
      },
      { field: 'budgetAllocations[3].financialYear', message: '2022-23 is given twice' },
    ]);
  });

  it('refuses a negative allocation, and allocations adding up to more than the budget', () => {
    expect(
      programmeTermsProblems({
        ...terms,
        budgetAllocations: [
          { financialYear: '2021-22', amountPence: -1 },
          { financialYear: '2022-23', amountPence: 1_400_000_02 },
        ],
      }),
    ).toEqual([
      { field: 'budgetAllocations[0].amount', message: 'must not be negative' },
      {
        field: 'budgetAllocations',
        message: 'the yearly allocations add up to more than the budget',
      },
    ]);
  });
});

describe('isProgrammeYear', () => {
  it.each([
    ['2020-21', false],
    ['2021-22', true],
    ['2023-24', true],
    ['2024-25', false],
    ['2022/23', false],
  ])('%s is %p for a programme from 2021-05-31 to 2024-03-31', (year, expected) => {
    expect(isProgrammeYear(terms, year)).toBe(expected);
  });
});

describe('serviceLineProblems', () => {
  it('accepts lines each given once, named or not', () => {
    expect(
      serviceLineProblems([
        { code: 'POLITICAL_LEADERSHIP', name: 'Leadership academy' },
        { code: 'COACHING_MENTORING' },
        { code: 'TARGETED_SUPPORT', name: null },
      ]),
    ).toEqual([]);
  });

  it('needs at least one line', () => {
    expect(serviceLineProblems([])).toEqual([
      { field: 'serviceLines', message: 'must hold at least one service line' },
    ]);
  });

  it('refuses an unknown code, a line given twice and a name too short or long', () => {
    expect(
      serviceLineProblems([
        { code: 'KNITTING' as never },
        { code: 'COACHING_MENTORING', name: ' ' },
        { code: 'COACHING_MENTORING', name: 'x'.repeat(201) },
      ]),
    ).toEqual([
      { field: 'serviceLines[0].code', message: 'KNITTING is not a service line' },
      { field: 'serviceLines[1].name', message: 'must be 1 to 200 characters' },
      { field: 'serviceLines[2].code', message: 'COACHING_MENTORING is given twice' },
      { field: 'serviceLines[2].name', message: 'must be 1 to 200 characters' },
    ]);
  });
});

describe('programmeDatesProblems', () => {
  const contracts = [
    { reference: 'A1', startsOn: '2021-06-01', endsOn: '2024-03-31' },
    { reference: 'B2', startsOn: '2022-04-01', endsOn: '2023-03-31' },
  ];

  it('accepts dates that still hold every contract', () => {
    expect(
      programmeDatesProblems({ startsOn: '2021-06-01', endsOn: '2024-03-31' }, contracts),
    ).toEqual([]);
    expect(programmeDatesProblems({ startsOn: '2030-01-01', endsOn: '2020-01-01' }, [])).toEqual(
      [],
    );
  });

  it('names the contracts a later start or an earlier end would leave out', () => {
    expect(
      programmeDatesProblems({ startsOn: '2022-04-02', endsOn: '2023-03-30' }, contracts),
    ).toEqual([
      {
        field: 'startsOn',
        message:
          'would leave contracts outside the programme: A1 starts on 2021-06-01, B2 starts on 2022-04-01',
      },
      {
        field: 'endsOn',
        message:
          'would leave contracts outside the programme: A1 ends on 2024-03-31, B2 ends on 2023-03-31',
      },
    ]);
  });
});
