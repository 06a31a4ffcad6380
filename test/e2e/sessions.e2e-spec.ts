import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import { formatMoney, parseMoney } from '@la-tracker/platform/money';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

/**
 * The reference scenario (scenarios/golden-2022-23.md), built through the API on the seeded
 * default programme, held to its figures. The api's clock is the real date, after every date here.
 */
const PROGRAMME = DEFAULT_PROGRAMME.id;
const LA = {
  hartlepool: 'E06000001',
  middlesbrough: 'E06000002',
  redcar: 'E06000003',
  stockton: 'E06000004',
  darlington: 'E06000005',
  leeds: 'E08000035',
  sandwell: 'E08000028',
  sunderland: 'E08000024',
};

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
  const auth: Record<string, Record<string, string>> = {};
  /** Engagements by LA, and sessions S1–S7, by the scenario's names. */
  const engagement: Record<string, string> = {};
  const session: Record<string, string> = {};
  const contract: Record<string, string> = {};

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);
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

  async function createSupplier(name: string, contactEmail: string): Promise<string> {
    const data = await ok(
      'manager',
      `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id } }`,
      { input: { name, contactEmail } },
    );
    return data.createSupplier.id as string;
  }

  async function createContract(
    reference: string,
    supplierId: string,
    lotId: string,
    unit: string,
    amount: string,
  ): Promise<string> {
    const data = await ok(
      'manager',
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: {
          programmeId: PROGRAMME,
          supplierId,
          lotId,
          reference,
          value: '250000.00',
          startsOn: '2021-05-31',
          endsOn: '2024-03-31',
          rates: [{ unit, amount }],
        },
      },
    );
    return data.createContract.id as string;
  }

  /** Referred and approved for a year, as a manager would have early that year. */
  async function approved(
    gssCode: string,
    serviceLine: string,
    contractId: string,
    {
      financialYear = '2022-23',
      overrideReason,
    }: { financialYear?: string; overrideReason?: string } = {},
  ): Promise<string> {
    const year = financialYear.slice(0, 4);
    const { referLocalAuthority } = await ok(
      'manager',
      `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
      {
        input: {
          programmeId: PROGRAMME,
          serviceLine,
          localAuthorityCode: gssCode,
          financialYear,
          reason: 'Support asked for by the council',
          referredOn: `${year}-06-01`,
        },
      },
    );
    await ok(
      'manager',
      `mutation ($input: ApproveEngagementInput!) { approveEngagement(input: $input) { id } }`,
      {
        input: {
          engagementId: referLocalAuthority.id,
          contractId,
          decidedOn: `${year}-06-08`,
          overrideReason,
        },
      },
    );
    return referLocalAuthority.id as string;
  }

  const record = async (input: Record<string, unknown>) =>
    (await ok('northStar', RECORD, { input })).recordSession.id as string;
  const submit = (id: string) =>
    ok('northStar', `mutation { submitSession(id: "${id}") { status } }`);
  const approve = (id: string) =>
    ok('manager', `mutation { approveSession(id: "${id}") { status cost } }`);

  /** A one-to-one or single-LA session: the LA may be left out of its attendance. */
  const single = (
    engagementId: string,
    deliveredOn: string,
    durationMinutes: number,
    attendance: Array<{ role: string; count: number }>,
  ) => ({
    engagementIds: [engagementId],
    deliveredOn,
    durationMinutes,
    format: 'ONLINE',
    topic: 'Leading improvement',
    attendance,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const bearer = async (role: string, ...scope: string[]) => ({
      authorization: `Bearer ${await tokenFor(database.url, role, ...scope)}`,
    });
    auth.manager = await bearer('PROGRAMME_MANAGER', '--programme', PROGRAMME);
    auth.northEastAdviser = await bearer('REGIONAL_ADVISER', '--region', 'E12000001');

    const { programme } = await ok(
      'manager',
      `{ programme(id: "${PROGRAMME}") { lots(asOf: "2021-06-01") { id number } } }`,
    );
    const lot = (n: number) =>
      (programme.lots as Array<{ id: string; number: number }>).find((l) => l.number === n)!.id;
    const northStar = await createSupplier('North Star Leadership Ltd', 'ops@northstar.example');
    const partners = await createSupplier('Corporate Parenting Partners', 'ops@cpp.example');
    const elsewhere = await createSupplier('Elsewhere Learning Ltd', 'ops@elsewhere.example');
    contract.A1 = await createContract('A1', northStar, lot(1), 'PER_SESSION', '1250.00');
    contract.A7 = await createContract('A7', northStar, lot(7), 'PER_HOUR', '95.00');
    contract.B4 = await createContract('B4', partners, lot(4), 'PER_DIAGNOSTIC', '18500.00');
    auth.northStar = await bearer('SUPPLIER', '--supplier', northStar);
    auth.elsewhere = await bearer('SUPPLIER', '--supplier', elsewhere);

    for (const name of ['hartlepool', 'middlesbrough', 'redcar', 'leeds'] as const)
      engagement[name] = await approved(LA[name], 'POLITICAL_LEADERSHIP', contract.A1);
    engagement.sandwell = await approved(LA.sandwell, 'COACHING_MENTORING', contract.A7, {
      overrideReason: 'New leader of the council asked for a mentor',
    });
    engagement.sunderland = await approved(
      LA.sunderland,
      'CORPORATE_PARENTING_DIAGNOSTIC',
      contract.B4,
    );
    // Outside the scenario's years: for tests that add sessions of their own.
    engagement.stockton = await approved(LA.stockton, 'POLITICAL_LEADERSHIP', contract.A1, {
      financialYear: '2021-22',
    });

    session.S1 = await record({
      engagementIds: [engagement.hartlepool, engagement.middlesbrough, engagement.redcar],
      deliveredOn: '2022-06-14',
      durationMinutes: 180,
      format: 'IN_PERSON',
      topic: 'Corporate parenting for new lead members',
      attendance: [
        { localAuthorityCode: LA.hartlepool, role: 'LEAD_MEMBER', count: 1 },
        { localAuthorityCode: LA.hartlepool, role: 'CABINET_MEMBER', count: 3 },
        { localAuthorityCode: LA.middlesbrough, role: 'LEAD_MEMBER', count: 1 },
        { localAuthorityCode: LA.redcar, role: 'LEAD_MEMBER', count: 1 },
        { localAuthorityCode: LA.redcar, role: 'COUNCILLOR', count: 1 },
      ],
    });
    session.S2 = await record(
      single(engagement.leeds, '2022-07-05', 120, [
        { role: 'LEAD_MEMBER', count: 1 },
        { role: 'LEADER_OF_COUNCIL', count: 1 },
      ]),
    );
    session.S3 = await record(
      single(engagement.leeds, '2022-09-13', 90, [{ role: 'LEAD_MEMBER', count: 1 }]),
    );
    // Coaching sessions draw on hours allocated to the role: Sandwell's leader has 10 hours.
    await ok(
      'manager',
      `mutation { allocateCoachingHours(input: { engagementId: "${engagement.sandwell}", role: LEADER_OF_COUNCIL, minutes: 600 }) { role } }`,
    );
    const sandwell = [{ role: 'LEADER_OF_COUNCIL', count: 1 }];
    session.S4 = await record(single(engagement.sandwell, '2022-10-03', 75, sandwell));
    session.S5 = await record(single(engagement.sandwell, '2023-03-31', 50, sandwell));
    session.S6 = await record(single(engagement.sandwell, '2023-04-03', 60, sandwell));
    for (const s of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']) await submit(session[s]);
    for (const s of ['S1', 'S2', 'S4', 'S5', 'S6']) await approve(session[s]);
    const { planSession } = await ok(
      'northStar',
      `mutation ($input: PlanSessionInput!) { planSession(input: $input) { id } }`,
      { input: { engagementIds: [engagement.leeds], plannedOn: '2022-12-19' } },
    );
    session.S7 = planSession.id;
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
    expect(sunderland).toEqual({ status: 'APPROVED', sessions: [] });
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
    const darlington = await approved(LA.darlington, 'POLITICAL_LEADERSHIP', contract.A1, {
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
});
