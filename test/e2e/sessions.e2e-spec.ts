import { formatMoney, parseMoney } from '@la-tracker/platform/money';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import {
  buildGoldenScenario,
  GOLDEN_LA as LA,
  GOLDEN_PROGRAMME as PROGRAMME,
  singleSession as single,
  type GoldenScenario,
} from '../support/golden-scenario';

/**
 * The reference scenario (scenarios/golden-2022-23.md), built through the API on the seeded
 * default programme, held to its figures. The api's clock is the real date, after every date here.
 */
const SESSION = `query ($id: ID!) { deliverySession(id: $id) {
  id status serviceLine financialYear plannedOn deliveredOn durationMinutes format topic
  cost rate rateUnit noChargeReason dueBy overdue returnReason
  engagements { localAuthority { name } }
  attendance { localAuthority { name } role count }
  costShares { localAuthority { name } amount }
  contract { reference supplier { name } }
} }`;
const RECORD = `mutation ($input: RecordSessionInput!) { recordSession(input: $input) { id status } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const sumOf = (amounts: string[]) =>
  formatMoney(amounts.reduce((sum, amount) => sum + (parseMoney(amount) as number), 0));

describe('delivered sessions over HTTP: the reference scenario', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  let scenario: GoldenScenario;
  /** Engagements by LA, and sessions S1–S7, by the scenario's names. */
  let engagement: Record<string, string>;
  let session: Record<string, string>;
  let contract: Record<string, string>;

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    scenario.as(who, query, variables);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await as(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const read = async (id: string, who = 'manager') =>
    (await ok(who, SESSION, { id })).deliverySession as Record<string, any>;

  /** Every row a refused request must leave as it was. */
  const writes = async () => ({
    sessions: (await client.query('SELECT * FROM delivery_session ORDER BY id')).rows,
    links: (await client.query('SELECT * FROM session_engagement ORDER BY 1, 2')).rows,
    attendance: (await client.query('SELECT * FROM session_attendance ORDER BY 1, 2, 3')).rows,
    shares: (await client.query('SELECT * FROM session_cost_share ORDER BY 1, 2')).rows,
    engagements: (await client.query('SELECT id, status FROM engagement ORDER BY id')).rows,
    audit: (await client.query('SELECT count(*) FROM audit_event')).rows[0],
  });

  const record = (input: Record<string, unknown>) => scenario.record(input);
  const submit = (id: string) => scenario.submit(id);
  const approve = (id: string) => scenario.approve(id);

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    scenario = await buildGoldenScenario(api, database.url);
    ({ engagement, session, contract } = scenario);
    // Outside the scenario's years: for tests that add sessions of their own.
    engagement.stockton = await scenario.approved(
      LA.stockton,
      'POLITICAL_LEADERSHIP',
      contract.A1,
      {
        financialYear: '2021-22',
      },
    );
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
  });

  it("costs S1 once and shares it by headcount, the spare penny to Hartlepool's", async () => {
    expect(await read(session.S1)).toMatchObject({
      status: 'APPROVED',
      serviceLine: 'POLITICAL_LEADERSHIP',
      financialYear: '2022-23',
      cost: '1250.00',
      rate: '1250.00',
      rateUnit: 'PER_SESSION',
      noChargeReason: null,
      contract: { reference: 'A1', supplier: { name: 'North Star Leadership Ltd' } },
      engagements: expect.arrayContaining([
        { localAuthority: { name: 'Hartlepool' } },
        { localAuthority: { name: 'Middlesbrough' } },
        { localAuthority: { name: 'Redcar and Cleveland' } },
      ]),
      attendance: [
        { localAuthority: { name: 'Hartlepool' }, role: 'LEAD_MEMBER', count: 1 },
        { localAuthority: { name: 'Hartlepool' }, role: 'CABINET_MEMBER', count: 3 },
        { localAuthority: { name: 'Middlesbrough' }, role: 'LEAD_MEMBER', count: 1 },
        { localAuthority: { name: 'Redcar and Cleveland' }, role: 'LEAD_MEMBER', count: 1 },
        { localAuthority: { name: 'Redcar and Cleveland' }, role: 'COUNCILLOR', count: 1 },
      ],
      costShares: [
        { localAuthority: { name: 'Hartlepool' }, amount: '714.29' },
        { localAuthority: { name: 'Middlesbrough' }, amount: '178.57' },
        { localAuthority: { name: 'Redcar and Cleveland' }, amount: '357.14' },
      ],
    });
  });

  it('costs the other sessions as the scenario works them out, each in the year of its date', async () => {
    const figures = async (s: string) => {
      const { status, cost, financialYear, costShares } = await read(session[s]);
      return { status, cost, financialYear, shares: costShares.length };
    };
    expect({
      S2: await figures('S2'),
      S3: await figures('S3'),
      S4: await figures('S4'),
      S5: await figures('S5'),
      S6: await figures('S6'),
    }).toEqual({
      S2: { status: 'APPROVED', cost: '1250.00', financialYear: '2022-23', shares: 1 },
      S3: { status: 'SUBMITTED', cost: null, financialYear: '2022-23', shares: 0 },
      S4: { status: 'APPROVED', cost: '118.75', financialYear: '2022-23', shares: 1 },
      S5: { status: 'APPROVED', cost: '79.17', financialYear: '2022-23', shares: 1 },
      S6: { status: 'APPROVED', cost: '95.00', financialYear: '2023-24', shares: 1 },
    });
  });

  it("adds up to the scenario's spend on sessions by year, service line and LA", async () => {
    const approvedIn = async (financialYear: string) => {
      const { deliverySessions } = await ok(
        'manager',
        `query ($filter: DeliverySessionFilter) { deliverySessions(first: 100, filter: $filter) {
          edges { node { serviceLine cost costShares { localAuthority { name } amount } } } } }`,
        { filter: { programmeId: PROGRAMME, financialYear, status: ['APPROVED'] } },
      );
      type Approved = {
        serviceLine: string;
        cost: string;
        costShares: Array<{ localAuthority: { name: string }; amount: string }>;
      };
      return (deliverySessions.edges as Array<{ node: Approved }>).map((edge) => edge.node);
    };
    const year = await approvedIn('2022-23');
    const spend = (line?: string) =>
      sumOf(year.filter((s) => !line || s.serviceLine === line).map((s) => s.cost));
    expect({
      sessions: spend(),
      politicalLeadership: spend('POLITICAL_LEADERSHIP'),
      coachingMentoring: spend('COACHING_MENTORING'),
    }).toEqual({
      sessions: '2697.92',
      politicalLeadership: '2500.00',
      coachingMentoring: '197.92',
    });
    const byLocalAuthority: Record<string, string[]> = {};
    for (const share of year.flatMap((s) => s.costShares))
      (byLocalAuthority[share.localAuthority.name] ??= []).push(share.amount);
    expect(
      Object.fromEntries(
        Object.entries(byLocalAuthority).map(([name, amounts]) => [name, sumOf(amounts)]),
      ),
    ).toEqual({
      Hartlepool: '714.29',
      Middlesbrough: '178.57',
      'Redcar and Cleveland': '357.14',
      Leeds: '1250.00',
      Sandwell: '197.92',
    });
    expect((await approvedIn('2023-24')).map((s) => s.cost)).toEqual(['95.00']);
  });

  it('dates reports due across bank holidays: S3 by 21 September, S7 by 28 December and overdue', async () => {
    expect(await read(session.S3)).toMatchObject({
      status: 'SUBMITTED',
      deliveredOn: '2022-09-13',
      dueBy: '2022-09-21',
      overdue: false,
    });
    expect(await read(session.S7)).toMatchObject({
      status: 'PLANNED',
      plannedOn: '2022-12-19',
      deliveredOn: null,
      cost: null,
      dueBy: '2022-12-28',
      overdue: true,
    });
  });

  it('starts engagements with their first session and lists their sessions, the latest first', async () => {
    const { leeds, sunderland } = await ok(
      'manager',
      `{ leeds: engagement(id: "${engagement.leeds}") { status startedOn sessions { id status } }
         sunderland: engagement(id: "${engagement.sunderland}") { status sessions { id } } }`,
    );
    expect(leeds).toEqual({
      status: 'IN_DELIVERY',
      startedOn: '2022-07-05',
      sessions: [
        { id: session.S7, status: 'PLANNED' },
        { id: session.S3, status: 'SUBMITTED' },
        { id: session.S2, status: 'APPROVED' },
      ],
    });
    // Sunderland's engagement is delivered by its diagnostic, which started it: no sessions.
    expect(sunderland).toEqual({ status: 'IN_DELIVERY', sessions: [] });
  });

  it('shows each role its own share of the sessions', async () => {
    const ids = async (who: string) => {
      const { deliverySessions } = await ok(
        who,
        `{ deliverySessions(first: 100, filter: { programmeId: "${PROGRAMME}", from: "2022-04-01", to: "2023-04-30" }) {
            totalCount edges { node { id } } } }`,
      );
      return (deliverySessions.edges as Array<{ node: { id: string } }>).map((e) => e.node.id);
    };
    const all = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'].map((s) => session[s]);
    expect((await ids('manager')).sort()).toEqual([...all].sort());
    expect((await ids('northStar')).sort()).toEqual([...all].sort());
    expect(await ids('elsewhere')).toEqual([]);
    // The North East's adviser sees the cohort of its LAs, not Leeds's or Sandwell's sessions.
    expect(await ids('northEastAdviser')).toEqual([session.S1]);
    const hidden = await as('northEastAdviser', SESSION, { id: session.S2 });
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    // What a session cost is the contract's terms: the adviser sees the session, not its price.
    const seen = await as(
      'northEastAdviser',
      `{ deliverySession(id: "${session.S1}") { status cost rate rateUnit costShares { amount } } }`,
    );
    expect(seen.data!.deliverySession).toEqual({
      status: 'APPROVED',
      cost: null,
      rate: null,
      rateUnit: null,
      costShares: null,
    });
    expect(seen.errors?.map((error) => [error.path?.[1], error.extensions?.code])).toEqual([
      ['cost', 'FORBIDDEN'],
      ['rate', 'FORBIDDEN'],
      ['rateUnit', 'FORBIDDEN'],
      ['costShares', 'FORBIDDEN'],
    ]);
    const byManager = await as(
      'manager',
      `{ deliverySession(id: "${session.S1}") { cost rate rateUnit } }`,
    );
    expect(byManager.data!.deliverySession).toEqual({
      cost: '1250.00',
      rate: '1250.00',
      rateUnit: 'PER_SESSION',
    });
  });

  it('refuses each illegal request with its code and writes nothing', async () => {
    const draft = await record(
      single(engagement.stockton, '2021-06-21', 60, [{ role: 'LEAD_MEMBER', count: 1 }]),
    );
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const leedsSession = single(engagement.leeds, '2022-10-11', 90, [
      { role: 'LEAD_MEMBER', count: 1 },
    ]);
    const before = await writes();
    const refusals: Array<[string, string, string, Record<string, unknown>?]> = [
      ['FORBIDDEN', 'northStar', `mutation { approveSession(id: "${session.S3}") { id } }`],
      ['NOT_FOUND', 'elsewhere', RECORD, { input: leedsSession }],
      ['NOT_FOUND', 'elsewhere', `mutation { submitSession(id: "${draft}") { id } }`],
      [
        'BAD_USER_INPUT',
        'northStar',
        RECORD,
        { input: { ...leedsSession, deliveredOn: tomorrow } },
      ],
      ['BAD_USER_INPUT', 'northStar', RECORD, { input: { ...leedsSession, durationMinutes: 721 } }],
      [
        'BAD_USER_INPUT',
        'northStar',
        RECORD,
        {
          input: {
            ...leedsSession,
            engagementIds: [engagement.hartlepool, engagement.middlesbrough],
            attendance: [{ localAuthorityCode: LA.leeds, role: 'LEAD_MEMBER', count: 1 }],
          },
        },
      ],
      [
        'BAD_USER_INPUT',
        'northStar',
        RECORD,
        { input: { ...leedsSession, engagementIds: [engagement.leeds, engagement.sandwell] } },
      ],
      ['INVALID_TRANSITION', 'manager', `mutation { approveSession(id: "${draft}") { id } }`],
      ['INVALID_TRANSITION', 'northStar', `mutation { submitSession(id: "${session.S7}") { id } }`],
      [
        'INVALID_TRANSITION',
        'manager',
        `mutation { returnSession(id: "${session.S1}", reason: "Too late") { id } }`,
      ],
    ];
    for (const [code, who, query, variables] of refusals) {
      const response = await as(who, query, variables);
      expect({ code: codeOf(response), data: response.data ?? null }).toEqual({
        code,
        data: null,
      });
    }
    expect(await writes()).toEqual(before);
  });

  it('sends a session back with a reason, and takes it corrected', async () => {
    const id = await record(
      single(engagement.stockton, '2021-11-08', 60, [{ role: 'LEAD_MEMBER', count: 1 }]),
    );
    await submit(id);
    const { returnSession } = await ok(
      'manager',
      `mutation { returnSession(id: "${id}", reason: "The cabinet member who came is missing") { status returnReason } }`,
    );
    expect(returnSession).toEqual({
      status: 'RETURNED',
      returnReason: 'The cabinet member who came is missing',
    });
    const { updateSession } = await ok(
      'northStar',
      `mutation ($input: UpdateSessionInput!) { updateSession(input: $input) { status attendance { role count } } }`,
      {
        input: {
          id,
          attendance: [
            { role: 'LEAD_MEMBER', count: 1 },
            { role: 'CABINET_MEMBER', count: 1 },
          ],
        },
      },
    );
    expect(updateSession).toEqual({
      status: 'RETURNED',
      attendance: [
        { role: 'LEAD_MEMBER', count: 1 },
        { role: 'CABINET_MEMBER', count: 1 },
      ],
    });
    await submit(id);
    expect((await approve(id)).approveSession).toEqual({ status: 'APPROVED', cost: '1250.00' });
  });

  it('costs the same few SQL statements for a page of 100 sessions as for 5', async () => {
    // 120 sessions of an engagement of its own, straight into the tables.
    const darlington = await scenario.approved(LA.darlington, 'POLITICAL_LEADERSHIP', contract.A1, {
      financialYear: '2021-22',
    });
    const { rows } = await client.query<{ id: string }>(
      `SELECT local_authority_id AS id FROM engagement WHERE id = $1`,
      [darlington],
    );
    const northStar = (
      await client.query<{ supplier_id: string }>(
        `SELECT supplier_id FROM contract WHERE id = $1`,
        [contract.A1],
      )
    ).rows[0].supplier_id;
    await client.query(
      `WITH made AS (
         INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                       delivered_on, financial_year, duration_minutes, format, topic)
         SELECT $1, 'POLITICAL_LEADERSHIP', $2, $3, 'DRAFT', DATE '2021-07-01' + n, '2021-22', 60,
                'ONLINE', 'Cohort ' || n
           FROM generate_series(1, 120) n
         RETURNING id
       ), linked AS (
         INSERT INTO session_engagement (session_id, engagement_id) SELECT id, $4 FROM made
       )
       INSERT INTO session_attendance (session_id, local_authority_id, role, count)
       SELECT id, $5, 'LEAD_MEMBER', 1 FROM made`,
      [PROGRAMME, northStar, contract.A1, darlington, rows[0].id],
    );
    const cost = async (first: number) => {
      const response = await as(
        'manager',
        `{ deliverySessions(first: ${first}, filter: { engagementId: "${darlington}" }) { totalCount edges { node {
            status dueBy overdue cost contract { reference }
            engagements { localAuthority { name } }
            attendance { role count localAuthority { name region { name } } }
            costShares { amount localAuthority { name } } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.deliverySessions.edges).toHaveLength(first);
      return Number(response.headers.get('x-sql-statements'));
    };
    const five = await cost(5);
    const hundred = await cost(100);
    expect(hundred).toBe(five);
    // Sign-in (2), the page and its count (2), contracts (1), links to engagements and the
    // engagements (2), attendance (1), cost shares (1), LAs by id (1), regions (1).
    expect(hundred).toBeLessThanOrEqual(11);
  });

  it("gives an LA's engagements of one year, each with its latest sessions, at a cost set by depth", async () => {
    const leeds = (year: string, first: string) =>
      `{ localAuthority(code: "E08000035") { engagements(financialYear: "${year}") {
          serviceLine financialYear sessions${first} { id } } } }`;
    type Seen = { serviceLine: string; financialYear: string; sessions: unknown[] };
    const delivered = async (first: string) => {
      const response = await as('manager', leeds('2022-23', first));
      expect(response.errors).toBeUndefined();
      const seen = response.data!.localAuthority.engagements as Seen[];
      expect(new Set(seen.map((e) => e.financialYear))).toEqual(new Set(['2022-23']));
      return seen.filter((e) => e.sessions.length > 0).map((e) => [e.serviceLine, e.sessions]);
    };
    // S7 (planned) then S3 (13 September) then S2 (5 July): the latest first.
    expect(await delivered('')).toEqual([
      ['POLITICAL_LEADERSHIP', [{ id: session.S7 }, { id: session.S3 }, { id: session.S2 }]],
    ]);
    expect(await delivered('(first: 2)')).toEqual([
      ['POLITICAL_LEADERSHIP', [{ id: session.S7 }, { id: session.S3 }]],
    ]);
    const none = await as('manager', leeds('2019-20', ''));
    expect(none.data!.localAuthority.engagements).toEqual([]);
    expect(codeOf(await as('manager', leeds('2022', '')))).toBe('BAD_USER_INPUT');
    expect(codeOf(await as('manager', leeds('2022-23', '(first: 0)')))).toBe('BAD_USER_INPUT');
    expect(codeOf(await as('manager', leeds('', '')))).toBe('BAD_USER_INPUT');
    // A bad page size fails its own field, not its neighbours asked for in the same request.
    const mixed = await as(
      'manager',
      `query ($bad: Int) { localAuthority(code: "E08000035") { engagements(financialYear: "2022-23") {
          good: sessions(first: 1) { id } bad: sessions(first: $bad) { id } } } }`,
      { bad: 0 },
    );
    expect(mixed.errors?.map((error) => error.path?.at(-1))).toEqual(
      expect.arrayContaining(['bad']),
    );
    expect(mixed.errors?.some((error) => error.path?.at(-1) === 'good')).toBe(false);

    // The North East's 12 LAs by name: the first 4 reach Hartlepool, with the cohort S1.
    const nested = async (first: number) => {
      const response = await as(
        'manager',
        `{ localAuthorities(first: ${first}, filter: { regionCode: "E12000001", activeOn: "2023-01-01" }) {
            edges { node { name engagements(financialYear: "2022-23") {
              status sessions(first: 5) { id } } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      type Edge = { node: { engagements: Array<{ sessions: unknown[] }> } };
      const edges = response.data!.localAuthorities.edges as Edge[];
      const sessions = edges.flatMap((edge) => edge.node.engagements.flatMap((e) => e.sessions));
      return {
        sessions: sessions.length,
        statements: Number(response.headers.get('x-sql-statements')),
      };
    };
    const four = await nested(4);
    const twelve = await nested(12);
    expect(four.sessions).toBeGreaterThan(0);
    expect(twelve.sessions).toBeGreaterThan(four.sessions);
    // Sign-in (2), the page and its count (2), engagements (1), sessions ranked (1), sessions (1).
    expect(twelve.statements).toBe(four.statements);
    expect(twelve.statements).toBeLessThanOrEqual(7);
  });
});
