import {
  basisInWords,
  deliveryChart,
  overdueGroups,
  overviewCards,
  pence,
  reachAgainstTarget,
  shareOf,
  type DashboardItem,
  type DashboardLine,
  type ProgrammeDashboard,
} from './programme-overview.rules';

const line = (overrides: Partial<DashboardLine>): DashboardLine => ({
  serviceLine: 'POLITICAL_LEADERSHIP',
  name: 'Political leadership',
  targetBasis: 'NUMBER',
  target: null,
  cap: null,
  localAuthoritiesReached: 0,
  regionsReached: 0,
  shareOfTarget: null,
  sessionsApproved: 0,
  sessionsAwaitingApproval: 0,
  sessionsPlanned: 0,
  sessionsInDraft: 0,
  approvedMinutes: 0,
  finalReports: 0,
  spent: '0.00',
  forecast: { sessionsApproved: null, approvedMinutes: null, finalReports: null },
  ...overrides,
});

const none = { count: 0, items: [] };

// S7 of the reference scenario: planned for 2022-12-19, never recorded.
const s7Item: DashboardItem = {
  kind: 'SESSION_REPORT',
  title: 'Session not yet recorded',
  localAuthorities: 'Leeds',
  serviceLine: 'POLITICAL_LEADERSHIP',
  supplier: 'North Star Leadership Ltd',
  contract: 'A1',
  date: '2022-12-19',
  dueBy: '2022-12-28',
  sessionId: 's7',
  engagementId: null,
  localAuthorityCodes: ['E08000035'],
};

// The reference scenario's 2022-23, figures written out from scenarios/golden-2022-23.md.
const dashboard: ProgrammeDashboard = {
  asOf: '2026-11-26',
  financialYear: '2022-23',
  programme: { id: 'p1', name: 'Programme', startsOn: '2021-05-31', endsOn: '2024-03-31' },
  serviceLines: [
    line({ localAuthoritiesReached: 4, sessionsApproved: 2, spent: '2500.00' }),
    line({
      serviceLine: 'COACHING_MENTORING',
      localAuthoritiesReached: 1,
      sessionsApproved: 2,
      spent: '197.92',
    }),
  ],
  spend: {
    total: '21197.92',
    budget: { programme: '1400000.00', allocation: null, spent: '21292.92', remaining: '0.00' },
    byContract: [],
  },
  regions: [
    {
      region: { code: 'E12000001', name: 'North East' },
      activeLocalAuthorities: 12,
      reachedLocalAuthorities: 4,
      reachShare: 4 / 12,
      networkCoverage: null,
    },
    {
      region: { code: 'E12000003', name: 'Yorkshire and The Humber' },
      activeLocalAuthorities: 15,
      reachedLocalAuthorities: 1,
      reachShare: 1 / 15,
      networkCoverage: null,
    },
    {
      region: { code: 'E12000005', name: 'West Midlands' },
      activeLocalAuthorities: 14,
      reachedLocalAuthorities: 1,
      reachShare: 1 / 14,
      networkCoverage: null,
    },
  ],
  overdue: {
    sessionReports: { count: 1, items: [s7Item] },
    apaActionPlans: none,
    monthlyReturns: { count: 23, items: [] },
    diagnosticFollowUps: { count: 1, items: [] },
  },
  watchlistAsOf: '2023-03-31',
  watchlist: [],
};

describe('pence', () => {
  it('reads money strings without floating point', () => {
    expect(pence('21197.92')).toBe(2_119_792);
    expect(pence('1400000.00')).toBe(140_000_000);
    expect(pence('0.5')).toBe(50);
    expect(pence('-3.05')).toBe(-305);
    expect(() => pence('£3')).toThrow(/not an amount/);
  });
});

describe('overviewCards', () => {
  it('adds up reach over regions, approved sessions over lines and every overdue item', () => {
    expect(overviewCards(dashboard)).toEqual({
      reached: 6,
      active: 41,
      sessionsApproved: 4,
      spent: '21197.92',
      budget: '1400000.00',
      budgetLabel: 'the programme’s budget',
      // 2,119,792 of 140,000,000 pence.
      budgetShare: 2_119_792 / 140_000_000,
      overdue: 25,
    });
  });

  it('measures spend against the year’s allocation when one is set, and not at all without a budget', () => {
    const allocated = {
      ...dashboard,
      spend: {
        ...dashboard.spend,
        budget: { ...dashboard.spend.budget!, allocation: '100000.00' },
      },
    };
    expect(overviewCards(allocated)).toMatchObject({
      budget: '100000.00',
      budgetLabel: 'the year’s allocation',
      budgetShare: 2_119_792 / 10_000_000,
    });
    const hidden = { ...dashboard, spend: { ...dashboard.spend, budget: null } };
    expect(overviewCards(hidden)).toMatchObject({ budget: null, budgetShare: null });
  });
});

