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
  singleSession,
  type GoldenScenario,
} from '../support/golden-scenario';
import { tokenFor } from '../support/tokens';

const SPEND = `query ($filter: SpendFilter!) { spend(filter: $filter) {
  financialYear total remaining
  budget { programme allocation spent remaining }
  byServiceLine { serviceLine spent }
  byLot { lot { number } spent }
  byContract { contract { reference spent } supplier { name } value spent spentToDate remaining }
  bySupplier { supplier { name } spent }
  byLocalAuthority { localAuthority { name } spent }
  byFinancialYear { financialYear spent }
} }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/**
 * Spend over HTTP: the reference scenario's sessions (scenarios/golden-2022-23.md) built through
 * the API and held to its figures, beside a second supplier's delivery in 2021-22 that only it and
 * the programme's managers may see.
 */
describe('spend over HTTP: the reference scenario', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let scenario: GoldenScenario;
  let elsewhereContract: string;

  const spend = async (who: string, filter: Record<string, unknown>) => {
    const response = await scenario.as(who, SPEND, {
      filter: { programmeId: PROGRAMME, ...filter },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.spend as Record<string, any>;
  };
  type ByLocalAuthority = Array<{ localAuthority: { name: string }; spent: string }>;
  type ByContract = Array<{ contract: { reference: string }; value: string | null }>;
  const byName = (rows: ByLocalAuthority) =>
    Object.fromEntries(rows.map((row) => [row.localAuthority.name, row.spent]));

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    scenario = await buildGoldenScenario(api, database.url);
    const { ok, auth } = scenario;
    await ok(
      'manager',
      `mutation { updateProgramme(input: { programmeId: "${PROGRAMME}", budgetAllocations: [{ financialYear: "2022-23", amount: "500000.00" }] }) { id } }`,
    );

    // Elsewhere Learning's own delivery in 2021-22: 3 councillors at £42.50 each, £127.50.
    elsewhereContract = await scenario.createContract(
      'E5',
      scenario.supplier.elsewhere,
      scenario.lot(5),
      'PER_PARTICIPANT',
      '42.50',
    );
    const stockton = await scenario.approved(LA.stockton, 'COUNCILLOR_GROUPS', elsewhereContract, {
      financialYear: '2021-22',
    });
    const session = await scenario.record(
      singleSession(stockton, '2021-11-08', 90, [{ role: 'COUNCILLOR', count: 3 }]),
      'elsewhere',
    );
    await scenario.submit(session, 'elsewhere');
    expect((await scenario.approve(session)).approveSession).toEqual({
      status: 'APPROVED',
      cost: '127.50',
    });
    // And 120 more of its sessions, each of one participant (£42.50) from an LA of its own:
    // £5,100.00, straight into the tables.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `WITH numbered AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 120) n),
         made AS (
           INSERT INTO delivery_session (id, programme_id, service_line, supplier_id, contract_id, status,
                                         delivered_on, financial_year, duration_minutes, format, topic, cost_pence)
           SELECT id, $1, 'COUNCILLOR_GROUPS', $2, $3, 'APPROVED', DATE '2021-07-01' + n, '2021-22', 60,
                  'ONLINE', 'Cohort ' || n, 4250
             FROM numbered
           RETURNING id
         ),
         las AS (SELECT id, row_number() OVER (ORDER BY gss_code) AS n FROM local_authority)
         INSERT INTO session_cost_share (session_id, local_authority_id, amount_pence)
         SELECT made.id, las.id, 4250 FROM made JOIN numbered USING (id) JOIN las USING (n)`,
        [PROGRAMME, scenario.supplier.elsewhere, elsewhereContract],
      );
    } finally {
      await client.end();
    }

    const admin = { authorization: `Bearer ${await tokenFor(database.url, 'ADMIN')}` };
    const created = await api.graphql(
      `mutation { createProgramme(input: { name: "Another programme", contractingAuthority: "DfE", startsOn: "2025-04-01", endsOn: "2026-03-31", budget: "1000.00" }) { id } }`,
      undefined,
      admin,
    );
    auth.otherManager = {
      authorization: `Bearer ${await tokenFor(database.url, 'PROGRAMME_MANAGER', '--programme', created.data!.createProgramme.id)}`,
    };
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it("holds 2022-23 to the scenario's spend by service line, LA, lot and supplier, against the allocation", async () => {
    const year = await spend('manager', { financialYear: '2022-23' });
    expect(year).toMatchObject({
      financialYear: '2022-23',
      // Sessions £2,697.92 and Sunderland's diagnostic £18,500.00.
      total: '21197.92',
      budget: {
        programme: '1400000.00',
        allocation: '500000.00',
        spent: '21197.92',
        remaining: '478802.08',
      },
      remaining: '478802.08',
      byServiceLine: [
        { serviceLine: 'POLITICAL_LEADERSHIP', spent: '2500.00' },
        { serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC', spent: '18500.00' },
        { serviceLine: 'COACHING_MENTORING', spent: '197.92' },
      ],
      byLot: [
        { lot: { number: 1 }, spent: '2500.00' },
        { lot: { number: 4 }, spent: '18500.00' },
        { lot: { number: 7 }, spent: '197.92' },
      ],
      bySupplier: [
        { supplier: { name: 'Corporate Parenting Partners' }, spent: '18500.00' },
        { supplier: { name: 'North Star Leadership Ltd' }, spent: '2697.92' },
      ],
      byFinancialYear: [{ financialYear: '2022-23', spent: '21197.92' }],
    });
    expect(byName(year.byLocalAuthority as ByLocalAuthority)).toEqual({
      Hartlepool: '714.29',
      Middlesbrough: '178.57',
      'Redcar and Cleveland': '357.14',
      Leeds: '1250.00',
      Sandwell: '197.92',
      Sunderland: '18500.00',
    });
    // Every contract against its value (£250,000.00 each), less what was spent under it to date.
    expect(year.byContract).toEqual([
      {
        contract: { reference: 'A1', spent: '2500.00' },
        supplier: { name: 'North Star Leadership Ltd' },
        value: '250000.00',
        spent: '2500.00',
        spentToDate: '2500.00',
        remaining: '247500.00',
      },
      {
        contract: { reference: 'A7', spent: '292.92' },
        supplier: { name: 'North Star Leadership Ltd' },
        value: '250000.00',
        spent: '197.92',
        spentToDate: '292.92',
        remaining: '249707.08',
      },
      {
        contract: { reference: 'B4', spent: '18500.00' },
        supplier: { name: 'Corporate Parenting Partners' },
        value: '250000.00',
        spent: '18500.00',
        spentToDate: '18500.00',
        remaining: '231500.00',
      },
      {
        contract: { reference: 'E5', spent: '5227.50' },
        supplier: { name: 'Elsewhere Learning Ltd' },
        value: '250000.00',
        spent: '0.00',
        spentToDate: '5227.50',
        remaining: '244772.50',
      },
    ]);
  });

  it('counts S6 in 2023-24, the year of its date, and S3 (not approved) nowhere', async () => {
    expect(await spend('manager', { financialYear: '2023-24' })).toMatchObject({
      total: '95.00',
      byServiceLine: [{ serviceLine: 'COACHING_MENTORING', spent: '95.00' }],
      byLocalAuthority: [{ localAuthority: { name: 'Sandwell' }, spent: '95.00' }],
    });
    // Leeds had S2 approved and S3 only submitted.
    expect(
      (await spend('manager', { financialYear: '2022-23', localAuthorityCode: LA.leeds })).total,
    ).toBe('1250.00');
  });

  it('adds up every year against the whole budget', async () => {
    expect(await spend('manager', {})).toMatchObject({
      financialYear: null,
      total: '26520.42',
      budget: {
        programme: '1400000.00',
        allocation: null,
        spent: '26520.42',
        remaining: '1373479.58',
      },
      byFinancialYear: [
        { financialYear: '2021-22', spent: '5227.50' },
        { financialYear: '2022-23', spent: '21197.92' },
        { financialYear: '2023-24', spent: '95.00' },
      ],
    });
  });

  it("shows a supplier only its own contracts' spend, totals included, and never the budget", async () => {
    const northStar = await spend('northStar', {});
    expect(northStar).toMatchObject({
      total: '2792.92',
      budget: null,
      remaining: null,
      byServiceLine: [
        { serviceLine: 'POLITICAL_LEADERSHIP', spent: '2500.00' },
        { serviceLine: 'COACHING_MENTORING', spent: '292.92' },
      ],
      bySupplier: [{ supplier: { name: 'North Star Leadership Ltd' }, spent: '2792.92' }],
      byFinancialYear: [
        { financialYear: '2022-23', spent: '2697.92' },
        { financialYear: '2023-24', spent: '95.00' },
      ],
    });
    expect(
      (northStar.byContract as ByContract).map((row) => [row.contract.reference, row.value]),
    ).toEqual([
      ['A1', '250000.00'],
      ['A7', '250000.00'],
    ]);
    expect((await spend('northStar', { financialYear: '2021-22' })).total).toBe('0.00');

    const elsewhere = await spend('elsewhere', {});
    expect(elsewhere).toMatchObject({
      total: '5227.50',
      budget: null,
      byServiceLine: [{ serviceLine: 'COUNCILLOR_GROUPS', spent: '5227.50' }],
      bySupplier: [{ supplier: { name: 'Elsewhere Learning Ltd' }, spent: '5227.50' }],
      byFinancialYear: [{ financialYear: '2021-22', spent: '5227.50' }],
    });
    expect((elsewhere.byContract as ByContract).map((row) => row.contract.reference)).toEqual([
      'E5',
    ]);
  });

  it('refuses advisers, and answers NOT_FOUND to the manager of another programme', async () => {
    const filter = { programmeId: PROGRAMME };
    expect(codeOf(await scenario.as('northEastAdviser', SPEND, { filter }))).toBe('FORBIDDEN');
    expect(codeOf(await scenario.as('otherManager', SPEND, { filter }))).toBe('NOT_FOUND');
  });

  it('costs the same few SQL statements for 121 charges as for one', async () => {
    const cost = async (financialYear: string, las: number) => {
      const response = await scenario.as('manager', SPEND, {
        filter: { programmeId: PROGRAMME, financialYear },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.spend.byLocalAuthority).toHaveLength(las);
      return Number(response.headers.get('x-sql-statements'));
    };
    const one = await cost('2023-24', 1);
    const many = await cost('2021-22', 120);
    expect(many).toBe(one);
    // Sign-in (2), the budget, the contracts and the figures (3), contracts' spend to date (1),
    // lots (1), suppliers (1), LAs by id (1).
    expect(many).toBeLessThanOrEqual(9);
  });
});
