import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import type { GraphQLResponse, RunningApi } from './api';
import { tokenFor } from './tokens';

/**
 * The reference scenario (scenarios/golden-2022-23.md) built through the API on the seeded
 * default programme: its suppliers, contracts, engagements and sessions S1–S7. The api's clock is
 * the real date, after every date here.
 */
export const GOLDEN_PROGRAMME = DEFAULT_PROGRAMME.id;

export const GOLDEN_LA = {
  hartlepool: 'E06000001',
  middlesbrough: 'E06000002',
  redcar: 'E06000003',
  stockton: 'E06000004',
  darlington: 'E06000005',
  leeds: 'E08000035',
  sandwell: 'E08000028',
  sunderland: 'E08000024',
};

/** The seven corporate parenting principles, by their codes in the API. */
export const GOLDEN_PRINCIPLES = [
  'BEST_INTERESTS_AND_WELLBEING',
  'EXPRESS_VIEWS',
  'TAKE_VIEWS_INTO_ACCOUNT',
  'ACCESS_TO_SERVICES',
  'HIGH_ASPIRATIONS',
  'SAFETY_AND_STABILITY',
  'PREPARATION_FOR_ADULTHOOD',
];

export interface GoldenScenario {
  /** Request headers by caller: manager, northEastAdviser, northStar, elsewhere. */
  auth: Record<string, Record<string, string>>;
  /** Suppliers: northStar, partners (Corporate Parenting Partners) and elsewhere (no contract). */
  supplier: Record<string, string>;
  /** Contracts A1, A7 and B4. */
  contract: Record<string, string>;
  /** Engagements by LA: hartlepool, middlesbrough, redcar, leeds, sandwell, sunderland. */
  engagement: Record<string, string>;
  /** Sessions S1–S7. */
  session: Record<string, string>;
  /** Diagnostic ids by LA. */
  diagnostic: Record<string, string>;
  /** The id of a lot of the default programme as seeded, by number. */
  lot(number: number): string;
  as(who: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  /** The data of a request that must succeed; throws with its errors otherwise. */
  ok(who: string, query: string, variables?: Record<string, unknown>): Promise<Record<string, any>>;
  createSupplier(name: string, contactEmail: string): Promise<string>;
  createContract(
    reference: string,
    supplierId: string,
    lotId: string,
    unit: string,
    amount: string,
  ): Promise<string>;
  /** Referred and approved for a year (2022-23 unless told), as a manager would have early that year. */
  approved(
    gssCode: string,
    serviceLine: string,
    contractId: string,
    options?: { financialYear?: string; overrideReason?: string },
  ): Promise<string>;
  /** Recorded by a supplier's staff (North Star's unless told): the new session's id. */
  record(input: Record<string, unknown>, who?: string): Promise<string>;
  submit(id: string, who?: string): Promise<Record<string, any>>;
  approve(id: string): Promise<Record<string, any>>;
}

/** A one-to-one or single-LA session: the LA may be left out of its attendance. */
export const singleSession = (
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

export async function buildGoldenScenario(
  api: RunningApi,
  databaseUrl: string,
): Promise<GoldenScenario> {
  const auth: GoldenScenario['auth'] = {};
  const bearer = async (role: string, ...scope: string[]) => ({
    authorization: `Bearer ${await tokenFor(databaseUrl, role, ...scope)}`,
  });
  const as: GoldenScenario['as'] = (who, query, variables) =>
    api.graphql(query, variables, auth[who]);
  const ok: GoldenScenario['ok'] = async (who, query, variables) => {
    const response = await as(who, query, variables);
    if (response.errors)
      throw new Error(`${who} was refused: ${JSON.stringify(response.errors, null, 2)}`);
    return response.data!;
  };

  auth.manager = await bearer('PROGRAMME_MANAGER', '--programme', GOLDEN_PROGRAMME);
  auth.northEastAdviser = await bearer('REGIONAL_ADVISER', '--region', 'E12000001');
  const { programme } = await ok(
    'manager',
    `{ programme(id: "${GOLDEN_PROGRAMME}") { lots(asOf: "2021-06-01") { id number } } }`,
  );
  const lot = (n: number) =>
    (programme.lots as Array<{ id: string; number: number }>).find((l) => l.number === n)!.id;

  const createSupplier: GoldenScenario['createSupplier'] = async (name, contactEmail) => {
    const data = await ok(
      'manager',
      `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id } }`,
      { input: { name, contactEmail } },
    );
    return data.createSupplier.id as string;
  };
  const createContract: GoldenScenario['createContract'] = async (
    reference,
    supplierId,
    lotId,
    unit,
    amount,
  ) => {
    const data = await ok(
      'manager',
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      {
        input: {
          programmeId: GOLDEN_PROGRAMME,
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
  };
  const approved: GoldenScenario['approved'] = async (
    gssCode,
    serviceLine,
    contractId,
    { financialYear = '2022-23', overrideReason } = {},
  ) => {
    const year = financialYear.slice(0, 4);
    const { referLocalAuthority } = await ok(
      'manager',
      `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
      {
        input: {
          programmeId: GOLDEN_PROGRAMME,
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
  };
  const record: GoldenScenario['record'] = async (input, who = 'northStar') =>
    (
      await ok(
        who,
        `mutation ($input: RecordSessionInput!) { recordSession(input: $input) { id status } }`,
        { input },
      )
    ).recordSession.id as string;
  const submit: GoldenScenario['submit'] = (id, who = 'northStar') =>
    ok(who, `mutation { submitSession(id: "${id}") { status } }`);
  const approve: GoldenScenario['approve'] = (id) =>
    ok('manager', `mutation { approveSession(id: "${id}") { status cost } }`);

  const supplier: GoldenScenario['supplier'] = {
    northStar: await createSupplier('North Star Leadership Ltd', 'ops@northstar.example'),
    partners: await createSupplier('Corporate Parenting Partners', 'ops@cpp.example'),
    elsewhere: await createSupplier('Elsewhere Learning Ltd', 'ops@elsewhere.example'),
  };
  const contract: GoldenScenario['contract'] = {
    A1: await createContract('A1', supplier.northStar, lot(1), 'PER_SESSION', '1250.00'),
    A7: await createContract('A7', supplier.northStar, lot(7), 'PER_HOUR', '95.00'),
    B4: await createContract('B4', supplier.partners, lot(4), 'PER_DIAGNOSTIC', '18500.00'),
  };
  auth.northStar = await bearer('SUPPLIER', '--supplier', supplier.northStar);
  auth.elsewhere = await bearer('SUPPLIER', '--supplier', supplier.elsewhere);

  const LA = GOLDEN_LA;
  const engagement: GoldenScenario['engagement'] = {};
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

  const session: GoldenScenario['session'] = {};
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
    singleSession(engagement.leeds, '2022-07-05', 120, [
      { role: 'LEAD_MEMBER', count: 1 },
      { role: 'LEADER_OF_COUNCIL', count: 1 },
    ]),
  );
  session.S3 = await record(
    singleSession(engagement.leeds, '2022-09-13', 90, [{ role: 'LEAD_MEMBER', count: 1 }]),
  );
  // Coaching draws on hours allocated to the role: Sandwell's leader of the council has 10 hours.
  await ok(
    'manager',
    `mutation { allocateCoachingHours(input: { engagementId: "${engagement.sandwell}", role: LEADER_OF_COUNCIL, minutes: 600 }) { role } }`,
  );
  const sandwell = [{ role: 'LEADER_OF_COUNCIL', count: 1 }];
  session.S4 = await record(singleSession(engagement.sandwell, '2022-10-03', 75, sandwell));
  session.S5 = await record(singleSession(engagement.sandwell, '2023-03-31', 50, sandwell));
  session.S6 = await record(singleSession(engagement.sandwell, '2023-04-03', 60, sandwell));
  for (const s of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']) await submit(session[s]);
  for (const s of ['S1', 'S2', 'S4', 'S5', 'S6']) await approve(session[s]);
  const { planSession } = await ok(
    'northStar',
    `mutation ($input: PlanSessionInput!) { planSession(input: $input) { id } }`,
    { input: { engagementIds: [engagement.leeds], plannedOn: '2022-12-19' } },
  );
  session.S7 = planSession.id as string;

  // Sunderland's diagnostic reaches its final report on 2023-01-16, every principle rated.
  auth.partners = await bearer('SUPPLIER', '--supplier', supplier.partners);
  const diagnostic: GoldenScenario['diagnostic'] = {};
  const { planDiagnostic } = await ok(
    'partners',
    `mutation ($input: PlanDiagnosticInput!) { planDiagnostic(input: $input) { id } }`,
    { input: { engagementId: engagement.sunderland, plannedOn: '2022-09-05' } },
  );
  diagnostic.sunderland = planDiagnostic.id as string;
  const moves: Array<[string, string, string]> = [
    ['startDiagnosticFieldwork', 'startedOn', '2022-10-03'],
    ['submitDiagnosticDraftReport', 'submittedOn', '2022-12-12'],
  ];
  for (const [move, dateArgument, date] of moves)
    await ok(
      'partners',
      `mutation { ${move}(id: "${diagnostic.sunderland}", ${dateArgument}: "${date}") { status } }`,
    );
  for (const principle of GOLDEN_PRINCIPLES)
    await ok(
      'partners',
      `mutation ($input: RateDiagnosticPrincipleInput!) { rateDiagnosticPrinciple(input: $input) { id } }`,
      {
        input: {
          diagnosticId: diagnostic.sunderland,
          principle,
          rating: 'AMBER',
          commentary: 'Found in fieldwork',
        },
      },
    );
  await ok(
    'partners',
    `mutation { issueDiagnosticFinalReport(id: "${diagnostic.sunderland}", issuedOn: "2023-01-16") { status } }`,
  );

  return {
    auth,
    supplier,
    contract,
    engagement,
    session,
    diagnostic,
    lot,
    as,
    ok,
    createSupplier,
    createContract,
    approved,
    record,
    submit,
    approve,
  };
}
