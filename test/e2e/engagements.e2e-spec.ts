import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

const PROGRAMME = 'a1000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = 'a1000000-0000-4000-8000-000000000002';
const SUPPLIER = 'b1000000-0000-4000-8000-000000000001';
const OTHER_SUPPLIER = 'b1000000-0000-4000-8000-000000000002';
const A1 = 'd1000000-0000-4000-8000-000000000001';
const A5 = 'd1000000-0000-4000-8000-000000000005';
const A7 = 'd1000000-0000-4000-8000-000000000007';

/** A programme with lots 1, 5 and 7, their contracts, and caps: lot 5 takes one LA a year, lot 7 fifteen. */
async function givenProgramme(client: Client): Promise<void> {
  await client.query(
    `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
     VALUES ($1, 'Leadership support', 'Department for Education', '2021-05-31', '2027-03-31', 140000000),
            ($2, 'Another programme', 'Department for Education', '2021-05-31', '2027-03-31', 100000)`,
    [PROGRAMME, OTHER_PROGRAMME],
  );
  await client.query(
    `INSERT INTO programme_service_line (programme_id, service_line, name)
     SELECT $1, line, line FROM unnest(ARRAY['POLITICAL_LEADERSHIP', 'COUNCILLOR_GROUPS', 'COACHING_MENTORING']) line`,
    [PROGRAMME],
  );
  await client.query(
    `INSERT INTO lot (id, programme_id, number, title, valid_from) VALUES
       ('c1000000-0000-4000-8000-000000000001', $1, 1, 'Political leadership', '2021-05-31'),
       ('c1000000-0000-4000-8000-000000000005', $1, 5, 'Councillor groups', '2021-05-31'),
       ('c1000000-0000-4000-8000-000000000007', $1, 7, 'Coaching and mentoring', '2021-05-31')`,
    [PROGRAMME],
  );
  await client.query(
    `INSERT INTO lot_service_line (lot_id, service_line) VALUES
       ('c1000000-0000-4000-8000-000000000001', 'POLITICAL_LEADERSHIP'),
       ('c1000000-0000-4000-8000-000000000005', 'COUNCILLOR_GROUPS'),
       ('c1000000-0000-4000-8000-000000000007', 'COACHING_MENTORING')`,
  );
  await client.query(
    `INSERT INTO service_line_target (programme_id, service_line, financial_year, target_basis, cap, effective_from)
     VALUES ($1, 'COUNCILLOR_GROUPS', '2022-23', 'NONE', 1, '2021-05-31'),
            ($1, 'COACHING_MENTORING', '2022-23', 'NONE', 15, '2021-05-31')`,
    [PROGRAMME],
  );
  await client.query(
    `INSERT INTO supplier (id, name, name_key) VALUES
       ($1, 'North Star Leadership Ltd', 'north star leadership ltd'), ($2, 'Elsewhere Ltd', 'elsewhere ltd')`,
    [SUPPLIER, OTHER_SUPPLIER],
  );
  await client.query(
    `INSERT INTO contract (id, programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on) VALUES
       ($1, $4, $5, 'c1000000-0000-4000-8000-000000000001', 'A1', 50000000, '2021-05-31', '2024-03-31'),
       ($2, $4, $6, 'c1000000-0000-4000-8000-000000000005', 'A5', 50000000, '2021-05-31', '2024-03-31'),
       ($3, $4, $5, 'c1000000-0000-4000-8000-000000000007', 'A7', 50000000, '2021-05-31', '2024-03-31')`,
    [A1, A5, A7, PROGRAMME, SUPPLIER, OTHER_SUPPLIER],
  );
}

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('engagements over HTTP', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  const auth: Record<string, Record<string, string>> = {};

  /** Rows that any refused request must leave as they were. */
  const writes = async () => ({
    engagements: (await client.query('SELECT * FROM engagement ORDER BY id')).rows,
    audit: (await client.query('SELECT count(*) FROM audit_event')).rows[0],
  });

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);

  const REFER = `mutation ($input: ReferLocalAuthorityInput!) {
    referLocalAuthority(input: $input) { id status financialYear referredOn localAuthority { name } } }`;
  const APPROVE = `mutation ($input: ApproveEngagementInput!) {
    approveEngagement(input: $input) { id status decidedOn overrideReason eligibility { eligible basis } } }`;

  const refer = async (localAuthorityCode: string, serviceLine = 'POLITICAL_LEADERSHIP') => {
    const response = await as('manager', REFER, {
      input: {
        programmeId: PROGRAMME,
        serviceLine,
        localAuthorityCode,
        financialYear: '2022-23',
        reason: 'New lead member after the May elections',
      },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.referLocalAuthority.id as string;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await givenProgramme(client);
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const bearer = async (...args: string[]) => ({
      authorization: `Bearer ${await tokenFor(database.url, args[0], ...args.slice(1))}`,
    });
    auth.manager = await bearer('PROGRAMME_MANAGER', '--programme', PROGRAMME);
    auth.otherManager = await bearer('PROGRAMME_MANAGER', '--programme', OTHER_PROGRAMME);
    auth.supplier = await bearer('SUPPLIER', '--supplier', SUPPLIER);
    auth.otherSupplier = await bearer('SUPPLIER', '--supplier', OTHER_SUPPLIER);
    auth.northEastAdviser = await bearer('REGIONAL_ADVISER', '--region', 'E12000001');
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
  });

  it('runs referral → approval → start → completion, each step in the audit log', async () => {
    const id = await refer('E06000001'); // Hartlepool
    const approved = await as('manager', APPROVE, { input: { engagementId: id, contractId: A1 } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveEngagement).toMatchObject({
      status: 'APPROVED',
      eligibility: null,
    });

    const started = await as(
      'supplier',
      `mutation { startEngagement(id: "${id}") { status startedOn } }`,
    );
    expect(started.errors).toBeUndefined();
    expect(started.data!.startEngagement.status).toBe('IN_DELIVERY');
    const completed = await api.graphql(
      `mutation { completeEngagement(id: "${id}") { status completedOn } }`,
      undefined,
      { ...auth.manager, 'x-request-id': 'complete-hartlepool-1' },
    );
    expect(completed.data!.completeEngagement.status).toBe('COMPLETED');

    const audit = await as(
      'manager',
      `{ auditEvents(filter: { entityId: "${id}" }) { totalCount edges { node { action actorUserId requestId changes { field before after } } } } }`,
    );
    type AuditNode = {
      action: string;
      requestId: string | null;
      changes: Array<{ field: string; before: string | null; after: string | null }>;
    };
    const events = (audit.data!.auditEvents.edges as Array<{ node: AuditNode }>).map(
      (edge) => edge.node,
    );
    expect(events.map((event) => event.action)).toEqual([
      'engagement.complete',
      'engagement.start',
      'engagement.approve',
      'engagement.refer',
    ]);
    // Each entry names the request that made it: the caller's own id when it gave one.
    expect(events[0].requestId).toBe('complete-hartlepool-1');
    expect(events[1].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(events.map((event) => event.requestId)).size).toBe(4);
    const approval = events[2] as {
      changes: Array<{ field: string; before: string; after: string }>;
    };
    expect(approval.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: '"REFERRED"', after: '"APPROVED"' },
        { field: 'contractId', before: null, after: `"${A1}"` },
      ]),
    );
    // Another programme's manager reads none of it.
    const other = await as(
      'otherManager',
      `{ auditEvents(filter: { entityId: "${id}" }) { totalCount } }`,
    );
    expect(other.data!.auditEvents.totalCount).toBe(0);
  });

  it('refuses each illegal request with its code and writes nothing', async () => {
    const hartlepool = await refer('E06000002'); // Middlesbrough
    const before = await writes();
    const refusals: Array<[string, string, string, Record<string, unknown>?]> = [
      [
        'INVALID_TRANSITION',
        'manager',
        `mutation { completeEngagement(id: "${hartlepool}") { id } }`,
      ],
      [
        'CONFLICT',
        'manager',
        REFER,
        {
          input: {
            programmeId: PROGRAMME,
            serviceLine: 'POLITICAL_LEADERSHIP',
            localAuthorityCode: 'E06000002',
            financialYear: '2022-23',
            reason: 'Again',
          },
        },
      ],
      [
        'NOT_FOUND',
        'otherManager',
        APPROVE,
        { input: { engagementId: hartlepool, contractId: A1 } },
      ],
      [
        'FORBIDDEN',
        'northEastAdviser',
        APPROVE,
        { input: { engagementId: hartlepool, contractId: A1 } },
      ],
      ['FORBIDDEN', 'supplier', `mutation { completeEngagement(id: "${hartlepool}") { id } }`],
      [
        'BAD_USER_INPUT',
        'manager',
        REFER,
        {
          input: {
            programmeId: PROGRAMME,
            serviceLine: 'POLITICAL_LEADERSHIP',
            localAuthorityCode: 'E06000003',
            financialYear: '2022-2023',
            reason: 'x',
          },
        },
      ],
      [
        'BAD_USER_INPUT',
        'manager',
        APPROVE,
        { input: { engagementId: hartlepool, contractId: A7 } },
      ],
    ];
    for (const [code, who, query, variables] of refusals) {
      const response = await as(who, query, variables);
      expect({
        code: codeOf(response),
        data: response.data?.[Object.keys(response.data ?? {})[0]] ?? null,
      }).toEqual({
        code,
        data: null,
      });
    }
    expect(await writes()).toEqual(before);
  });

  it('refuses coaching for an ineligible LA with NOT_ELIGIBLE, and approves it with an override', async () => {
    const leeds = await refer('E08000035', 'COACHING_MENTORING');
    const before = await writes();
    const refused = await as('manager', APPROVE, {
      input: { engagementId: leeds, contractId: A7 },
    });
    expect(codeOf(refused)).toBe('NOT_ELIGIBLE');
    expect(await writes()).toEqual(before);
    const approved = await as('manager', APPROVE, {
      input: {
        engagementId: leeds,
        contractId: A7,
        overrideReason: 'New leader asked for a mentor',
      },
    });
    expect(approved.data!.approveEngagement).toMatchObject({
      status: 'APPROVED',
      overrideReason: 'New leader asked for a mentor',
      eligibility: { eligible: false, basis: [] },
    });
    // Eligibility is not for supplier staff, though the engagement is theirs to deliver.
    const seen = `{ engagement(id: "${leeds}") { status overrideReason eligibility { eligible } } }`;
    const bySupplier = await as('supplier', seen);
    expect(bySupplier.data!.engagement).toEqual({
      status: 'APPROVED',
      overrideReason: null,
      eligibility: null,
    });
    expect(bySupplier.errors?.map((error) => error.extensions?.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    const byManager = await as('manager', seen);
    expect(byManager.errors).toBeUndefined();
    expect(byManager.data!.engagement.eligibility).toEqual({ eligible: false });
    const audit = await as(
      'manager',
      `{ auditEvents(filter: { entityId: "${leeds}", action: "engagement.approve" }) { edges { node { changes { field before after } } } } }`,
    );
    expect(audit.data!.auditEvents.edges[0].node.changes).toEqual(
      expect.arrayContaining([
        { field: 'overrideReason', before: null, after: '"New leader asked for a mentor"' },
      ]),
    );
  });

  it("lists eligible LAs with the programme's engagements of them: the watchlist", async () => {
    const tameside = await refer('E08000008', 'COACHING_MENTORING');
    await as('manager', APPROVE, { input: { engagementId: tameside, contractId: A7 } });
    const query = (programmeId: string) =>
      `{ eligibleLocalAuthorities(serviceLine: COACHING_MENTORING, programmeId: "${programmeId}") {
          localAuthority { gssCode } engagements { id status } } }`;
    const response = await as('manager', query(PROGRAMME));
    expect(response.errors).toBeUndefined();
    type Answer = { localAuthority: { gssCode: string }; engagements: unknown[] };
    const byCode = new Map(
      (response.data!.eligibleLocalAuthorities as Answer[]).map((a) => [
        a.localAuthority.gssCode,
        a.engagements,
      ]),
    );
    // Tameside and Havering were both judged Inadequate in early 2024; only Tameside has coaching.
    expect(byCode.get('E08000008')).toEqual([{ id: tameside, status: 'APPROVED' }]);
    expect(byCode.get('E09000016')).toEqual([]);
    // Leeds is not eligible, so is not listed, whatever its engagements.
    expect(byCode.has('E08000035')).toBe(false);
    expect(codeOf(await as('otherManager', query(PROGRAMME)))).toBe('NOT_FOUND');
  });

  it('refuses an approval past the cap with CAP_REACHED', async () => {
    const first = await refer('E06000003', 'COUNCILLOR_GROUPS'); // Redcar and Cleveland
    const second = await refer('E06000004', 'COUNCILLOR_GROUPS'); // Stockton-on-Tees
    const ok = await as('manager', APPROVE, { input: { engagementId: first, contractId: A5 } });
    expect(ok.errors).toBeUndefined();
    const before = await writes();
    const refused = await as('manager', APPROVE, {
      input: { engagementId: second, contractId: A5 },
    });
    expect(codeOf(refused)).toBe('CAP_REACHED');
    expect(refused.errors![0].message).toBe(
      'COUNCILLOR_GROUPS has reached its cap of 1 local authorities for 2022-23.',
    );
    expect(await writes()).toEqual(before);
  });

  it('shows suppliers their own contracts and advisers their regions', async () => {
    const leedsPolitical = await refer('E08000035'); // Leeds, Yorkshire and The Humber
    await as('manager', APPROVE, { input: { engagementId: leedsPolitical, contractId: A1 } });
    const list = `{ engagements(first: 100) { totalCount edges { node { id localAuthority { gssCode } contract { reference } supplier { name } } } } }`;
    const ids = async (who: string) => {
      const response = await as(who, list);
      // Whoever sees an engagement sees its contract and supplier too.
      expect(response.errors).toBeUndefined();
      return (response.data!.engagements.edges as Array<{ node: { id: string } }>).map(
        (edge) => edge.node.id,
      );
    };
    expect(await ids('supplier')).toContain(leedsPolitical);
    expect(await ids('otherSupplier')).not.toContain(leedsPolitical);
    expect(await ids('northEastAdviser')).not.toContain(leedsPolitical);
    const one = await as('northEastAdviser', `{ engagement(id: "${leedsPolitical}") { id } }`);
    expect(codeOf(one)).toBe('NOT_FOUND');
    // Support received, through the LA: the adviser sees Hartlepool's, not Leeds's.
    const la = await as(
      'northEastAdviser',
      `{ hartlepool: localAuthority(code: "E06000001") { engagements { status } } leeds: localAuthority(code: "E08000035") { engagements { status } } }`,
    );
    expect(la.data!.hartlepool.engagements).toEqual([{ status: 'COMPLETED' }]);
    expect(la.data!.leeds.engagements).toEqual([]);
  });

  it('refuses to shorten a contract so that engagements approved under it fall outside it', async () => {
    // A1 has engagements approved for 2022-23 (the tests above); ending it in March 2022 strands them.
    const before = await writes();
    const response = await as(
      'manager',
      `mutation { updateContract(input: { contractId: "${A1}", endsOn: "2022-03-31" }) { id } }`,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toContain(
      'the contract would no longer be in force in 2022-23, when engagements under it were approved',
    );
    expect(await writes()).toEqual(before);
  });

  it('costs the same few SQL statements for a page of 100 engagements as for 5', async () => {
    // 120 approved engagements, one per active LA, straight into the table.
    await client.query(
      `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                               referral_reason, referred_on, contract_id, decided_on)
       SELECT $1, 'POLITICAL_LEADERSHIP', la.id, '2023-24', 'APPROVED', 'Cohort', '2023-04-03', $2, '2023-04-10'
         FROM local_authority la WHERE la.valid_to IS NULL ORDER BY la.gss_code LIMIT 120`,
      [PROGRAMME, A1],
    );
    const cost = async (first: number) => {
      const response = await as(
        'manager',
        `{ engagements(first: ${first}, filter: { financialYear: "2023-24" }) { totalCount edges { node {
            status localAuthority { name region { name } }
            programme { name } contract { reference lot { number } } supplier { name } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.engagements.edges).toHaveLength(first);
      return Number(response.headers.get('x-sql-statements'));
    };
    const five = await cost(5);
    const hundred = await cost(100);
    expect(hundred).toBe(five);
    // Sign-in (2), the page and its count (2), LAs by id (1), regions (1), programmes (1),
    // contracts (1), suppliers (1), lots (1).
    expect(hundred).toBeLessThanOrEqual(10);
  });
});
