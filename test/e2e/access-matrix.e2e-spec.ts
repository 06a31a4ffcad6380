import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { startApi, type RunningApi } from '../support/api';
import { insertSupplier } from '../support/suppliers';
import { TEST_SECRET, tokenFor, tokenForStranger } from '../support/tokens';

type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const CALLERS = [
  'anonymous',
  'noRole',
  'ADMIN',
  'PROGRAMME_MANAGER',
  'SUPPLIER',
  'REGIONAL_ADVISER',
] as const;
type CallerKind = (typeof CALLERS)[number];

/** Records the documents name, made before the table is run. */
interface Fixtures {
  /** The supplier whose staff the SUPPLIER caller are, holding a contract in the default programme. */
  supplierId: string;
  /** Lot 1 of the default programme as seeded. */
  lotId: string;
  contractId: string;
  /** Someone who is none of the callers, for changes to who manages what. */
  spareUserId: string;
}

interface Row {
  /** A request that reaches the operation with valid arguments. */
  document: string | ((fixtures: Fixtures, kind: CallerKind) => string);
  expected: Record<CallerKind, Outcome>;
  /** Error codes the operation itself may answer once past the role check. */
  answers?: string[];
}

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** Allowed to programme managers and admins only. */
const managersOnly = {
  anonymous: 'UNAUTHENTICATED',
  noRole: 'FORBIDDEN',
  ADMIN: 'ALLOWED',
  PROGRAMME_MANAGER: 'ALLOWED',
  SUPPLIER: 'FORBIDDEN',
  REGIONAL_ADVISER: 'FORBIDDEN',
} as const;

/** Allowed to supplier staff only: they record their own delivery. */
const suppliersOnly = {
  anonymous: 'UNAUTHENTICATED',
  noRole: 'FORBIDDEN',
  ADMIN: 'FORBIDDEN',
  PROGRAMME_MANAGER: 'FORBIDDEN',
  SUPPLIER: 'ALLOWED',
  REGIONAL_ADVISER: 'FORBIDDEN',
} as const;

const everyRole = {
  ADMIN: 'ALLOWED',
  PROGRAMME_MANAGER: 'ALLOWED',
  SUPPLIER: 'ALLOWED',
  REGIONAL_ADVISER: 'ALLOWED',
} as const;

const programmeId = DEFAULT_PROGRAMME.id;

/**
 * Every query and mutation in the schema, and what each kind of caller gets. An operation the
 * schema has and this table lacks fails the test: whoever adds one decides who may use it here.
 */
