import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

/**
 * Coaching hours over HTTP (SPEC §5.7), on the reference scenario's Sandwell engagement under
 * contract A7: 10 hours for its leader of the council, S4 to S6 drawing 75 + 50 + 60 minutes.
 */
const PROGRAMME = DEFAULT_PROGRAMME.id;
const SANDWELL = 'E08000028';
const DUDLEY = 'E08000027';

const RECORD = `mutation ($input: RecordSessionInput!) { recordSession(input: $input) { id status } }`;
const ALLOCATE = `mutation ($input: AllocateCoachingHoursInput!) { allocateCoachingHours(input: $input) {
  role allocatedMinutes variationMinutes usedMinutes remainingMinutes remaining allowed } }`;
const VARY = `mutation ($input: ApproveCoachingVariationInput!) { approveCoachingVariation(input: $input) {
  role allocatedMinutes variationMinutes usedMinutes remainingMinutes remaining } }`;
const BALANCE = `query ($id: ID!) { engagement(id: $id) { coachingAllocations {
  role allocatedMinutes variationMinutes usedMinutes remainingMinutes remaining allowed } } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('coaching hours over HTTP', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  const auth: Record<string, Record<string, string>> = {};
  const engagement: Record<string, string> = {};
  let contractA7 = '';

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await as(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const balance = async (id: string, who = 'manager') =>
    (await ok(who, BALANCE, { id })).engagement.coachingAllocations as Array<
      Record<string, unknown>
    >;
  const oneToOne = (engagementId: string, deliveredOn: string, durationMinutes: number) => ({
    engagementIds: [engagementId],
    deliveredOn,
    durationMinutes,
    format: 'ONLINE',
    topic: 'Leading improvement',
    attendance: [{ role: 'LEADER_OF_COUNCIL', count: 1 }],
  });
  const record = async (input: Record<string, unknown>) =>
    (await ok('northStar', RECORD, { input })).recordSession.id as string;

  /** Every row a refused request must leave as it was. */
  const writes = async () => ({
    allocations: (await client.query('SELECT * FROM coaching_allocation ORDER BY 1, 2')).rows,
    variations: (await client.query('SELECT * FROM coaching_variation ORDER BY id')).rows,
    sessions: (await client.query('SELECT * FROM delivery_session ORDER BY id')).rows,
    attendance: (await client.query('SELECT * FROM session_attendance ORDER BY 1, 2, 3')).rows,
    audit: (await client.query('SELECT count(*) FROM audit_event')).rows[0],
  });

  async function approvedCoaching(gssCode: string): Promise<string> {
    const { referLocalAuthority } = await ok(
      'manager',
      `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
      {
        input: {
          programmeId: PROGRAMME,
          serviceLine: 'COACHING_MENTORING',
          localAuthorityCode: gssCode,
          financialYear: '2022-23',
          reason: 'A new leader asked for a mentor',
          referredOn: '2022-06-01',
        },
      },
    );
    await ok(
      'manager',
      `mutation ($input: ApproveEngagementInput!) { approveEngagement(input: $input) { id } }`,
      {
        input: {
          engagementId: referLocalAuthority.id,
          contractId: contractA7,
          decidedOn: '2022-06-08',
          overrideReason: 'New leader of the council asked for a mentor',
        },
      },
    );
    return referLocalAuthority.id as string;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const bearer = async (role: string, ...scope: string[]) => ({
      authorization: `Bearer ${await tokenFor(database.url, role, ...scope)}`,
    });
    auth.manager = await bearer('PROGRAMME_MANAGER', '--programme', PROGRAMME);
    auth.admin = await bearer('ADMIN');
    auth.westMidlandsAdviser = await bearer('REGIONAL_ADVISER', '--region', 'E12000005');
    const { programme } = await ok(
      'manager',
      `{ programme(id: "${PROGRAMME}") { lots(asOf: "2021-06-01") { id number } } }`,
    );
    const lot7 = (programme.lots as Array<{ id: string; number: number }>).find(
      (lot) => lot.number === 7,
    )!.id;
    const supplier = async (name: string) =>
      (
        await ok(
          'manager',
          `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id } }`,
          { input: { name, contactEmail: 'ops@supplier.example' } },
        )
      ).createSupplier.id as string;
    const northStar = await supplier('North Star Leadership Ltd');
    const elsewhere = await supplier('Elsewhere Learning Ltd');
    auth.northStar = await bearer('SUPPLIER', '--supplier', northStar);
    auth.elsewhere = await bearer('SUPPLIER', '--supplier', elsewhere);
    const { createContract } = await ok(
      'manager',
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: {
          programmeId: PROGRAMME,
          supplierId: northStar,
          lotId: lot7,
          reference: 'A7',
          value: '250000.00',
          startsOn: '2021-05-31',
          endsOn: '2024-03-31',
          rates: [{ unit: 'PER_HOUR', amount: '95.00' }],
        },
      },
    );
    contractA7 = createContract.id as string;
    engagement.sandwell = await approvedCoaching(SANDWELL);
    engagement.dudley = await approvedCoaching(DUDLEY);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
  });

  it("leaves 6 h 55 min of Sandwell's 10 hours after S4, S5 and S6", async () => {
    const { allocateCoachingHours } = await ok('manager', ALLOCATE, {
      input: { engagementId: engagement.sandwell, role: 'LEADER_OF_COUNCIL', minutes: 600 },
    });
    expect(allocateCoachingHours).toEqual({
      role: 'LEADER_OF_COUNCIL',
      allocatedMinutes: 600,
      variationMinutes: 0,
      usedMinutes: 0,
      remainingMinutes: 600,
      remaining: '10 h',
      allowed: '10 h',
    });
    const s4 = await record(oneToOne(engagement.sandwell, '2022-10-03', 75));
    const s5 = await record(oneToOne(engagement.sandwell, '2023-03-31', 50));
    // 75 + 50 = 125 minutes in 2022-23; 600 - 125 = 475 left before S6.
    expect(await balance(engagement.sandwell)).toEqual([
      expect.objectContaining({ usedMinutes: 125, remainingMinutes: 475, remaining: '7 h 55 min' }),
    ]);
    const s6 = await record(oneToOne(engagement.sandwell, '2023-04-03', 60));
    for (const id of [s4, s5, s6]) {
      await ok('northStar', `mutation { submitSession(id: "${id}") { id } }`);
      await ok('manager', `mutation { approveSession(id: "${id}") { id } }`);
    }
    // 600 - (75 + 50 + 60) = 415 minutes: 6 h 55 min.
    expect(await balance(engagement.sandwell)).toEqual([
      {
        role: 'LEADER_OF_COUNCIL',
        allocatedMinutes: 600,
        variationMinutes: 0,
        usedMinutes: 185,
        remainingMinutes: 415,
        remaining: '6 h 55 min',
        allowed: '10 h',
      },
    ]);
  });

  it('refuses hours beyond the allocation with CAP_REACHED and writes nothing, until a variation is approved', async () => {
    await ok('manager', ALLOCATE, {
      input: { engagementId: engagement.dudley, role: 'LEADER_OF_COUNCIL', minutes: 60 },
    });
    await record(oneToOne(engagement.dudley, '2022-11-07', 45));
    const before = await writes();
    const refused = await as('northStar', RECORD, {
      input: oneToOne(engagement.dudley, '2022-11-14', 30),
    });
    expect({ code: codeOf(refused), message: refused.errors?.[0]?.message }).toEqual({
      code: 'CAP_REACHED',
      message:
        "Dudley's LEADER_OF_COUNCIL has 1 h allocated, of which 15 min is left; this session would use 30 min. A programme manager may approve a variation.",
    });
    const refusals: Array<[string, string, string, Record<string, unknown>]> = [
      [
        'CAP_REACHED',
        'northStar',
        RECORD,
        {
          input: {
            ...oneToOne(engagement.dudley, '2022-11-14', 15),
            attendance: [{ role: 'LEAD_MEMBER', count: 1 }],
          },
        },
      ],
      [
        'BAD_USER_INPUT',
        'manager',
        ALLOCATE,
        { input: { engagementId: engagement.dudley, role: 'LEADER_OF_COUNCIL', minutes: 30 } },
      ],
      [
        'FORBIDDEN',
        'northStar',
        ALLOCATE,
        { input: { engagementId: engagement.dudley, role: 'LEADER_OF_COUNCIL', minutes: 600 } },
      ],
      [
        'FORBIDDEN',
        'northStar',
        VARY,
        {
          input: {
            engagementId: engagement.dudley,
            role: 'LEADER_OF_COUNCIL',
            extraMinutes: 60,
            reason: 'We would like more',
          },
        },
      ],
      [
        'BAD_USER_INPUT',
        'manager',
        VARY,
        {
          input: {
            engagementId: engagement.dudley,
            role: 'LEADER_OF_COUNCIL',
            extraMinutes: 0,
            reason: 'Nothing',
          },
        },
      ],
      ['NOT_FOUND', 'elsewhere', RECORD, { input: oneToOne(engagement.dudley, '2022-11-14', 15) }],
    ];
    for (const [code, who, query, variables] of refusals) {
      const response = await as(who, query, variables);
      expect({ code: codeOf(response), data: response.data ?? null }).toEqual({ code, data: null });
    }
    expect(await writes()).toEqual(before);

    const { approveCoachingVariation } = await ok('admin', VARY, {
      input: {
        engagementId: engagement.dudley,
        role: 'LEADER_OF_COUNCIL',
        extraMinutes: 30,
        reason: 'An inspection was brought forward',
      },
    });
    expect(approveCoachingVariation).toEqual({
      role: 'LEADER_OF_COUNCIL',
      allocatedMinutes: 60,
      variationMinutes: 30,
      usedMinutes: 45,
      remainingMinutes: 45,
      remaining: '45 min',
    });
    await record(oneToOne(engagement.dudley, '2022-11-14', 30));
    expect(await balance(engagement.dudley)).toEqual([
      expect.objectContaining({ usedMinutes: 75, remainingMinutes: 15 }),
    ]);
    const { rows } = await client.query(
      `SELECT action FROM audit_event WHERE entity_type = 'coaching_allocation' AND entity_id = $1 ORDER BY id`,
      [engagement.dudley],
    );
    expect(rows.map((row: { action: string }) => row.action)).toEqual([
      'coaching.allocate',
      'coaching.variation',
    ]);
  });

  it("shows the balance to the programme's managers, the contract's supplier and admins only", async () => {
    const expected = [expect.objectContaining({ remainingMinutes: 415 })];
    expect(await balance(engagement.sandwell, 'manager')).toEqual(expected);
    expect(await balance(engagement.sandwell, 'admin')).toEqual(expected);
    expect(await balance(engagement.sandwell, 'northStar')).toEqual(expected);
    // Another supplier does not see the engagement at all.
    expect(codeOf(await as('elsewhere', BALANCE, { id: engagement.sandwell }))).toBe('NOT_FOUND');
    // The West Midlands adviser sees Sandwell's engagement, not the hours bought for it.
    const adviser = await as('westMidlandsAdviser', BALANCE, { id: engagement.sandwell });
    expect(codeOf(adviser)).toBe('FORBIDDEN');
    expect(
      (await ok('westMidlandsAdviser', `{ engagement(id: "${engagement.sandwell}") { status } }`))
        .engagement,
    ).toEqual({ status: 'IN_DELIVERY' });
  });

  it('costs the same few SQL statements for the balances of 100 engagements as of 5', async () => {
    // 110 coaching engagements of other LAs, each with an allocation, straight into the tables.
    await client.query(
      `WITH made AS (
         INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                                 referral_reason, referred_on, contract_id, decided_on)
         SELECT $1, 'COACHING_MENTORING', la.id, '2023-24', 'APPROVED', 'Needs support',
                '2023-06-01', $2, '2023-06-08'
           FROM local_authority la WHERE la.gss_code NOT IN ($3, $4) ORDER BY la.gss_code LIMIT 110
         RETURNING id
       )
       INSERT INTO coaching_allocation (engagement_id, role, allocated_minutes)
       SELECT id, 'LEAD_MEMBER', 300 FROM made`,
      [PROGRAMME, contractA7, SANDWELL, DUDLEY],
    );
    const cost = async (first: number) => {
      const response = await as(
        'manager',
        `{ engagements(first: ${first}, filter: { financialYear: "2023-24", serviceLine: COACHING_MENTORING }) {
            edges { node { coachingAllocations { role remainingMinutes remaining } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      const edges = response.data!.engagements.edges as Array<{
        node: { coachingAllocations: unknown[] };
      }>;
      expect(edges).toHaveLength(first);
      expect(edges[0].node.coachingAllocations).toEqual([
        { role: 'LEAD_MEMBER', remainingMinutes: 300, remaining: '5 h' },
      ]);
      return Number(response.headers.get('x-sql-statements'));
    };
    const five = await cost(5);
    const hundred = await cost(100);
    expect(hundred).toBe(five);
    // Sign-in (2), the page and its count (2), engagements' reach and balances (2).
    expect(hundred).toBeLessThanOrEqual(6);
  });
});
