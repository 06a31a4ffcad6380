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
 * Corporate parenting diagnostics over HTTP, on the seeded default programme: the reference
 * scenario's diagnostic (scenarios/golden-2022-23.md) and each refusal. The api's clock is the
 * real date, after every date here.
 */
const PROGRAMME = DEFAULT_PROGRAMME.id;
const LA = { sunderland: 'E08000024', gateshead: 'E08000037', leeds: 'E08000035' };
const PRINCIPLES = [
  'BEST_INTERESTS_AND_WELLBEING',
  'EXPRESS_VIEWS',
  'TAKE_VIEWS_INTO_ACCOUNT',
  'ACCESS_TO_SERVICES',
  'HIGH_ASPIRATIONS',
  'SAFETY_AND_STABILITY',
  'PREPARATION_FOR_ADULTHOOD',
];

const DIAGNOSTIC = `query ($id: ID!) { diagnostic(id: $id) {
  id status financialYear plannedOn fieldworkStartedOn draftReportOn finalReportOn followUpDueOn
  cost rate rateUnit costedOn costFinancialYear noChargeReason
  localAuthority { name } contract { reference } supplier { name }
  engagement { status startedOn diagnostic { id } }
  findings { principle rating commentary }
  recommendations { text ownerRole dueOn enabler status }
} }`;
const PLAN = `mutation ($input: PlanDiagnosticInput!) { planDiagnostic(input: $input) { id status } }`;
const RATE = `mutation ($input: RateDiagnosticPrincipleInput!) { rateDiagnosticPrinciple(input: $input) { id } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('corporate parenting diagnostics over HTTP: the reference scenario', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  const auth: Record<string, Record<string, string>> = {};
  const engagement: Record<string, string> = {};
  const contract: Record<string, string> = {};
  let sunderland: string;
  let gateshead: string;

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await as(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  /** Every row a refused request must leave as it was. */
  const writes = async () => ({
    diagnostics: (await client.query('SELECT * FROM diagnostic ORDER BY id')).rows,
    findings: (await client.query('SELECT * FROM diagnostic_finding ORDER BY 1, 2')).rows,
    recommendations: (await client.query('SELECT * FROM diagnostic_recommendation ORDER BY id'))
      .rows,
    engagements: (await client.query('SELECT id, status, started_on FROM engagement ORDER BY id'))
      .rows,
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

  async function createContract(reference: string, supplierId: string, lotId: string) {
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
          rates: [{ unit: 'PER_DIAGNOSTIC', amount: '18500.00' }],
        },
      },
    );
    return data.createContract.id as string;
  }

  /** Referred and approved for 2022-23, as a manager would have early that year. */
  async function approved(gssCode: string, contractId: string): Promise<string> {
    const { referLocalAuthority } = await ok(
      'manager',
      `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
      {
        input: {
          programmeId: PROGRAMME,
          serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
          localAuthorityCode: gssCode,
          financialYear: '2022-23',
          reason: 'Corporate parenting board asked for a diagnostic',
          referredOn: '2022-06-01',
        },
      },
    );
    await ok(
      'manager',
      `mutation ($input: ApproveEngagementInput!) { approveEngagement(input: $input) { id } }`,
      { input: { engagementId: referLocalAuthority.id, contractId, decidedOn: '2022-06-08' } },
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
    auth.northEastAdviser = await bearer('REGIONAL_ADVISER', '--region', 'E12000001');
    auth.yorkshireAdviser = await bearer('REGIONAL_ADVISER', '--region', 'E12000003');

    const { programme } = await ok(
      'manager',
      `{ programme(id: "${PROGRAMME}") { lots(asOf: "2021-06-01") { id number } } }`,
    );
    const lot4 = (programme.lots as Array<{ id: string; number: number }>).find(
      (lot) => lot.number === 4,
    )!.id;
    const partners = await createSupplier('Corporate Parenting Partners', 'ops@cpp.example');
    const elsewhere = await createSupplier('Elsewhere Reviews Ltd', 'ops@elsewhere.example');
    contract.B4 = await createContract('B4', partners, lot4);
    contract.E4 = await createContract('E4', elsewhere, lot4);
    auth.partners = await bearer('SUPPLIER', '--supplier', partners);
    auth.elsewhere = await bearer('SUPPLIER', '--supplier', elsewhere);

    engagement.sunderland = await approved(LA.sunderland, contract.B4);
    engagement.gateshead = await approved(LA.gateshead, contract.B4);
    engagement.leeds = await approved(LA.leeds, contract.E4);

    // Sunderland's diagnostic, through every step to its final report on 2023-01-16.
    const { planDiagnostic } = await ok('partners', PLAN, {
      input: { engagementId: engagement.sunderland, plannedOn: '2022-09-05' },
    });
    sunderland = planDiagnostic.id;
    await ok(
      'partners',
      `mutation { startDiagnosticFieldwork(id: "${sunderland}", startedOn: "2022-10-03") { status } }`,
    );
    await ok(
      'partners',
      `mutation { submitDiagnosticDraftReport(id: "${sunderland}", submittedOn: "2022-12-12") { status } }`,
    );
    for (const principle of PRINCIPLES)
      await ok('partners', RATE, {
        input: {
          diagnosticId: sunderland,
          principle,
          rating: principle === 'EXPRESS_VIEWS' ? 'RED' : 'AMBER',
          commentary: `Found in fieldwork (${principle.toLowerCase()})`,
        },
      });
    await ok(
      'partners',
      `mutation ($input: AddDiagnosticRecommendationInput!) { addDiagnosticRecommendation(input: $input) { id } }`,
      {
        input: {
          diagnosticId: sunderland,
          text: 'Re-establish the children in care council, with the lead member attending.',
          ownerRole: 'LEAD_MEMBER',
          dueOn: '2023-06-30',
          enabler: 'LEADERSHIP_AND_GOVERNANCE',
        },
      },
    );
    await ok(
      'partners',
      `mutation { issueDiagnosticFinalReport(id: "${sunderland}", issuedOn: "2023-01-16") { status } }`,
    );
    // Gateshead's, planned only.
    gateshead = (
      await ok('partners', PLAN, {
        input: { engagementId: engagement.gateshead, plannedOn: '2023-02-06' },
      })
    ).planDiagnostic.id;
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
  });

  it("holds Sunderland's diagnostic to the scenario: £18,500.00 in 2022-23, follow-up due 2023-07-16", async () => {
    const { diagnostic } = await ok('manager', DIAGNOSTIC, { id: sunderland });
    expect(diagnostic).toMatchObject({
      status: 'FINAL_REPORT',
      financialYear: '2022-23',
      plannedOn: '2022-09-05',
      fieldworkStartedOn: '2022-10-03',
      draftReportOn: '2022-12-12',
      finalReportOn: '2023-01-16',
      followUpDueOn: '2023-07-16',
      cost: '18500.00',
      rate: '18500.00',
      rateUnit: 'PER_DIAGNOSTIC',
      costedOn: '2023-01-16',
      costFinancialYear: '2022-23',
      noChargeReason: null,
      localAuthority: { name: 'Sunderland' },
      contract: { reference: 'B4' },
      supplier: { name: 'Corporate Parenting Partners' },
      // Planning it started the engagement's delivery, as a first session does.
      engagement: {
        status: 'IN_DELIVERY',
        startedOn: '2022-09-05',
        diagnostic: { id: sunderland },
      },
      recommendations: [
        {
          text: 'Re-establish the children in care council, with the lead member attending.',
          ownerRole: 'LEAD_MEMBER',
          dueOn: '2023-06-30',
          enabler: 'LEADERSHIP_AND_GOVERNANCE',
          status: 'OPEN',
        },
      ],
    });
    expect(
      (diagnostic.findings as Array<{ principle: string; rating: string }>).map(
        (finding) => `${finding.principle} ${finding.rating}`,
      ),
    ).toEqual([
      'BEST_INTERESTS_AND_WELLBEING AMBER',
      'EXPRESS_VIEWS RED',
      'TAKE_VIEWS_INTO_ACCOUNT AMBER',
      'ACCESS_TO_SERVICES AMBER',
      'HIGH_ASPIRATIONS AMBER',
      'SAFETY_AND_STABILITY AMBER',
      'PREPARATION_FOR_ADULTHOOD AMBER',
    ]);
  });

  it('counts 1 final report against the lot 4 target of 12 (Gateshead planned), and rates by principle', async () => {
    const { diagnosticsProgress, diagnosticRatings } = await ok(
      'manager',
      `{ diagnosticsProgress(programmeId: "${PROGRAMME}", financialYear: "2022-23") {
           financialYear target planned inProgress finalReports total remaining }
         diagnosticRatings(programmeId: "${PROGRAMME}", financialYear: "2022-23") {
           principle red amber green } }`,
    );
    expect(diagnosticsProgress).toEqual({
      financialYear: '2022-23',
      target: 12,
      planned: 1,
      inProgress: 0,
      finalReports: 1,
      total: 2,
      remaining: 11,
    });
    expect(diagnosticRatings).toHaveLength(7);
    expect(diagnosticRatings[0]).toEqual({
      principle: 'BEST_INTERESTS_AND_WELLBEING',
      red: 0,
      amber: 1,
      green: 0,
    });
    expect(diagnosticRatings[1]).toEqual({
      principle: 'EXPRESS_VIEWS',
      red: 1,
      amber: 0,
      green: 0,
    });
  });

  it('shows each role its share: advisers their regions’ LAs, without the cost', async () => {
    const list = async (who: string) => {
      const { diagnostics } = await ok(
        who,
        `{ diagnostics(first: 100, filter: { programmeId: "${PROGRAMME}", financialYear: "2022-23" }) {
            totalCount edges { node { id localAuthority { name } } } } }`,
      );
      return (diagnostics.edges as Array<{ node: { localAuthority: { name: string } } }>)
        .map((edge) => edge.node.localAuthority.name)
        .sort();
    };
    expect(await list('manager')).toEqual(['Gateshead', 'Sunderland']);
    expect(await list('admin')).toEqual(['Gateshead', 'Sunderland']);
    expect(await list('partners')).toEqual(['Gateshead', 'Sunderland']);
    expect(await list('elsewhere')).toEqual([]);
    expect(await list('northEastAdviser')).toEqual(['Gateshead', 'Sunderland']);
    expect(await list('yorkshireAdviser')).toEqual([]);
    expect(codeOf(await as('elsewhere', DIAGNOSTIC, { id: sunderland }))).toBe('NOT_FOUND');

    const seen = await as(
      'northEastAdviser',
      `{ diagnostic(id: "${sunderland}") { status followUpDueOn cost } }`,
    );
    // The cost is the contract's rate: refused to advisers, the rest of the diagnostic answered.
    expect({ diagnostic: seen.data?.diagnostic, code: codeOf(seen) }).toEqual({
      diagnostic: { status: 'FINAL_REPORT', followUpDueOn: '2023-07-16', cost: null },
      code: 'FORBIDDEN',
    });
    expect(
      (
        await ok(
          'northEastAdviser',
          `{ diagnostic(id: "${sunderland}") { status followUpDueOn findings { rating } } }`,
        )
      ).diagnostic,
    ).toMatchObject({ status: 'FINAL_REPORT', followUpDueOn: '2023-07-16' });
  });

  it('refuses each illegal request with its code and writes nothing', async () => {
    const before = await writes();
    const refusals: Array<[string, string, string, Record<string, unknown>?]> = [
      // A second diagnostic for the same LA and year.
      [
        'CONFLICT',
        'partners',
        PLAN,
        { input: { engagementId: engagement.sunderland, plannedOn: '2022-10-03' } },
      ],
      // Moves out of order.
      [
        'INVALID_TRANSITION',
        'partners',
        `mutation { startDiagnosticFieldwork(id: "${sunderland}") { id } }`,
      ],
      [
        'INVALID_TRANSITION',
        'partners',
        `mutation { issueDiagnosticFinalReport(id: "${gateshead}") { id } }`,
      ],
      // A principle the Act does not have.
      [
        'BAD_USER_INPUT',
        'partners',
        RATE,
        {
          input: {
            diagnosticId: gateshead,
            principle: 'VALUE_FOR_MONEY',
            rating: 'GREEN',
            commentary: 'Cheap',
          },
        },
      ],
      // Another supplier's engagement and diagnostic are not there for them.
      [
        'NOT_FOUND',
        'elsewhere',
        PLAN,
        { input: { engagementId: engagement.sunderland, plannedOn: '2022-10-03' } },
      ],
      [
        'NOT_FOUND',
        'elsewhere',
        `mutation { startDiagnosticFieldwork(id: "${gateshead}") { id } }`,
      ],
      [
        'NOT_FOUND',
        'elsewhere',
        RATE,
        {
          input: {
            diagnosticId: gateshead,
            principle: 'EXPRESS_VIEWS',
            rating: 'GREEN',
            commentary: 'Strong',
          },
        },
      ],
      // Managers read the report; they do not write it.
      [
        'FORBIDDEN',
        'manager',
        PLAN,
        { input: { engagementId: engagement.leeds, plannedOn: '2022-10-03' } },
      ],
      // A day that has not come.
      [
        'BAD_USER_INPUT',
        'partners',
        `mutation { startDiagnosticFieldwork(id: "${gateshead}", startedOn: "2099-01-01") { id } }`,
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

  it('costs the same few SQL statements for a page of 100 diagnostics as for 5', async () => {
    // 120 diagnostics of 2021-22, each with an engagement and a finding, straight into the tables.
    const { rows } = await client.query<{ supplier_id: string }>(
      `SELECT supplier_id FROM contract WHERE id = $1`,
      [contract.B4],
    );
    await client.query(
      `WITH las AS (
         SELECT id FROM local_authority WHERE valid_to IS NULL ORDER BY gss_code LIMIT 120
       ), engagements AS (
         INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year,
                                 status, referral_reason, referred_on, contract_id, decided_on)
         SELECT $1, 'CORPORATE_PARENTING_DIAGNOSTIC', id, '2021-22', 'IN_DELIVERY', 'Benchmark',
                '2021-06-01', $2, '2021-06-08'
           FROM las
         RETURNING id, local_authority_id
       ), diagnostics AS (
         INSERT INTO diagnostic (programme_id, service_line, engagement_id, local_authority_id,
                                 supplier_id, contract_id, financial_year, status, planned_on)
         SELECT $1, 'CORPORATE_PARENTING_DIAGNOSTIC', id, local_authority_id, $3, $2, '2021-22',
                'PLANNED', '2021-09-06'
           FROM engagements
         RETURNING id
       )
       INSERT INTO diagnostic_finding (diagnostic_id, principle, rating, commentary)
       SELECT id, 'EXPRESS_VIEWS', 'GREEN', 'Heard' FROM diagnostics`,
      [PROGRAMME, contract.B4, rows[0].supplier_id],
    );
    const cost = async (first: number) => {
      const response = await as(
        'manager',
        `{ diagnostics(first: ${first}, filter: { financialYear: "2021-22" }) { totalCount edges { node {
            status cost noChargeReason contract { reference } supplier { name }
            engagement { status } localAuthority { name region { name } }
            findings { principle rating } recommendations { status } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.diagnostics.edges).toHaveLength(first);
      return Number(response.headers.get('x-sql-statements'));
    };
    const five = await cost(5);
    const hundred = await cost(100);
    expect(hundred).toBe(five);
    // Sign-in (2), the page and its count (2), contracts (1), suppliers (1), engagements (1),
    // LAs by id (1), regions (1), findings (1), recommendations (1).
    expect(hundred).toBe(11);
  });
});
