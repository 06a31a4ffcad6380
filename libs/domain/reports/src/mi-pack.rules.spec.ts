import {
  miPackSheets,
  overdueSheet,
  serviceLinesSheet,
  spendSheet,
  type MiPackData,
  type OverdueItem,
} from './mi-pack.rules';

/** The reference scenario's year (scenarios/golden-2022-23.md), as the queries would find it. */
const golden: MiPackData = {
  programme: { id: 'p', name: 'LA Delivery', budgetPence: 1_400_000_00, allocationPence: null },
  financialYear: '2022-23',
  generatedAt: new Date('2026-11-01T06:00:00Z'),
  serviceLines: [
    { serviceLine: 'COACHING_MENTORING', name: 'Coaching', target: null, cap: 15 },
    { serviceLine: 'POLITICAL_LEADERSHIP', name: 'Political leadership', target: 20, cap: null },
    {
      serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
      name: 'Diagnostics',
      target: 12,
      cap: null,
    },
  ],
  engagements: [
    { serviceLine: 'POLITICAL_LEADERSHIP', status: 'APPROVED', engagements: 4 },
    { serviceLine: 'COACHING_MENTORING', status: 'APPROVED', engagements: 1 },
    { serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC', status: 'APPROVED', engagements: 1 },
  ],
  reached: [
    // Political leadership: 3 North East LAs and Leeds; Sandwell; Sunderland.
    { serviceLine: 'POLITICAL_LEADERSHIP', localAuthorities: 4, regions: 2 },
    { serviceLine: 'COACHING_MENTORING', localAuthorities: 1, regions: 1 },
    { serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC', localAuthorities: 1, regions: 1 },
  ],
  sessions: [
    // S1 (7 attending, 180 min) and S2 (2 attending, 120 min) approved; S3 submitted; S7 planned.
    {
      serviceLine: 'POLITICAL_LEADERSHIP',
      status: 'APPROVED',
      sessions: 2,
      minutes: 300,
      attendance: 9,
    },
    {
      serviceLine: 'POLITICAL_LEADERSHIP',
      status: 'SUBMITTED',
      sessions: 1,
      minutes: 90,
      attendance: 1,
    },
    {
      serviceLine: 'POLITICAL_LEADERSHIP',
      status: 'PLANNED',
      sessions: 1,
      minutes: 0,
      attendance: 0,
    },
    // S4 and S5; S6 is dated in 2023-24.
    {
      serviceLine: 'COACHING_MENTORING',
      status: 'APPROVED',
      sessions: 2,
      minutes: 125,
      attendance: 2,
    },
  ],
  regions: [
    {
      code: 'E12000001',
      name: 'North East',
      activeLocalAuthorities: 12,
      reachedLocalAuthorities: 4,
      engagements: 4,
      approvedAttendance: 7,
    },
  ],
  spend: {
    totalPence: 21_197_92,
    byServiceLine: [
      { serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC', spentPence: 18_500_00 },
      { serviceLine: 'POLITICAL_LEADERSHIP', spentPence: 2_500_00 },
      { serviceLine: 'COACHING_MENTORING', spentPence: 197_92 },
    ],
    byLocalAuthority: [
      { gssCode: 'E06000001', name: 'Hartlepool', regionCode: 'E12000001', spentPence: 714_29 },
      { gssCode: 'E06000002', name: 'Middlesbrough', regionCode: 'E12000001', spentPence: 178_57 },
      {
        gssCode: 'E06000003',
        name: 'Redcar and Cleveland',
        regionCode: 'E12000001',
        spentPence: 357_14,
      },
      { gssCode: 'E08000024', name: 'Sunderland', regionCode: 'E12000001', spentPence: 18_500_00 },
      { gssCode: 'E08000035', name: 'Leeds', regionCode: 'E12000003', spentPence: 1_250_00 },
      { gssCode: 'E08000028', name: 'Sandwell', regionCode: 'E12000005', spentPence: 197_92 },
    ],
    byContract: [
      { reference: 'A1', supplier: 'North Star Leadership Ltd', spentPence: 2_500_00 },
      { reference: 'A7', supplier: 'North Star Leadership Ltd', spentPence: 197_92 },
      { reference: 'B4', supplier: 'Corporate Parenting Partners', spentPence: 18_500_00 },
    ],
  },
  overdue: [
    {
      kind: 'DIAGNOSTIC_FOLLOW_UP',
      serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
      supplier: 'Corporate Parenting Partners',
      contract: 'B4',
      localAuthorities: 'Sunderland',
      date: '2023-01-16',
      dueBy: '2023-07-16',
      financialYear: '2022-23',
    },
    {
      kind: 'SESSION_REPORT',
      serviceLine: 'POLITICAL_LEADERSHIP',
      supplier: 'North Star Leadership Ltd',
      contract: 'A1',
      localAuthorities: 'Leeds',
      date: '2022-12-19',
      dueBy: '2022-12-28',
      financialYear: '2022-23',
    },
  ],
};

const rowsByFirstCell = (rows: unknown[][]) =>
  Object.fromEntries(rows.map((row) => [String(row[0]), row]));

describe('serviceLinesSheet', () => {
  const sut = serviceLinesSheet(golden);
  const titles = sut.columns.map((column) => column.title);
  const cell = (line: string, title: string) =>
    rowsByFirstCell(sut.rows)[line][titles.indexOf(title)];

  it('lists the service lines in the product’s order, then a total', () => {
    expect(sut.rows.map((row) => row[0])).toEqual([
      'POLITICAL_LEADERSHIP',
      'CORPORATE_PARENTING_DIAGNOSTIC',
      'COACHING_MENTORING',
      'ALL',
    ]);
  });

  it('sets targets against delivery as the reference year has it', () => {
    expect(cell('POLITICAL_LEADERSHIP', 'Target')).toBe(20);
    expect(cell('POLITICAL_LEADERSHIP', 'LAs reached')).toBe(4);
    expect(cell('POLITICAL_LEADERSHIP', 'Sessions approved')).toBe(2);
    expect(cell('POLITICAL_LEADERSHIP', 'Sessions awaiting approval')).toBe(1);
    expect(cell('POLITICAL_LEADERSHIP', 'Sessions not yet reported')).toBe(1);
    expect(cell('POLITICAL_LEADERSHIP', 'Attendance (approved sessions)')).toBe(9);
    expect(cell('COACHING_MENTORING', 'Cap')).toBe(15);
    expect(cell('COACHING_MENTORING', 'Minutes (approved sessions)')).toBe(125);
    expect(cell('CORPORATE_PARENTING_DIAGNOSTIC', 'Engagements approved')).toBe(1);
  });

  it('keeps spend in pence, the total adding up to the year’s', () => {
    expect(cell('POLITICAL_LEADERSHIP', 'Spend')).toBe(2_500_00);
    expect(cell('COACHING_MENTORING', 'Spend')).toBe(197_92);
    expect(cell('CORPORATE_PARENTING_DIAGNOSTIC', 'Spend')).toBe(18_500_00);
    // 2,500.00 + 197.92 + 18,500.00
    expect(cell('ALL', 'Spend')).toBe(21_197_92);
    expect(cell('ALL', 'LAs reached')).toBe(6);
    expect(cell('ALL', 'Engagements approved')).toBe(6);
    expect(cell('ALL', 'Target')).toBeNull();
  });
});

describe('spendSheet', () => {
  it('shows the year by service line, LA and contract, and its total', () => {
    const sut = spendSheet(golden);
    const spend = (by: string, code: string | null) =>
      sut.rows.find((row) => row[0] === by && row[1] === code)?.[3];
    expect(spend('Service line', 'POLITICAL_LEADERSHIP')).toBe(2_500_00);
    expect(spend('Local authority', 'E06000001')).toBe(714_29);
    expect(spend('Contract', 'B4')).toBe(18_500_00);
    expect(spend('Total', null)).toBe(21_197_92);
    expect(sut.columns[3]).toEqual({ title: 'Spend', kind: 'money' });
  });
});

describe('overdueSheet', () => {
  it('lists overdue items, the longest overdue first', () => {
    expect(overdueSheet(golden).rows).toEqual([
      [
        'Session report',
        'POLITICAL_LEADERSHIP',
        'North Star Leadership Ltd',
        'A1',
        'Leeds',
        '2022-12-19',
        '2022-12-28',
        '2022-23',
      ],
      [
        'Diagnostic follow-up review',
        'CORPORATE_PARENTING_DIAGNOSTIC',
        'Corporate Parenting Partners',
        'B4',
        'Sunderland',
        '2023-01-16',
        '2023-07-16',
        '2022-23',
      ],
    ]);
  });

  it('lists an item of another year than the pack’s with its own year', () => {
    const lastYears: OverdueItem = {
      kind: 'SESSION_REPORT',
      serviceLine: 'POLITICAL_LEADERSHIP',
      supplier: 'North Star Leadership Ltd',
      contract: 'A1',
      localAuthorities: 'Leeds',
      date: '2022-03-28',
      dueBy: '2022-04-04',
      financialYear: '2021-22',
    };
    const sheet = overdueSheet({ ...golden, overdue: [...golden.overdue, lastYears] });
    expect(sheet.columns.at(-1)).toEqual({ title: 'Financial year', kind: 'text' });
    expect(sheet.rows[0]).toEqual([
      'Session report',
      'POLITICAL_LEADERSHIP',
      'North Star Leadership Ltd',
      'A1',
      'Leeds',
      '2022-03-28',
      '2022-04-04',
      '2021-22',
    ]);
  });
});

describe('miPackSheets', () => {
  const sut = miPackSheets(golden);

  it('makes the sheets in reading order, each row as wide as its columns', () => {
    expect(sut.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'Service lines',
      'Regions',
      'Spend',
      'Overdue',
    ]);
    for (const sheet of sut)
      for (const row of sheet.rows) expect(row).toHaveLength(sheet.columns.length);
  });

  it('sums each region’s spend from the LAs charged in it', () => {
    const regions = sut.find((sheet) => sheet.name === 'Regions')!;
    // Hartlepool 714.29 + Middlesbrough 178.57 + Redcar and Cleveland 357.14 + Sunderland 18,500.00
    expect(regions.rows).toEqual([['E12000001', 'North East', 12, 4, 4, 7, 19_750_00]]);
  });

  it('summarises the programme, year, budget, spend and the number of overdue items', () => {
    expect(sut[0].rows).toEqual([
      ['LA Delivery', '2022-23', '2026-11-01T06:00:00.000Z', 1_400_000_00, null, 21_197_92, 2],
    ]);
  });
});
