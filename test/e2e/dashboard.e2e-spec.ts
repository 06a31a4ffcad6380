import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import {
  buildGoldenScenario,
  GOLDEN_LA as LA,
  GOLDEN_PROGRAMME as PROGRAMME,
  singleSession,
  type GoldenScenario,
} from '../support/golden-scenario';
import { tokenFor } from '../support/tokens';

const NORTH_EAST = 'E12000001';
const YORKSHIRE = 'E12000003';
const WEST_MIDLANDS = 'E12000005';

const ITEMS =
  'count items { kind title localAuthorities serviceLine supplier contract date dueBy sessionId engagementId supplierId localAuthorityCodes }';
const DASHBOARD = `query ($programmeId: ID!, $financialYear: String!) {
  programmeDashboard(programmeId: $programmeId, financialYear: $financialYear) {
    programmeId financialYear asOf programme { name }
    serviceLines {
      serviceLine name targetBasis target cap localAuthoritiesReached regionsReached shareOfTarget
      sessionsApproved sessionsAwaitingApproval sessionsPlanned sessionsInDraft
      approvedMinutes finalReports spent
      forecast { sessionsApproved approvedMinutes finalReports }
    }
    spend {
      total budget { programme allocation spent remaining }
      byServiceLine { serviceLine spent }
      byContract { contract { reference } supplier { name } value spent remaining }
      byLocalAuthority { localAuthority { name } spent }
    }
    regions {
      region { code name } activeLocalAuthorities reachedLocalAuthorities reachShare
      networkCoverage { attendedCount activeCount share }
    }
    overdue {
      sessionReports { ${ITEMS} }
      apaActionPlans { ${ITEMS} }
      monthlyReturns { ${ITEMS} }
      diagnosticFollowUps { ${ITEMS} }
    }
    watchlistAsOf
    watchlist { eligible basis localAuthority { gssCode name } engagements { id } }
  }
}`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

type Line = Record<string, any> & { serviceLine: string };
type Region = Record<string, any> & { region: { code: string } };

/**
 * The programme dashboard over HTTP, held to the reference scenario (scenarios/golden-2022-23.md)
 * built through the API, with its network meeting, Sandwell's focused visit and North Star's
 * December return. The api's clock is the real date, long after 2022-23: the year is over.
 */
