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
 * Regional Lead Member networks over HTTP (SPEC §5.8), on the seeded default programme, held to
 * the reference scenario: the North East network met on 2022-10-12 with Hartlepool,
 * Middlesbrough, Sunderland and Gateshead, so its coverage in 2022-23 is 4 of its 12 LAs.
 */
const PROGRAMME = DEFAULT_PROGRAMME.id;
const NORTH_EAST = 'E12000001';
const NORTH_WEST = 'E12000002';
const GOLDEN = ['E06000001', 'E06000002', 'E08000024', 'E08000037'];

const RECORD = `mutation ($input: RecordNetworkMeetingInput!) { recordNetworkMeeting(input: $input) {
  id heldOn financialYear topics network { name } supplier { name }
  attendingLocalAuthorities { name } } }`;
const COVERAGE = `query ($year: String!) { networkCoverage(programmeId: "${PROGRAMME}", financialYear: $year) {
  region { code name } attendedCount activeCount share } }`;
const MEETINGS = `{ networkMeetings(first: 100, filter: { programmeId: "${PROGRAMME}" }) {
  totalCount edges { node { id heldOn } } } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('Lead Member networks over HTTP', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  const auth: Record<string, Record<string, string>> = {};
  const network: Record<string, string> = {};
  const meeting: Record<string, string> = {};

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await as(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const meetingIds = async (who: string) =>
    ((await ok(who, MEETINGS)).networkMeetings.edges as Array<{ node: { id: string } }>)
      .map((edge) => edge.node.id)
      .sort();
  const writes = async () => ({
    meetings: (await client.query('SELECT * FROM network_meeting ORDER BY id')).rows,
    attendance: (await client.query('SELECT * FROM network_meeting_attendance ORDER BY 1, 2')).rows,
    audit: (await client.query('SELECT count(*) FROM audit_event')).rows[0],
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
    auth.admin = await bearer('ADMIN');
    auth.northEastAdviser = await bearer('REGIONAL_ADVISER', '--region', NORTH_EAST);
    auth.northWestAdviser = await bearer('REGIONAL_ADVISER', '--region', NORTH_WEST);
    const { programme } = await ok(
      'manager',
      `{ programme(id: "${PROGRAMME}") { lots(asOf: "2021-06-01") { id number } } }`,
    );
    const lot = (n: number) =>
      (programme.lots as Array<{ id: string; number: number }>).find((l) => l.number === n)!.id;
    const contracted = async (name: string, reference: string, lotNumber: number) => {
      const { createSupplier } = await ok(
        'manager',
        `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id } }`,
        { input: { name, contactEmail: 'ops@supplier.example' } },
      );
      await ok(
        'manager',
        `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
        {
          input: {
            programmeId: PROGRAMME,
            supplierId: createSupplier.id,
            lotId: lot(lotNumber),
            reference,
            value: '90000.00',
            startsOn: '2021-05-31',
            endsOn: '2024-03-31',
            rates: [],
          },
        },
      );
      return createSupplier.id as string;
    };
    auth.networksSupplier = await bearer(
      'SUPPLIER',
      '--supplier',
      await contracted('Regional Networks Ltd', 'N3', 3),
    );
    // Holds a contract in the programme, but not for its networks.
    auth.elsewhere = await bearer(
      'SUPPLIER',
      '--supplier',
      await contracted('Elsewhere Learning Ltd', 'E1', 1),
    );
    const { leadMemberNetworks } = await ok(
      'manager',
      `{ leadMemberNetworks(programmeId: "${PROGRAMME}") { id region { code } } }`,
    );
    for (const row of leadMemberNetworks as Array<{ id: string; region: { code: string } }>)
      network[row.region.code] = row.id;
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
  });

  it('has one network per region for the default programme, linked with its improvement alliance', async () => {
    const { leadMemberNetworks } = await ok(
      'manager',
      `{ leadMemberNetworks(programmeId: "${PROGRAMME}") { name region { code improvementAlliance } } }`,
    );
    expect(leadMemberNetworks).toHaveLength(9);
    expect(leadMemberNetworks[0]).toEqual({
      name: 'North East Lead Member network',
      region: { code: NORTH_EAST, improvementAlliance: 'North East regional improvement alliance' },
    });
    // Each adviser reads the network of their own region.
    const adviser = await ok(
      'northEastAdviser',
      `{ leadMemberNetworks(programmeId: "${PROGRAMME}") { region { code } } }`,
    );
    expect(adviser.leadMemberNetworks).toEqual([{ region: { code: NORTH_EAST } }]);
  });

  it("records the reference scenario's North East meeting: coverage 4 of 12 in 2022-23", async () => {
    const { recordNetworkMeeting } = await ok('networksSupplier', RECORD, {
      input: {
        networkId: network[NORTH_EAST],
        heldOn: '2022-10-12',
        topics: ['Corporate parenting', 'Sufficiency of placements'],
        attendingLocalAuthorityCodes: GOLDEN,
      },
    });
    meeting.golden = recordNetworkMeeting.id;
    expect(recordNetworkMeeting).toMatchObject({
      heldOn: '2022-10-12',
      financialYear: '2022-23',
      topics: ['Corporate parenting', 'Sufficiency of placements'],
      network: { name: 'North East Lead Member network' },
      supplier: { name: 'Regional Networks Ltd' },
      attendingLocalAuthorities: [
        { name: 'Gateshead' },
        { name: 'Hartlepool' },
        { name: 'Middlesbrough' },
        { name: 'Sunderland' },
      ],
    });
    const { networkCoverage } = await ok('manager', COVERAGE, { year: '2022-23' });
    expect(networkCoverage).toHaveLength(9);
    expect(networkCoverage[0]).toEqual({
      region: { code: NORTH_EAST, name: 'North East' },
      attendedCount: 4,
      activeCount: 12,
      share: 4 / 12,
    });
    const rest = (networkCoverage as Array<{ attendedCount: number }>).slice(1);
    expect(rest.map((row) => row.attendedCount)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // Counted in the year of its date only.
    const { networkCoverage: next } = await ok('manager', COVERAGE, { year: '2023-24' });
    expect(next[0]).toMatchObject({ attendedCount: 0, activeCount: 12 });
    // The North East's adviser reads its own region's coverage.
    const adviser = await ok('northEastAdviser', COVERAGE, { year: '2022-23' });
    expect(adviser.networkCoverage).toEqual([networkCoverage[0]]);
  });

  it('refuses each bad meeting with its code and writes nothing', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const good = {
      networkId: network[NORTH_EAST],
      heldOn: '2022-11-09',
      topics: ['Ofsted readiness'],
      attendingLocalAuthorityCodes: ['E06000001'],
    };
    const before = await writes();
    const leeds = await as('networksSupplier', RECORD, {
      input: { ...good, attendingLocalAuthorityCodes: ['E06000001', 'E08000035'] },
    });
    expect({ code: codeOf(leeds), message: leeds.errors?.[0]?.message }).toEqual({
      code: 'BAD_USER_INPUT',
      message:
        "Invalid input. attendingLocalAuthorityCodes[1]: Leeds is not in the North East (the network's region).",
    });
    const refusals: Array<[string, string, Record<string, unknown>]> = [
      ['NOT_FOUND', 'elsewhere', good],
      ['BAD_USER_INPUT', 'networksSupplier', { ...good, heldOn: tomorrow }],
      ['BAD_USER_INPUT', 'networksSupplier', { ...good, heldOn: '2021-05-01' }],
      [
        'BAD_USER_INPUT',
        'networksSupplier',
        { ...good, attendingLocalAuthorityCodes: ['E99999999'] },
      ],
      ['BAD_USER_INPUT', 'networksSupplier', { ...good, topics: [] }],
      [
        'NOT_FOUND',
        'networksSupplier',
        { ...good, networkId: '00000000-0000-4000-8000-000000000000' },
      ],
      ['FORBIDDEN', 'northEastAdviser', good],
    ];
    for (const [code, who, input] of refusals) {
      const response = await as(who, RECORD, { input });
      expect({ code: codeOf(response), data: response.data ?? null }).toEqual({ code, data: null });
    }
    expect(codeOf(await as('networksSupplier', COVERAGE, { year: '2022-23' }))).toBe('FORBIDDEN');
    expect(await writes()).toEqual(before);
  });

  it('shows each role its own share of the meetings', async () => {
    const { recordNetworkMeeting } = await ok('manager', RECORD, {
      input: {
        networkId: network[NORTH_WEST],
        heldOn: '2023-01-18',
        topics: ['Leadership of children’s services'],
        attendingLocalAuthorityCodes: ['E08000003'],
      },
    });
    meeting.programme = recordNetworkMeeting.id;
    const both = [meeting.golden, meeting.programme].sort();
    expect(await meetingIds('manager')).toEqual(both);
    expect(await meetingIds('admin')).toEqual(both);
    // The supplier sees its own meeting, not the one the programme recorded itself.
    expect(await meetingIds('networksSupplier')).toEqual([meeting.golden]);
    expect(await meetingIds('elsewhere')).toEqual([]);
    expect(await meetingIds('northEastAdviser')).toEqual([meeting.golden]);
    expect(await meetingIds('northWestAdviser')).toEqual([meeting.programme]);
  });

  it('costs the same few SQL statements for a page of 100 meetings as for 5', async () => {
    await client.query(
      `WITH made AS (
         INSERT INTO network_meeting (network_id, programme_id, region_code, held_on, financial_year, topics)
         SELECT $1, $2, $3, DATE '2021-06-01' + n, '2021-22', ARRAY['Topic ' || n]
           FROM generate_series(1, 120) n
         RETURNING id
       )
       INSERT INTO network_meeting_attendance (meeting_id, local_authority_id)
       SELECT made.id, la.id FROM made
         JOIN local_authority la ON la.gss_code IN ('E06000001', 'E06000002')`,
      [network[NORTH_EAST], PROGRAMME, NORTH_EAST],
    );
    const cost = async (first: number) => {
      const response = await as(
        'manager',
        `{ networkMeetings(first: ${first}, filter: { financialYear: "2021-22" }) { totalCount edges { node {
            heldOn topics supplier { name } network { name region { improvementAlliance } }
            attendingLocalAuthorities { name region { name } } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.networkMeetings.edges).toHaveLength(first);
      return Number(response.headers.get('x-sql-statements'));
    };
    const five = await cost(5);
    const hundred = await cost(100);
    expect(hundred).toBe(five);
    // Sign-in (2), the page and its count (2), networks (1), attendance (1), LAs (1), regions (1).
    expect(hundred).toBeLessThanOrEqual(8);
  });
});
