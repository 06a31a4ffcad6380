import {
  asOfForYear,
  firstFew,
  forecastToYearEnd,
  monthsOf,
  overdueMonthlyReturns,
  overdueSessionReports,
  serviceLineFigures,
  shareOfTarget,
  type DashboardItem,
} from './dashboard.rules';

describe('forecastToYearEnd', () => {
  it('carries delivery so far to the year’s end at the same daily rate', () => {
    // 1 April to 30 September 2022 is 183 days of 365: 10 × 365 ÷ 183 = 19.94…
    expect(forecastToYearEnd(10, '2022-23', '2022-09-30')).toBe(20);
    // The first day counts as one day elapsed: 2 × 365.
    expect(forecastToYearEnd(2, '2022-23', '2022-04-01')).toBe(730);
    expect(forecastToYearEnd(0, '2022-23', '2022-12-01')).toBe(0);
  });

  it('counts 366 days in a year with 29 February', () => {
    // 30 of 366 days: 3 × 366 ÷ 30 = 36.6.
    expect(forecastToYearEnd(3, '2023-24', '2023-04-30')).toBe(37);
  });

  it('is what was delivered once the year is over, on its last day or after', () => {
    expect(forecastToYearEnd(7, '2022-23', '2023-03-31')).toBe(7);
    expect(forecastToYearEnd(7, '2022-23', '2025-06-01')).toBe(7);
  });

  it('is null for a year not yet begun', () => {
    expect(forecastToYearEnd(0, '2024-25', '2024-03-31')).toBeNull();
  });
});

describe('shareOfTarget', () => {
  it('is reached ÷ target, null without a target', () => {
    expect(shareOfTarget(4, 16)).toBe(0.25);
    expect(shareOfTarget(18, 12)).toBe(1.5);
    expect(shareOfTarget(4, null)).toBeNull();
    expect(shareOfTarget(4, 0)).toBeNull();
  });
});