describe('overdueGroups', () => {
  it('links a session report to its session', () => {
    const groups = overdueGroups(dashboard.overdue);
    expect(groups.map((group) => [group.heading, group.count])).toEqual([
      ['Session reports', 1],
      ['Action plans for areas for priority action', 0],
      ['Monthly returns', 23],
      ['Diagnostic follow-up reviews', 1],
    ]);
    expect(groups[0].items).toEqual([{ ...s7Item, href: '/sessions/s7' }]);
  });

  // Sunderland's diagnostic: final report 2023-01-16, follow-up review due 2023-07-16.
  const followUp: DashboardItem = {
    kind: 'DIAGNOSTIC_FOLLOW_UP',
    title: 'Diagnostic follow-up review',
    localAuthorities: 'Sunderland',
    serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
    supplier: 'Corporate Parenting Partners',
    contract: 'B4',
    date: '2023-01-16',
    dueBy: '2023-07-16',
    sessionId: null,
    engagementId: 'e-sunderland',
    localAuthorityCodes: ['E08000024'],
  };

  it('links a follow-up review to its diagnostic’s engagement', () => {
    const overdue = { ...dashboard.overdue, diagnosticFollowUps: { count: 1, items: [followUp] } };
    expect(overdueGroups(overdue)[3].items[0].href).toBe('/engagements/e-sunderland');
  });

  it('links an action plan to its LA, and a monthly return to nothing', () => {
    const plan: DashboardItem = {
      kind: 'APA_ACTION_PLAN',
      title: 'Draft action plan',
      localAuthorities: 'Sandwell',
      serviceLine: null,
      supplier: null,
      contract: null,
      date: '2022-11-21',
      dueBy: '2022-12-19',
      sessionId: null,
      engagementId: null,
      localAuthorityCodes: ['E08000028'],
    };
    const december: DashboardItem = {
      ...plan,
      kind: 'MONTHLY_RETURN',
      title: 'Monthly return for December 2022',
      localAuthorities: null,
      supplier: 'North Star Leadership Ltd',
      localAuthorityCodes: [],
    };
    const overdue = {
      ...dashboard.overdue,
      apaActionPlans: { count: 1, items: [plan] },
      monthlyReturns: { count: 1, items: [december] },
    };
    const groups = overdueGroups(overdue);
    expect(groups[1].items[0].href).toBe('/local-authorities/E08000028');
    expect(groups[2].items[0].href).toBeNull();
  });

  it('leaves unlinked an item without its record', () => {
    const overdue = {
      ...dashboard.overdue,
      sessionReports: { count: 1, items: [{ ...s7Item, sessionId: null }] },
    };
    expect(overdueGroups(overdue)[0].items[0].href).toBeNull();
  });
});

describe('reachAgainstTarget', () => {
  it('says how many of the target, or that there is none', () => {
    const lasOnly = { targetBasis: 'NUMBER', regionsReached: 1 };
    expect(reachAgainstTarget({ ...lasOnly, localAuthoritiesReached: 1, target: 12 })).toBe(
      '1 of 12 LAs',
    );
    expect(reachAgainstTarget({ ...lasOnly, localAuthoritiesReached: 4, target: null })).toBe(
      '4 LAs (no target)',
    );
  });

  it('counts regions for a line whose target is every region', () => {
    // The North East's network met: 1 region of 9, though no LA has a networks engagement.
    expect(
      reachAgainstTarget({
        targetBasis: 'EVERY_REGION',
        localAuthoritiesReached: 0,
        regionsReached: 1,
        target: 9,
      }),
    ).toBe('1 of 9 regions');
    expect(
      reachAgainstTarget({
        targetBasis: 'NONE',
        localAuthoritiesReached: 1,
        regionsReached: 1,
        target: null,
      }),
    ).toBe('1 LA (no target)');
  });
});

describe('deliveryChart', () => {
  const lines = [
    line({
      name: 'Diagnostics & reviews',
      target: 12,
      localAuthoritiesReached: 3,
      shareOfTarget: 0.25,
    }),
    line({ name: 'Political leadership', localAuthoritiesReached: 4 }),
    line({ name: 'Over target', target: 2, localAuthoritiesReached: 5, shareOfTarget: 2.5 }),
  ];
  const svg = deliveryChart(lines, '2022-23');

  it('is one picture with a title and a description giving every figure', () => {
    expect(svg).toContain('role="img"');
    expect(svg).toContain(
      '<title id="delivery-chart-title">Reach against target by service line, 2022-23</title>',
    );
    expect(svg).toContain(
      '<desc id="delivery-chart-desc">Diagnostics &amp; reviews: 3 of 12 LAs reached; Political leadership: 4 LAs (no target) reached; Over target: 5 of 2 LAs reached.</desc>',
    );
  });

  it('draws a bar for the share of each target, capped at the target, and none without one', () => {
    // The track is 600 wide: 3 of 12 is 150, 5 of 2 stops at the track's end.
    expect(svg).toContain('width="150" height="20" fill="#1d70b8"');
    expect(svg).toContain('width="600" height="20" fill="#1d70b8"');
    expect(svg.match(/fill="#f3f2f1"/g)).toHaveLength(2);
    expect(svg).toContain('>3 of 12 LAs (25%)</text>');
    expect(svg).toContain('>4 LAs (no target)</text>');
    expect(svg).toContain('>5 of 2 LAs (250%)</text>');
  });

  it('escapes names', () => {
    expect(svg).toContain('>Diagnostics &amp; reviews</text>');
  });
});

describe('shareOf', () => {
  it('is spend as a share of a value, or null without one', () => {
    expect(shareOf('2500.00', '250000.00')).toBe(0.01);
    expect(shareOf('2500.00', null)).toBeNull();
    expect(shareOf('2500.00', '0.00')).toBeNull();
  });
});

describe('basisInWords', () => {
  it('writes the reasons as a sentence fragment', () => {
    expect(basisInWords(['INADEQUATE_JUDGEMENT', 'RECORDED_CONCERN'])).toBe(
      'Inadequate judgement, recorded concern',
    );
    expect(basisInWords([])).toBe('');
  });
});