const MATRIX: Record<string, Row> = {
  'Query.me': {
    document: '{ me { subject grants { role } } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'ALLOWED', ...everyRole },
  },
  'Query.regions': {
    document: '{ regions { code } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'ALLOWED', ...everyRole },
  },
  'Query.localAuthorities': {
    document: '{ localAuthorities(first: 1) { totalCount } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'ALLOWED', ...everyRole },
  },
  'Query.eligibleLocalAuthorities': {
    document:
      '{ eligibleLocalAuthorities(serviceLine: COACHING_MENTORING, asOf: "2024-06-30") { eligible } }',
    expected: {
      anonymous: 'UNAUTHENTICATED',
      noRole: 'FORBIDDEN',
      ADMIN: 'ALLOWED',
      PROGRAMME_MANAGER: 'ALLOWED',
      SUPPLIER: 'FORBIDDEN',
      REGIONAL_ADVISER: 'ALLOWED',
    },
  },
  'Mutation.recordInspection': {
    // The second caller allowed meets CONFLICT (already recorded): past the role check all the same.
    document: `mutation { recordInspection(input: { localAuthorityCode: "E06000064", type: MONITORING_VISIT, inspectedOn: "2024-02-05" }) { id } }`,
    answers: ['CONFLICT'],
    expected: managersOnly,
  },
  'Mutation.recordConcern': {
    document: `mutation { recordConcern(input: { localAuthorityCode: "E06000064", note: "Caseloads rising" }) { id } }`,
    expected: managersOnly,
  },
  'Query.localAuthority': {
    document: '{ localAuthority(code: "E08000035") { name engagements { id } } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'ALLOWED', ...everyRole },
  },
  'Query.engagements': {
    document: '{ engagements(first: 5) { totalCount } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.engagement': {
    document: `{ engagement(id: "${NO_SUCH_ID}") { id } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
    answers: ['NOT_FOUND'],
  },
  'Query.auditEvents': {
    document:
      '{ auditEvents(first: 5) { totalCount edges { node { action changes { field } } } } }',
    expected: managersOnly,
  },
  'Mutation.referLocalAuthority': {
    document: `mutation { referLocalAuthority(input: { programmeId: "${NO_SUCH_ID}", serviceLine: POLITICAL_LEADERSHIP, localAuthorityCode: "E06000001", financialYear: "2022-23", reason: "New leader" }) { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.approveEngagement': {
    document: `mutation { approveEngagement(input: { engagementId: "${NO_SUCH_ID}", contractId: "${NO_SUCH_ID}" }) { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.declineEngagement': {
    document: `mutation { declineEngagement(id: "${NO_SUCH_ID}", reason: "Supported elsewhere") { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.startEngagement': {
    document: `mutation { startEngagement(id: "${NO_SUCH_ID}") { id } }`,
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
    answers: ['NOT_FOUND'],
  },
  'Mutation.completeEngagement': {
    document: `mutation { completeEngagement(id: "${NO_SUCH_ID}") { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.withdrawEngagement': {
    document: `mutation { withdrawEngagement(id: "${NO_SUCH_ID}", reason: "Leader resigned") { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Query.deliverySessions': {
    document:
      '{ deliverySessions(first: 5) { totalCount edges { node { id dueBy overdue cost } } } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.deliverySession': {
    document: `{ deliverySession(id: "${NO_SUCH_ID}") { id } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
    answers: ['NOT_FOUND'],
  },
  // Made-up engagements and sessions: those allowed are answered NOT_FOUND.
  'Mutation.planSession': {
    document: `mutation { planSession(input: { engagementIds: ["${NO_SUCH_ID}"], plannedOn: "2022-12-19" }) { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.recordSession': {
    document: `mutation { recordSession(input: { engagementIds: ["${NO_SUCH_ID}"], deliveredOn: "2022-06-14", durationMinutes: 90, format: IN_PERSON, topic: "Scrutiny", attendance: [{ role: LEAD_MEMBER, count: 1 }] }) { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.updateSession': {
    document: `mutation { updateSession(input: { id: "${NO_SUCH_ID}", topic: "Scrutiny" }) { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.submitSession': {
    document: `mutation { submitSession(id: "${NO_SUCH_ID}") { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  // A file that is not a sessions template: those allowed are answered BAD_USER_INPUT.
  'Mutation.importSessions': {
    document: `mutation { importSessions(input: { fileName: "sessions.csv", contentBase64: "${Buffer.from('session_reference\nS1\n').toString('base64')}", dryRun: true }) { rowsRead } }`,
    expected: suppliersOnly,
    answers: ['BAD_USER_INPUT'],
  },
  'Mutation.approveSession': {
    document: `mutation { approveSession(id: "${NO_SUCH_ID}") { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.returnSession': {
    document: `mutation { returnSession(id: "${NO_SUCH_ID}", reason: "Wrong date") { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  // Diagnostics are read as engagements are; the supplier alone writes its report. Made-up ids:
  // the supplier is answered NOT_FOUND.
  'Query.diagnostics': {
    document: `{ diagnostics(first: 5, filter: { financialYear: "2022-23" }) { totalCount edges { node { id status followUpDueOn findings { rating } recommendations { status } } } } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.diagnostic': {
    document: `{ diagnostic(id: "${NO_SUCH_ID}") { id } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
    answers: ['NOT_FOUND'],
  },
  'Query.diagnosticsProgress': {
    document: `{ diagnosticsProgress(programmeId: "${programmeId}", financialYear: "2022-23") { target finalReports } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.diagnosticRatings': {
    document: `{ diagnosticRatings(programmeId: "${programmeId}", financialYear: "2022-23") { principle red amber green } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Mutation.planDiagnostic': {
    document: `mutation { planDiagnostic(input: { engagementId: "${NO_SUCH_ID}", plannedOn: "2022-09-05" }) { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.startDiagnosticFieldwork': {
    document: `mutation { startDiagnosticFieldwork(id: "${NO_SUCH_ID}", startedOn: "2022-10-03") { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.submitDiagnosticDraftReport': {
    document: `mutation { submitDiagnosticDraftReport(id: "${NO_SUCH_ID}") { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.issueDiagnosticFinalReport': {
    document: `mutation { issueDiagnosticFinalReport(id: "${NO_SUCH_ID}", issuedOn: "2023-01-16") { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.rateDiagnosticPrinciple': {
    document: `mutation { rateDiagnosticPrinciple(input: { diagnosticId: "${NO_SUCH_ID}", principle: EXPRESS_VIEWS, rating: AMBER, commentary: "Rarely heard" }) { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.addDiagnosticRecommendation': {
    document: `mutation { addDiagnosticRecommendation(input: { diagnosticId: "${NO_SUCH_ID}", text: "Set up a board", ownerRole: LEADER_OF_COUNCIL, dueOn: "2023-06-30", enabler: LEADERSHIP_AND_GOVERNANCE }) { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.updateDiagnosticRecommendation': {
    document: `mutation { updateDiagnosticRecommendation(input: { id: "${NO_SUCH_ID}", status: DONE }) { id } }`,
    expected: suppliersOnly,
    answers: ['NOT_FOUND'],
  },
  // Participants are personal data: never for advisers. Made-up ids: those allowed meet NOT_FOUND.
  'Query.participants': {
    document: '{ participants(first: 5) { totalCount edges { node { id name } } } }',
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
  },
  'Mutation.addParticipant': {
    document: `mutation { addParticipant(input: { engagementId: "${NO_SUCH_ID}", name: "Alex Morgan", role: LEADER_OF_COUNCIL }) { id } }`,
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
    answers: ['NOT_FOUND'],
  },
  'Mutation.updateParticipant': {
    document: `mutation { updateParticipant(input: { id: "${NO_SUCH_ID}", name: "Alex Morgan" }) { id } }`,
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
    answers: ['NOT_FOUND'],
  },
  'Mutation.eraseParticipant': {
    document: `mutation { eraseParticipant(id: "${NO_SUCH_ID}") { id } }`,
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
    answers: ['NOT_FOUND'],
  },
  // Made-up engagements: those allowed are answered NOT_FOUND.
  'Mutation.allocateCoachingHours': {
    document: `mutation { allocateCoachingHours(input: { engagementId: "${NO_SUCH_ID}", role: LEADER_OF_COUNCIL, minutes: 600 }) { remainingMinutes } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.approveCoachingVariation': {
    document: `mutation { approveCoachingVariation(input: { engagementId: "${NO_SUCH_ID}", role: LEADER_OF_COUNCIL, extraMinutes: 60, reason: "Inspection brought forward" }) { remainingMinutes } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Query.leadMemberNetworks': {
    document: `{ leadMemberNetworks(programmeId: "${programmeId}") { name region { improvementAlliance } } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.networkMeetings': {
    document:
      '{ networkMeetings(first: 5) { totalCount edges { node { heldOn topics attendingLocalAuthorities { name } } } } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.networkCoverage': {
    document: `{ networkCoverage(programmeId: "${programmeId}", financialYear: "2022-23") { region { code } attendedCount activeCount share } }`,
    expected: { ...managersOnly, REGIONAL_ADVISER: 'ALLOWED' },
  },
  // A made-up network: those allowed are answered NOT_FOUND.
  'Mutation.recordNetworkMeeting': {
    document: `mutation { recordNetworkMeeting(input: { networkId: "${NO_SUCH_ID}", heldOn: "2022-10-12", topics: ["Corporate parenting"], attendingLocalAuthorityCodes: ["E06000001"] }) { id } }`,
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
    answers: ['NOT_FOUND'],
  },
  // Every role reads its own reminders; a caller with no role has none to read.
  'Query.notifications': {
    document:
      '{ notifications(first: 5, filter: { status: [PENDING, SENT] }) { totalCount edges { node { id kind recipient status } } } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.inspectionImports': {
    document: '{ inspectionImports(first: 1) { totalCount } }',
    expected: managersOnly,
  },
  'Query.inspectionImport': {
    // No import exists in this database: those allowed are answered NOT_FOUND.
    document: '{ inspectionImport(id: "0b6f4c1e-3f5d-4c1a-9a8e-1f2d3c4b5a69") { status } }',
    answers: ['NOT_FOUND'],
    expected: managersOnly,
  },
  // Every role reads programmes, each within its scope: the manager runs the default programme,
  // the supplier holds a contract in it, advisers and admins see all.
  'Query.programmes': {
    document: '{ programmes { id } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.programme': {
    document: `{ programme(id: "${programmeId}") { name lots { number } serviceLines { code targets { target } } suppliers { name } contracts { reference } } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Query.suppliers': {
    document: '{ suppliers { name } }',
    expected: managersOnly,
  },
  // The second caller allowed meets CONFLICT (the name is taken): past the role check all the same.
  'Mutation.createProgramme': {
    answers: ['CONFLICT'],
    document: `mutation { createProgramme(input: { name: "Access matrix programme", contractingAuthority: "DfE", startsOn: "2025-04-01", endsOn: "2026-03-31", budget: "1000.00" }) { id } }`,
    expected: managersOnly,
  },
  'Mutation.updateProgramme': {
    document: `mutation { updateProgramme(input: { programmeId: "${programmeId}", budget: "1400000.00" }) { id } }`,
    expected: managersOnly,
  },
  'Mutation.setServiceLineTarget': {
    document: `mutation { setServiceLineTarget(input: { programmeId: "${programmeId}", serviceLine: COACHING_MENTORING, financialYear: "2023-24", targetBasis: NONE, cap: 15, effectiveFrom: "2023-04-01" }) { code } }`,
    expected: managersOnly,
  },
  // Each variation must come after the last, so each caller varies from a day of its own.
  'Mutation.varyLots': {
    document: (_fixtures, kind) =>
      `mutation { varyLots(input: { programmeId: "${programmeId}", effectiveOn: "${kind === 'PROGRAMME_MANAGER' ? '2023-10-01' : '2023-04-01'}", lots: [{ number: 1, title: "Everything", serviceLines: [POLITICAL_LEADERSHIP, CORPORATE_LEADERSHIP, LEAD_MEMBER_NETWORKS, CORPORATE_PARENTING_DIAGNOSTIC, COUNCILLOR_GROUPS, TARGETED_SUPPORT, COACHING_MENTORING] }] }) { id } }`,
    expected: managersOnly,
  },
  'Mutation.createSupplier': {
    answers: ['CONFLICT'],
    document: `mutation { createSupplier(input: { name: "Matrix Consulting", contactEmail: "ops@matrix.example" }) { id } }`,
    expected: managersOnly,
  },
  'Mutation.addSupplierContact': {
    answers: ['CONFLICT'],
    document: ({ supplierId }) =>
      `mutation { addSupplierContact(input: { supplierId: "${supplierId}", email: "desk@matrix.example" }) { id } }`,
    expected: managersOnly,
  },
  'Mutation.createContract': {
    answers: ['CONFLICT'],
    document: ({ supplierId, lotId }) =>
      `mutation { createContract(input: { programmeId: "${programmeId}", supplierId: "${supplierId}", lotId: "${lotId}", reference: "MATRIX-1", value: "1000.00", startsOn: "2021-06-01", endsOn: "2022-03-31", rates: [] }) { id } }`,
    expected: managersOnly,
  },
  'Mutation.updateContract': {
    document: ({ contractId }) =>
      `mutation { updateContract(input: { contractId: "${contractId}", value: "2000.00" }) { id } }`,
    expected: managersOnly,
  },
  // Returns are delivery and spend: not for advisers. The supplier's contract runs from June 2021.
  'Query.monthlyReturns': {
    document: '{ monthlyReturns(first: 5) { totalCount edges { node { month status } } } }',
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
  },
  'Query.monthlyReturn': {
    document: `{ monthlyReturn(id: "${NO_SUCH_ID}") { id } }`,
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
    answers: ['NOT_FOUND'],
  },
  'Mutation.submitMonthlyReturn': {
    document: `mutation { submitMonthlyReturn(input: { programmeId: "${programmeId}", month: "2021-07", sessionsDelivered: 2, participants: 9, spend: "2500.00" }) { id status } }`,
    expected: {
      ...managersOnly,
      ADMIN: 'FORBIDDEN',
      PROGRAMME_MANAGER: 'FORBIDDEN',
      SUPPLIER: 'ALLOWED',
    },
  },
  'Mutation.acceptMonthlyReturn': {
    document: `mutation { acceptMonthlyReturn(id: "${NO_SUCH_ID}") { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Mutation.returnMonthlyReturn': {
    document: `mutation { returnMonthlyReturn(id: "${NO_SUCH_ID}", reason: "Spend does not add up") { id } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  // Spend is programme data: the supplier sees its own contracts' (it holds one here), advisers none.
  'Query.spend': {
    document: `{ spend(filter: { programmeId: "${programmeId}" }) { total budget { remaining } byContract { value } } }`,
    expected: { ...managersOnly, SUPPLIER: 'ALLOWED' },
  },
  // Reports are the programme's: its managers and admins alone, whatever the kind.
  'Mutation.requestReport': {
    document: `mutation { requestReport(input: { programmeId: "${programmeId}", kind: MONTHLY_MI, financialYear: "2022-23", format: ODS }) { id status } }`,
    expected: managersOnly,
  },
  'Query.report': {
    document: `{ report(id: "${NO_SUCH_ID}") { id status progress downloadUrl } }`,
    expected: managersOnly,
    answers: ['NOT_FOUND'],
  },
  'Query.reports': {
    document: `{ reports(filter: { programmeId: "${programmeId}" }, first: 5) { totalCount edges { node { id status } } } }`,
    expected: managersOnly,
  },
  // The dashboard is the programme's: the budget and every supplier's figures.
  'Query.programmeDashboard': {
    document: `{ programmeDashboard(programmeId: "${programmeId}", financialYear: "2022-23") { financialYear serviceLines { serviceLine localAuthoritiesReached } } }`,
    expected: managersOnly,
  },
  'Mutation.assignProgrammeManager': {
    document: ({ spareUserId }) =>
      `mutation { assignProgrammeManager(input: { programmeId: "${programmeId}", userId: "${spareUserId}" }) { assigned } }`,
    expected: { ...managersOnly, PROGRAMME_MANAGER: 'FORBIDDEN' },
  },
  'Mutation.revokeProgrammeManager': {
    document: ({ spareUserId }) =>
      `mutation { revokeProgrammeManager(input: { programmeId: "${programmeId}", userId: "${spareUserId}" }) { assigned } }`,
    expected: { ...managersOnly, PROGRAMME_MANAGER: 'FORBIDDEN' },
  },
  'Query.users': {
    document: '{ users(first: 1) { totalCount edges { node { id assignments { role } } } } }',
    expected: { ...managersOnly, PROGRAMME_MANAGER: 'FORBIDDEN' },
  },
  'Mutation.assignRole': {
    document: ({ spareUserId }) =>
      `mutation { assignRole(input: { userId: "${spareUserId}", role: REGIONAL_ADVISER, regionCode: "E12000003" }) { id } }`,
    expected: { ...managersOnly, PROGRAMME_MANAGER: 'FORBIDDEN' },
  },
  'Mutation.revokeRole': {
    document: ({ spareUserId }) =>
      `mutation { revokeRole(input: { userId: "${spareUserId}", role: REGIONAL_ADVISER, regionCode: "E12000003" }) { id } }`,
    expected: { ...managersOnly, PROGRAMME_MANAGER: 'FORBIDDEN' },
  },
  'Query.apiTokens': {
    document: '{ apiTokens { id name prefix } }',
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'ALLOWED', ...everyRole },
  },
  'Mutation.createApiToken': {
    // A month ahead: always within the year a token may last.
    document: (_fixtures, kind) =>
      `mutation { createApiToken(input: { name: "Matrix ${kind}", expiresOn: "${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}" }) { token { id } } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'FORBIDDEN', ...everyRole },
  },
  'Mutation.revokeApiToken': {
    document: `mutation { revokeApiToken(id: "${NO_SUCH_ID}") { id } }`,
    expected: { anonymous: 'UNAUTHENTICATED', noRole: 'ALLOWED', ...everyRole },
    answers: ['NOT_FOUND'],
  },
};

describe('the access matrix', () => {
  let database: TestDatabase;
  let api: RunningApi;
  const tokens: Partial<Record<CallerKind, string>> = {};
  const fixtures = {} as Fixtures;

  const asAdmin = async (query: string) => {
    const response = await api.graphql(query, undefined, {
      authorization: `Bearer ${tokens.ADMIN}`,
    });
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { AUTH_HS256_SECRET: TEST_SECRET },
    );
    tokens.noRole = await tokenForStranger();
    tokens.ADMIN = await tokenFor(database.url, 'ADMIN');
    tokens.PROGRAMME_MANAGER = await tokenFor(
      database.url,
      'PROGRAMME_MANAGER',
      '--programme',
      programmeId,
    );
    fixtures.supplierId = await insertSupplier(database.url, 'Matrix Supplier Ltd');
    tokens.SUPPLIER = await tokenFor(database.url, 'SUPPLIER', '--supplier', fixtures.supplierId);
    tokens.REGIONAL_ADVISER = await tokenFor(
      database.url,
      'REGIONAL_ADVISER',
      '--region',
      'E12000001',
    );
    const spare = await tokenFor(database.url, 'REGIONAL_ADVISER', '--region', 'E12000002');
    fixtures.spareUserId = (
      await api.graphql('{ me { userId } }', undefined, { authorization: `Bearer ${spare}` })
    ).data!.me.userId;
    const { programme } = await asAdmin(
      `{ programme(id: "${programmeId}") { lots(asOf: "2021-06-01") { id number } } }`,
    );
    const lots = programme.lots as Array<{ id: string; number: number }>;
    fixtures.lotId = lots.find((lot) => lot.number === 1)!.id;
    const { createContract } = await asAdmin(
      `mutation { createContract(input: { programmeId: "${programmeId}", supplierId: "${fixtures.supplierId}", lotId: "${fixtures.lotId}", reference: "MATRIX-0", value: "500.00", startsOn: "2021-06-01", endsOn: "2022-03-31", rates: [] }) { id } }`,
    );
    fixtures.contractId = createContract.id;
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  it('covers every query and mutation in the schema', async () => {
    const response = await api.graphql<{
      __schema: {
        queryType: { fields: Array<{ name: string }> };
        mutationType: { fields: Array<{ name: string }> } | null;
      };
    }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const schema = response.data!.__schema;
    const operations = [
      ...schema.queryType.fields.map((field) => `Query.${field.name}`),
      ...(schema.mutationType?.fields ?? []).map((field) => `Mutation.${field.name}`),
    ].sort();
    expect(operations).toEqual(Object.keys(MATRIX).sort());
  });

  describe.each(Object.entries(MATRIX))('%s', (_operation, row) => {
    it.each(CALLERS)('answers %s as the table says', async (kind) => {
      const token = tokens[kind];
      const response = await api.graphql(
        typeof row.document === 'string' ? row.document : row.document(fixtures, kind),
        undefined,
        token ? { authorization: `Bearer ${token}` } : {},
      );
      const code = response.errors?.[0]?.extensions?.code;
      const outcome: Outcome =
        code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : 'ALLOWED';
      // Past the role check, only the operation's own answers may come back.
      const unexpected = response.errors?.filter(
        (error) => !row.answers?.includes(String(error.extensions?.code)),
      );
      expect({
        outcome,
        errors: outcome === 'ALLOWED' && unexpected?.length ? unexpected : undefined,
      }).toEqual({
        outcome: row.expected[kind],
        errors: undefined,
      });
    });
  });
});