describe('programme dashboard over HTTP: the reference scenario', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let scenario: GoldenScenario;

  const dashboard = async (who: string, financialYear = '2022-23') => {
    const response = await scenario.as(who, DASHBOARD, { programmeId: PROGRAMME, financialYear });
    expect(response.errors).toBeUndefined();
    return response.data!.programmeDashboard as Record<string, any>;
  };
  const lineOf = (data: Record<string, any>, serviceLine: string) =>
    (data.serviceLines as Line[]).find((line) => line.serviceLine === serviceLine)!;
  const regionOf = (data: Record<string, any>, code: string) =>
    (data.regions as Region[]).find((row) => row.region.code === code)!;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    scenario = await buildGoldenScenario(api, database.url);
    const { ok, auth } = scenario;

    // The North East Lead Member network meets on 2022-10-12.
    const { leadMemberNetworks } = await ok(
      'manager',
      `{ leadMemberNetworks(programmeId: "${PROGRAMME}") { id region { code } } }`,
    );
    const northEast = (leadMemberNetworks as Array<{ id: string; region: { code: string } }>).find(
      (network) => network.region.code === NORTH_EAST,
    )!;
    await ok(
      'manager',
      `mutation ($input: RecordNetworkMeetingInput!) { recordNetworkMeeting(input: $input) { id } }`,
      {
        input: {
          networkId: northEast.id,
          heldOn: '2022-10-12',
          topics: ['Corporate parenting'],
          attendingLocalAuthorityCodes: [
            LA.hartlepool,
            LA.middlesbrough,
            LA.sunderland,
            'E08000037',
          ],
        },
      },
    );
    // A focused visit to Sandwell with 2 areas for priority action: eligible, but engaged already.
    await ok(
      'manager',
      `mutation ($input: RecordInspectionInput!) { recordInspection(input: $input) { id } }`,
      {
        input: {
          localAuthorityCode: LA.sandwell,
          type: 'FOCUSED_VISIT',
          inspectedOn: '2022-10-25',
          publishedOn: '2022-11-21',
          priorityActionAreas: ['Timeliness of assessments', 'Management oversight'],
          letterDate: '2022-11-21',
        },
      },
    );
    // North Star's return for December 2022.
    await ok(
      'northStar',
      `mutation ($input: SubmitMonthlyReturnInput!) { submitMonthlyReturn(input: $input) { id } }`,
      {
        input: {
          programmeId: PROGRAMME,
          month: '2022-12',
          sessionsDelivered: 0,
          participants: 0,
          spend: '0.00',
        },
      },
    );

    const admin = { authorization: `Bearer ${await tokenFor(database.url, 'ADMIN')}` };
    const created = await api.graphql(
      `mutation { createProgramme(input: { name: "Another programme", contractingAuthority: "DfE", startsOn: "2025-04-01", endsOn: "2026-03-31", budget: "1000.00" }) { id } }`,
      undefined,
      admin,
    );
    auth.admin = admin;
    auth.otherManager = {
      authorization: `Bearer ${await tokenFor(database.url, 'PROGRAMME_MANAGER', '--programme', created.data!.createProgramme.id)}`,
    };
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('lists the seven service lines in lot order, with the scenario’s delivery and reach', async () => {
    const data = await dashboard('manager');
    expect(data).toMatchObject({ programmeId: PROGRAMME, financialYear: '2022-23' });
    expect((data.serviceLines as Line[]).map((line) => line.serviceLine)).toEqual([
      'POLITICAL_LEADERSHIP',
      'CORPORATE_LEADERSHIP',
      'LEAD_MEMBER_NETWORKS',
      'CORPORATE_PARENTING_DIAGNOSTIC',
      'COUNCILLOR_GROUPS',
      'TARGETED_SUPPORT',
      'COACHING_MENTORING',
    ]);
    expect(lineOf(data, 'POLITICAL_LEADERSHIP')).toMatchObject({
      localAuthoritiesReached: 4,
      sessionsApproved: 2,
      sessionsAwaitingApproval: 1,
      sessionsPlanned: 1,
      sessionsInDraft: 0,
      // S1 180 and S2 120 minutes.
      approvedMinutes: 300,
      spent: '2500.00',
      // The year is over: the forecast is what was delivered.
      forecast: { sessionsApproved: 2, approvedMinutes: 300, finalReports: 0 },
    });
    expect(lineOf(data, 'COACHING_MENTORING')).toMatchObject({
      localAuthoritiesReached: 1,
      cap: 15,
      sessionsApproved: 2,
      // S4 75 and S5 50 minutes; S6 is dated in 2023-24.
      approvedMinutes: 125,
      spent: '197.92',
      forecast: { sessionsApproved: 2, approvedMinutes: 125 },
    });
    const diagnostic = lineOf(data, 'CORPORATE_PARENTING_DIAGNOSTIC');
    expect(diagnostic).toMatchObject({
      target: 12,
      localAuthoritiesReached: 1,
      finalReports: 1,
      spent: '18500.00',
      forecast: { finalReports: 1 },
    });
    expect(diagnostic.shareOfTarget).toBeCloseTo(1 / 12, 10);
    // One network per region is the target: the North East's met (12 October 2022), 1 of 9.
    const networks = lineOf(data, 'LEAD_MEMBER_NETWORKS');
    expect(networks).toMatchObject({
      targetBasis: 'EVERY_REGION',
      target: 9,
      localAuthoritiesReached: 0,
      regionsReached: 1,
    });
    expect(networks.shareOfTarget).toBeCloseTo(1 / 9, 10);
    // Political leadership reached the North East (3 LAs) and Yorkshire and The Humber (Leeds).
    expect(lineOf(data, 'POLITICAL_LEADERSHIP')).toMatchObject({ regionsReached: 2 });
    expect(lineOf(data, 'COUNCILLOR_GROUPS')).toMatchObject({
      localAuthoritiesReached: 0,
      sessionsApproved: 0,
      spent: '0.00',
    });
  });

  it('counts S6 (2023-04-03) in 2023-24, the year of its date', async () => {
    const data = await dashboard('manager', '2023-24');
    expect(lineOf(data, 'COACHING_MENTORING')).toMatchObject({
      // Sandwell's engagement is 2022-23's: no LA reached in 2023-24.
      localAuthoritiesReached: 0,
      sessionsApproved: 1,
      approvedMinutes: 60,
      spent: '95.00',
    });
    expect(data.spend.total).toBe('95.00');
  });

  it("holds the year's spend to the scenario's figures", async () => {
    const { spend } = await dashboard('admin');
    expect(spend).toMatchObject({
      total: '21197.92',
      budget: { programme: '1400000.00', allocation: null },
      byServiceLine: [
        { serviceLine: 'POLITICAL_LEADERSHIP', spent: '2500.00' },
        { serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC', spent: '18500.00' },
        { serviceLine: 'COACHING_MENTORING', spent: '197.92' },
      ],
    });
    expect(
      Object.fromEntries(
        (spend.byLocalAuthority as Array<{ localAuthority: { name: string }; spent: string }>).map(
          (row) => [row.localAuthority.name, row.spent],
        ),
      ),
    ).toEqual({
      Hartlepool: '714.29',
      Middlesbrough: '178.57',
      'Redcar and Cleveland': '357.14',
      Leeds: '1250.00',
      Sandwell: '197.92',
      Sunderland: '18500.00',
    });
    expect(
      (spend.byContract as Array<{ contract: { reference: string }; spent: string }>).map((row) => [
        row.contract.reference,
        row.spent,
      ]),
    ).toEqual([
      ['A1', '2500.00'],
      ['A7', '197.92'],
      ['B4', '18500.00'],
    ]);
  });

  it('gives reach and network coverage for each of the 9 regions', async () => {
    const data = await dashboard('manager');
    const regions = data.regions as Region[];
    expect(regions).toHaveLength(9);
    expect(regions.map((row) => row.region.code)).toEqual(
      [...regions.map((row) => row.region.code)].sort(),
    );
    expect(regionOf(data, NORTH_EAST)).toMatchObject({
      region: { name: 'North East' },
      activeLocalAuthorities: 12,
      reachedLocalAuthorities: 4,
      // Hartlepool, Middlesbrough, Sunderland and Gateshead attended.
      networkCoverage: { attendedCount: 4, activeCount: 12 },
    });
    expect(regionOf(data, NORTH_EAST).reachShare).toBeCloseTo(4 / 12, 10);
    expect(regionOf(data, NORTH_EAST).networkCoverage.share).toBeCloseTo(4 / 12, 10);
    expect(regionOf(data, YORKSHIRE)).toMatchObject({
      activeLocalAuthorities: 15,
      reachedLocalAuthorities: 1,
      networkCoverage: { attendedCount: 0, activeCount: 15, share: 0 },
    });
    expect(regionOf(data, WEST_MIDLANDS)).toMatchObject({
      activeLocalAuthorities: 14,
      reachedLocalAuthorities: 1,
    });
    const reached = regions.reduce((sum, row) => sum + (row.reachedLocalAuthorities as number), 0);
    expect(reached).toBe(6);
  });

  it('lists what is overdue: S7, the December-less returns and Sunderland’s follow-up review', async () => {
    const { overdue } = await dashboard('manager');
    expect(overdue.sessionReports).toEqual({
      count: 1,
      items: [
        {
          kind: 'SESSION_REPORT',
          title: 'Session not yet recorded',
          localAuthorities: 'Leeds',
          serviceLine: 'POLITICAL_LEADERSHIP',
          supplier: 'North Star Leadership Ltd',
          contract: 'A1',
          date: '2022-12-19',
          dueBy: '2022-12-28',
          sessionId: scenario.session.S7,
          engagementId: null,
          supplierId: scenario.supplier.northStar,
          localAuthorityCodes: ['E08000035'],
        },
      ],
    });
    expect(overdue.diagnosticFollowUps).toEqual({
      count: 1,
      items: [
        {
          kind: 'DIAGNOSTIC_FOLLOW_UP',
          title: 'Diagnostic follow-up review',
          localAuthorities: 'Sunderland',
          serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
          supplier: 'Corporate Parenting Partners',
          contract: 'B4',
          date: '2023-01-16',
          dueBy: '2023-07-16',
          sessionId: null,
          engagementId: scenario.engagement.sunderland,
          supplierId: scenario.supplier.partners,
          localAuthorityCodes: ['E08000024'],
        },
      ],
    });
    // Sandwell's action plans were due in December 2022 and March 2023: long past reminding.
    expect(overdue.apaActionPlans).toEqual({ count: 0, items: [] });
    // Both suppliers hold contracts all year: 12 months each, less North Star's December.
    expect(overdue.monthlyReturns.count).toBe(23);
    expect(overdue.monthlyReturns.items).toHaveLength(5);
    // April's returns were due on 9 May 2022 (the 2nd was a bank holiday).
    expect((overdue.monthlyReturns.items as unknown[]).slice(0, 2)).toEqual([
      {
        kind: 'MONTHLY_RETURN',
        title: 'Monthly return for April 2022',
        localAuthorities: null,
        serviceLine: null,
        supplier: 'Corporate Parenting Partners',
        contract: null,
        date: '2022-04-30',
        dueBy: '2022-05-09',
        sessionId: null,
        engagementId: null,
        supplierId: scenario.supplier.partners,
        localAuthorityCodes: [],
      },
      {
        kind: 'MONTHLY_RETURN',
        title: 'Monthly return for April 2022',
        localAuthorities: null,
        serviceLine: null,
        supplier: 'North Star Leadership Ltd',
        contract: null,
        date: '2022-04-30',
        dueBy: '2022-05-09',
        sessionId: null,
        engagementId: null,
        supplierId: scenario.supplier.northStar,
        localAuthorityCodes: [],
      },
    ]);
  });

  it('watches the LAs eligible for coaching at the year’s end with no coaching engagement', async () => {
    const data = await dashboard('manager');
    expect(data.watchlistAsOf).toBe('2023-03-31');
    const watchlist = data.watchlist as Array<{
      eligible: boolean;
      basis: string[];
      localAuthority: { gssCode: string; name: string };
      engagements: unknown[];
    }>;
    expect(watchlist.length).toBeGreaterThan(0);
    expect(watchlist.every((row) => row.eligible && row.engagements.length === 0)).toBe(true);
    // Sandwell is eligible (its focused visit) but has its coaching engagement.
    const { eligibleLocalAuthorities } = await scenario.ok(
      'manager',
      `{ eligibleLocalAuthorities(serviceLine: COACHING_MENTORING, asOf: "2023-03-31") { localAuthority { gssCode } } }`,
    );
    const eligible = (
      eligibleLocalAuthorities as Array<{ localAuthority: { gssCode: string } }>
    ).map((row) => row.localAuthority.gssCode);
    expect(eligible).toContain(LA.sandwell);
    expect(watchlist.map((row) => row.localAuthority.gssCode)).toEqual(
      eligible.filter((code) => code !== LA.sandwell),
    );
  });

  it('refuses suppliers and advisers, and answers NOT_FOUND to the manager of another programme', async () => {
    const variables = { programmeId: PROGRAMME, financialYear: '2022-23' };
    for (const who of ['northStar', 'partners', 'northEastAdviser'])
      expect(codeOf(await scenario.as(who, DASHBOARD, variables))).toBe('FORBIDDEN');
    expect(codeOf(await scenario.as('otherManager', DASHBOARD, variables))).toBe('NOT_FOUND');
    expect(
      codeOf(
        await scenario.as('manager', DASHBOARD, {
          programmeId: '00000000-0000-4000-8000-000000000000',
          financialYear: '2022-23',
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it.each(['2022-24', 'abc', '2022-2023'])(
    'answers BAD_USER_INPUT naming financialYear for "%s"',
    async (financialYear) => {
      const response = await scenario.as('manager', DASHBOARD, {
        programmeId: PROGRAMME,
        financialYear,
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual([
        { field: 'financialYear', message: expect.any(String) },
      ]);
    },
  );

  it('costs the same SQL statements however many engagements and sessions there are', async () => {
    const cost = async () => {
      const response = await scenario.as('manager', DASHBOARD, {
        programmeId: PROGRAMME,
        financialYear: '2022-23',
      });
      expect(response.errors).toBeUndefined();
      return {
        statements: Number(response.headers.get('x-sql-statements')),
        data: response.data!.programmeDashboard as Record<string, any>,
      };
    };
    const before = await cost();

    // Three more LAs in other regions, each with an approved session and one planned and overdue.
    const more = [
      ['E06000004', 'POLITICAL_LEADERSHIP'], // Stockton-on-Tees
      ['E08000036', 'POLITICAL_LEADERSHIP'], // Wakefield
      ['E09000001', 'POLITICAL_LEADERSHIP'], // City of London
    ] as const;
    for (const [code, serviceLine] of more) {
      const engagement = await scenario.approved(code, serviceLine, scenario.contract.A1);
      const session = await scenario.record(
        singleSession(engagement, '2022-11-08', 60, [{ role: 'LEAD_MEMBER', count: 2 }]),
      );
      await scenario.submit(session);
      await scenario.approve(session);
      await scenario.ok(
        'northStar',
        `mutation ($input: PlanSessionInput!) { planSession(input: $input) { id } }`,
        { input: { engagementIds: [engagement], plannedOn: '2023-01-10' } },
      );
    }
    const after = await cost();
    expect(lineOf(after.data, 'POLITICAL_LEADERSHIP')).toMatchObject({
      localAuthoritiesReached: 7,
      sessionsApproved: 5,
      sessionsPlanned: 4,
    });
    expect(after.data.overdue.sessionReports.count).toBe(4);
    expect(after.statements).toBe(before.statements);
    expect(before.statements).toBeGreaterThan(0);
    // Sign-in, then one statement per figure, source or batched nested field: about 30.
    expect(before.statements).toBeLessThanOrEqual(35);
  });
});