describe('serviceLineFigures', () => {
  const sut = serviceLineFigures;

  it('puts each line’s figures together in lot order, with forecasts', () => {
    const lines = sut({
      financialYear: '2022-23',
      // Half way: 1 April to 30 September is 183 days of 365.
      today: '2022-09-30',
      lines: [
        {
          serviceLine: 'COACHING_MENTORING',
          name: 'Coaching',
          targetBasis: 'NONE',
          target: null,
          cap: 15,
        },
        {
          serviceLine: 'POLITICAL_LEADERSHIP',
          name: 'Political',
          targetBasis: 'NUMBER',
          target: 16,
          cap: 20,
        },
        {
          serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
          name: 'Diagnostic',
          targetBasis: 'NUMBER',
          target: 12,
          cap: null,
        },
      ],
      reached: [
        { serviceLine: 'POLITICAL_LEADERSHIP', localAuthorities: 4, regions: 2 },
        { serviceLine: 'COACHING_MENTORING', localAuthorities: 1, regions: 1 },
      ],
      networkRegionsMet: 0,
      sessions: [
        { serviceLine: 'POLITICAL_LEADERSHIP', status: 'APPROVED', sessions: 2, minutes: 300 },
        { serviceLine: 'POLITICAL_LEADERSHIP', status: 'SUBMITTED', sessions: 1, minutes: 90 },
        { serviceLine: 'POLITICAL_LEADERSHIP', status: 'PLANNED', sessions: 1, minutes: 0 },
        { serviceLine: 'POLITICAL_LEADERSHIP', status: 'DRAFT', sessions: 2, minutes: 60 },
        { serviceLine: 'POLITICAL_LEADERSHIP', status: 'RETURNED', sessions: 1, minutes: 30 },
        { serviceLine: 'COACHING_MENTORING', status: 'APPROVED', sessions: 2, minutes: 125 },
      ],
      finalReports: [{ serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC', diagnostics: 1 }],
    });
    expect(lines.map((line) => line.serviceLine)).toEqual([
      'POLITICAL_LEADERSHIP',
      'CORPORATE_PARENTING_DIAGNOSTIC',
      'COACHING_MENTORING',
    ]);
    expect(lines[0]).toEqual({
      serviceLine: 'POLITICAL_LEADERSHIP',
      name: 'Political',
      targetBasis: 'NUMBER',
      target: 16,
      cap: 20,
      localAuthoritiesReached: 4,
      regionsReached: 2,
      shareOfTarget: 0.25,
      sessionsApproved: 2,
      sessionsAwaitingApproval: 1,
      sessionsPlanned: 1,
      sessionsInDraft: 3,
      approvedMinutes: 300,
      finalReports: 0,
      // 2 × 365 ÷ 183 = 3.99; 300 × 365 ÷ 183 = 598.36.
      forecast: { sessionsApproved: 4, approvedMinutes: 598, finalReports: 0 },
    });
    expect(lines[1]).toMatchObject({
      localAuthoritiesReached: 0,
      shareOfTarget: 0,
      finalReports: 1,
      forecast: { finalReports: 2 },
    });
    expect(lines[2]).toMatchObject({
      localAuthoritiesReached: 1,
      shareOfTarget: null,
      approvedMinutes: 125,
      // 125 × 365 ÷ 183 = 249.3.
      forecast: { sessionsApproved: 4, approvedMinutes: 249 },
    });
  });

  it('measures a line that must reach every region in regions, networks by their meetings', () => {
    const lines = sut({
      financialYear: '2022-23',
      today: '2023-04-01',
      lines: [
        {
          serviceLine: 'TARGETED_SUPPORT',
          name: 'Targeted',
          targetBasis: 'EVERY_REGION',
          target: 9,
          cap: null,
        },
        {
          serviceLine: 'LEAD_MEMBER_NETWORKS',
          name: 'Networks',
          targetBasis: 'EVERY_REGION',
          target: 9,
          cap: null,
        },
      ],
      // 12 LAs in 3 regions for targeted support; networks have no engagements.
      reached: [{ serviceLine: 'TARGETED_SUPPORT', localAuthorities: 12, regions: 3 }],
      // The North East's network met with LAs attending.
      networkRegionsMet: 1,
      sessions: [],
      finalReports: [],
    });
    expect(lines[0]).toMatchObject({
      serviceLine: 'LEAD_MEMBER_NETWORKS',
      localAuthoritiesReached: 0,
      regionsReached: 1,
      shareOfTarget: 1 / 9,
    });
    expect(lines[1]).toMatchObject({
      serviceLine: 'TARGETED_SUPPORT',
      localAuthoritiesReached: 12,
      regionsReached: 3,
      shareOfTarget: 3 / 9,
    });
  });
});

describe('overdueSessionReports', () => {
  const s7 = {
    status: 'PLANNED' as const,
    plannedOn: '2022-12-19',
    deliveredOn: null,
    serviceLine: 'POLITICAL_LEADERSHIP' as const,
    supplier: 'North Star Leadership Ltd',
    contract: 'A1',
    localAuthorities: 'Leeds',
    sessionId: 's7-id',
    supplierId: 'north-star-id',
    localAuthorityCodes: ['E08000035'],
  };

  it('is overdue from the day after the 5th working day (26 and 27 December are bank holidays)', () => {
    expect(overdueSessionReports([s7], '2022-12-28')).toEqual([]);
    expect(overdueSessionReports([s7], '2022-12-29')).toEqual([
      {
        kind: 'SESSION_REPORT',
        title: 'Session not yet recorded',
        localAuthorities: 'Leeds',
        serviceLine: 'POLITICAL_LEADERSHIP',
        supplier: 'North Star Leadership Ltd',
        contract: 'A1',
        date: '2022-12-19',
        dueBy: '2022-12-28',
        sessionId: 's7-id',
        engagementId: null,
        supplierId: 'north-star-id',
        localAuthorityCodes: ['E08000035'],
      },
    ]);
  });

  it('calls a draft’s a session report, and passes over dates the calendar does not cover', () => {
    const draft = { ...s7, status: 'DRAFT' as const, deliveredOn: '2022-12-19' };
    expect(overdueSessionReports([draft], '2023-01-10')[0]?.title).toBe('Session report');
    expect(overdueSessionReports([{ ...s7, plannedOn: '1990-01-02' }], '2023-01-10')).toEqual([]);
  });
});

describe('overdueMonthlyReturns', () => {
  const whole = { supplierId: 'north-star', startsOn: '2021-05-31', endsOn: '2024-03-31' };
  const fromOctober = { supplierId: 'partners', startsOn: '2022-10-15', endsOn: '2024-03-31' };

  it('owes a return for each month under contract that has ended and is past its due day', () => {
    const owed = overdueMonthlyReturns({
      financialYear: '2022-23',
      // January 2023's return was due on 7 February: April to January have passed.
      today: '2023-02-10',
      contracts: [whole, fromOctober],
      returned: [{ supplierId: 'north-star', month: '2022-12' }],
    });
    const of = (supplierId: string) =>
      owed.filter((row) => row.supplierId === supplierId).map((row) => row.month);
    // April to January is 10 months; December was made.
    expect(of('north-star')).toEqual([
      '2022-04',
      '2022-05',
      '2022-06',
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
      '2023-01',
    ]);
    // Its contract starts in October.
    expect(of('partners')).toEqual(['2022-10', '2022-11', '2022-12', '2023-01']);
    // December's was due on 9 January 2023 (the 2nd is a bank holiday).
    expect(owed.find((row) => row.supplierId === 'partners' && row.month === '2022-12')).toEqual({
      supplierId: 'partners',
      month: '2022-12',
      dueOn: '2023-01-09',
    });
  });

  it('owes nothing on the day it is due', () => {
    const owed = overdueMonthlyReturns({
      financialYear: '2022-23',
      today: '2023-02-07',
      contracts: [whole],
      returned: [],
    });
    expect(owed.map((row) => row.month).at(-1)).toBe('2022-12');
    expect(owed).toHaveLength(9);
  });

  it('owes nothing for a year not yet begun, nor months outside every contract', () => {
    expect(
      overdueMonthlyReturns({
        financialYear: '2024-25',
        today: '2024-03-01',
        contracts: [whole],
        returned: [],
      }),
    ).toEqual([]);
    expect(
      overdueMonthlyReturns({
        financialYear: '2020-21',
        today: '2023-02-07',
        contracts: [whole],
        returned: [],
      }),
    ).toEqual([]);
  });
});

describe('firstFew', () => {
  const item = (dueBy: string, localAuthorities: string): DashboardItem => ({
    kind: 'SESSION_REPORT',
    title: 'Session report',
    localAuthorities,
    serviceLine: 'POLITICAL_LEADERSHIP',
    supplier: null,
    contract: null,
    date: dueBy,
    dueBy,
    sessionId: null,
    engagementId: null,
    supplierId: null,
    localAuthorityCodes: [],
  });

  it('counts them all and lists the five longest overdue', () => {
    const items = [
      item('2023-01-05', 'Leeds'),
      item('2022-11-01', 'Bury'),
      item('2023-02-01', 'York'),
      item('2022-11-01', 'Anglesey'),
      item('2022-12-01', 'Derby'),
      item('2022-10-01', 'Hull'),
      item('2023-03-01', 'Wigan'),
    ];
    const few = firstFew(items);
    expect(few.count).toBe(7);
    expect(few.items.map((row) => row.localAuthorities)).toEqual([
      'Hull',
      'Anglesey',
      'Bury',
      'Derby',
      'Leeds',
    ]);
  });
});

describe('monthsOf', () => {
  it('lists April to March', () => {
    expect(monthsOf('2022-23')).toEqual([
      '2022-04',
      '2022-05',
      '2022-06',
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
      '2022-12',
      '2023-01',
      '2023-02',
      '2023-03',
    ]);
  });
});

describe('asOfForYear', () => {
  it('is the year’s last day once over, else today', () => {
    expect(asOfForYear('2022-23', '2025-01-01')).toBe('2023-03-31');
    expect(asOfForYear('2022-23', '2022-10-01')).toBe('2022-10-01');
  });
});
