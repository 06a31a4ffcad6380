import { signReportLink } from '@la-tracker/domain/reports';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { changedTables, databaseFingerprint } from '../support/database-fingerprint';
import {
  buildGoldenScenario,
  GOLDEN_LA,
  GOLDEN_PROGRAMME,
  type GoldenScenario,
} from '../support/golden-scenario';
import { tokenFor } from '../support/tokens';

/**
 * Row-level scope (SPEC §2; OWASP API1 and API3): whoever names a record outside their scope is
 * answered exactly as if it did not exist, changes nothing, and finds none of it through lists,
 * filters, counts, nested fields or download links.
 *
 * The reference scenario supplies someone else's records of every kind: North Star and Corporate
 * Parenting Partners each hold contracts, Elsewhere holds none; the North East adviser's region
 * has Hartlepool, Middlesbrough, Redcar, Stockton, Darlington and Sunderland, not Leeds (Yorkshire)
 * or Sandwell (West Midlands); a second programme has a manager of its own and none of the
 * reference records.
 */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const NO_SUCH_CODE = 'E99999999';
const NORTH_EAST = 'E12000001';
const YORKSHIRE = 'E12000003';
const LINK_SECRET = 'scope-matrix-report-link-secret-0123456789';
const LA = GOLDEN_LA;

type Who =
  | 'admin'
  | 'manager'
  | 'otherManager'
  | 'northStar'
  | 'partners'
  | 'elsewhere'
  | 'northEastAdviser';

/** The reference scenario and the records this file adds to it. */
interface ScopeScenario extends GoldenScenario {
  /** A programme the reference manager does not run, managed by `otherManager`. */
  otherProgramme: string;
  /** North Star's participant on Hartlepool; Partners' on Sunderland. */
  participant: { hartlepool: string; sunderland: string };
  /** North Star's return for July 2022, submitted. */
  monthlyReturn: string;
  /** The reference programme's networks, and a meeting of each, by region. */
  network: { northEast: string; yorkshire: string };
  meeting: { northEast: string; yorkshire: string };
  /** A recommendation of Partners' planned diagnostic of Darlington. */
  recommendation: string;
  /** An MI pack of the reference programme, asked for by its manager. */
  report: string;
  /** The reference manager's person id, and a personal API token of theirs. */
  managerUserId: string;
  managerApiToken: string;
  /** LA record ids (not codes), by name. */
  localAuthorityId: { hartlepool: string; leeds: string };
}

/** A request naming one record; `$id` carries the record's id (or code). */
type Document = string | ((s: ScopeScenario) => string);

interface SwapCase {
  who: Who;
  /** Someone else's record: outside the caller's scope. */
  theirs: (s: ScopeScenario) => string;
  /** A value naming no record at all, to compare the answers with. */
  missing?: string;
  /** When this case names the record in another argument than the row's document does. */
  document?: Document;
}

type SwapRow =
  | { document: Document; cases: SwapCase[] }
  /** Why naming any record here is not a matter of scope, for operations with id arguments. */
  | { notScoped: string };

const READERS_OF_PROGRAMME_DATA = (s: (s: ScopeScenario) => string): SwapCase[] => [
  { who: 'otherManager', theirs: s },
  { who: 'elsewhere', theirs: s },
];

/**
 * Every query and mutation with an argument naming a record (an ID, a code, or an input field
 * such as engagementId), and, for each scoped caller that may call it, someone else's record.
 * The schema decides which operations must be here: a new one fails the test until it has a row.
 * Lists, whose id arguments are filters, are in LISTS below.
 */
const SWAPS: Record<string, SwapRow> = {
  'Query.engagement': {
    document: 'query ($id: ID!) { engagement(id: $id) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.engagement.hartlepool },
      { who: 'partners', theirs: (s) => s.engagement.hartlepool },
      { who: 'northStar', theirs: (s) => s.engagement.sunderland },
      { who: 'elsewhere', theirs: (s) => s.engagement.leeds },
      { who: 'northEastAdviser', theirs: (s) => s.engagement.leeds },
    ],
  },
  'Mutation.referLocalAuthority': {
    document: `mutation ($id: ID!) { referLocalAuthority(input: { programmeId: $id, serviceLine: COUNCILLOR_GROUPS, localAuthorityCode: "${LA.hartlepool}", financialYear: "2022-23", reason: "New cabinet" }) { id } }`,
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Mutation.approveEngagement': {
    document: (s) =>
      `mutation ($id: ID!) { approveEngagement(input: { engagementId: $id, contractId: "${s.contract.A1}", decidedOn: "2022-06-08" }) { id } }`,
    cases: [{ who: 'otherManager', theirs: (s) => s.engagement.darlingtonReferred }],
  },
  'Mutation.declineEngagement': {
    document:
      'mutation ($id: ID!) { declineEngagement(id: $id, reason: "Supported elsewhere") { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.engagement.darlingtonReferred }],
  },
  'Mutation.startEngagement': {
    document: 'mutation ($id: ID!) { startEngagement(id: $id) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.engagement.stockton },
      { who: 'partners', theirs: (s) => s.engagement.stockton },
      { who: 'elsewhere', theirs: (s) => s.engagement.stockton },
    ],
  },
  'Mutation.completeEngagement': {
    document: 'mutation ($id: ID!) { completeEngagement(id: $id) { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.engagement.hartlepool }],
  },
  'Mutation.withdrawEngagement': {
    document:
      'mutation ($id: ID!) { withdrawEngagement(id: $id, reason: "Leader resigned") { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.engagement.stockton }],
  },
  'Query.deliverySession': {
    document: 'query ($id: ID!) { deliverySession(id: $id) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.session.S1 },
      { who: 'partners', theirs: (s) => s.session.S1 },
      { who: 'elsewhere', theirs: (s) => s.session.S1 },
      { who: 'northEastAdviser', theirs: (s) => s.session.S2 },
    ],
  },
  'Mutation.planSession': {
    document:
      'mutation ($id: ID!) { planSession(input: { engagementIds: [$id], plannedOn: "2022-12-20" }) { id } }',
    cases: [
      { who: 'partners', theirs: (s) => s.engagement.hartlepool },
      { who: 'elsewhere', theirs: (s) => s.engagement.hartlepool },
    ],
  },
  'Mutation.recordSession': {
    document:
      'mutation ($id: ID!) { recordSession(input: { engagementIds: [$id], deliveredOn: "2022-11-01", durationMinutes: 60, format: ONLINE, topic: "Scrutiny", attendance: [{ role: LEAD_MEMBER, count: 1 }] }) { id } }',
    cases: [
      { who: 'partners', theirs: (s) => s.engagement.hartlepool },
      { who: 'northStar', theirs: (s) => s.engagement.sunderland },
      { who: 'elsewhere', theirs: (s) => s.engagement.leeds },
      // Recording North Star's planned session against Partners' own engagement.
      {
        who: 'partners',
        theirs: (s) => s.session.S7,
        document: (s) =>
          `mutation ($id: ID!) { recordSession(input: { sessionId: $id, engagementIds: ["${s.engagement.sunderland}"], deliveredOn: "2022-11-01", durationMinutes: 60, format: ONLINE, topic: "Scrutiny", attendance: [{ role: LEAD_MEMBER, count: 1 }] }) { id } }`,
      },
    ],
  },
  'Mutation.updateSession': {
    document: 'mutation ($id: ID!) { updateSession(input: { id: $id, topic: "Scrutiny" }) { id } }',
    cases: [
      { who: 'partners', theirs: (s) => s.session.S8 },
      { who: 'elsewhere', theirs: (s) => s.session.S7 },
      // Moving North Star's own session onto Partners' engagement.
      {
        who: 'northStar',
        theirs: (s) => s.engagement.sunderland,
        document: (s) =>
          `mutation ($id: ID!) { updateSession(input: { id: "${s.session.S8}", engagementIds: [$id] }) { id } }`,
      },
    ],
  },
  'Mutation.submitSession': {
    document: 'mutation ($id: ID!) { submitSession(id: $id) { id } }',
    cases: [
      { who: 'partners', theirs: (s) => s.session.S8 },
      { who: 'elsewhere', theirs: (s) => s.session.S8 },
    ],
  },
  'Mutation.importSessions': {
    document: `mutation ($id: ID!) { importSessions(input: { supplierId: $id, fileName: "sessions.csv", contentBase64: "${Buffer.from('session_reference\nS1\n').toString('base64')}", dryRun: true }) { rowsRead } }`,
    cases: [
      { who: 'northStar', theirs: (s) => s.supplier.partners },
      { who: 'elsewhere', theirs: (s) => s.supplier.northStar },
    ],
  },
  'Mutation.approveSession': {
    document: 'mutation ($id: ID!) { approveSession(id: $id) { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.session.S3 }],
  },
  'Mutation.returnSession': {
    document: 'mutation ($id: ID!) { returnSession(id: $id, reason: "Wrong date") { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.session.S3 }],
  },
  'Query.diagnostic': {
    document: 'query ($id: ID!) { diagnostic(id: $id) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.diagnostic.sunderland },
      { who: 'northStar', theirs: (s) => s.diagnostic.sunderland },
      { who: 'elsewhere', theirs: (s) => s.diagnostic.darlington },
    ],
  },
  'Query.diagnosticsProgress': {
    document:
      'query ($id: ID!) { diagnosticsProgress(programmeId: $id, financialYear: "2022-23") { finalReports } }',
    cases: READERS_OF_PROGRAMME_DATA(() => GOLDEN_PROGRAMME),
  },
  'Query.diagnosticRatings': {
    document:
      'query ($id: ID!) { diagnosticRatings(programmeId: $id, financialYear: "2022-23") { amber } }',
    cases: READERS_OF_PROGRAMME_DATA(() => GOLDEN_PROGRAMME),
  },
  'Mutation.planDiagnostic': {
    document:
      'mutation ($id: ID!) { planDiagnostic(input: { engagementId: $id, plannedOn: "2022-09-05" }) { id } }',
    cases: [
      { who: 'northStar', theirs: (s) => s.engagement.darlington },
      { who: 'elsewhere', theirs: (s) => s.engagement.darlington },
    ],
  },
  'Mutation.startDiagnosticFieldwork': {
    document:
      'mutation ($id: ID!) { startDiagnosticFieldwork(id: $id, startedOn: "2022-10-03") { id } }',
    cases: [
      { who: 'northStar', theirs: (s) => s.diagnostic.darlington },
      { who: 'elsewhere', theirs: (s) => s.diagnostic.darlington },
    ],
  },
  'Mutation.submitDiagnosticDraftReport': {
    document: 'mutation ($id: ID!) { submitDiagnosticDraftReport(id: $id) { id } }',
    cases: [{ who: 'northStar', theirs: (s) => s.diagnostic.darlington }],
  },
  'Mutation.issueDiagnosticFinalReport': {
    document: 'mutation ($id: ID!) { issueDiagnosticFinalReport(id: $id) { id } }',
    cases: [{ who: 'northStar', theirs: (s) => s.diagnostic.darlington }],
  },
  'Mutation.rateDiagnosticPrinciple': {
    document:
      'mutation ($id: ID!) { rateDiagnosticPrinciple(input: { diagnosticId: $id, principle: EXPRESS_VIEWS, rating: RED, commentary: "Rarely heard" }) { id } }',
    cases: [
      { who: 'northStar', theirs: (s) => s.diagnostic.darlington },
      { who: 'elsewhere', theirs: (s) => s.diagnostic.darlington },
    ],
  },
  'Mutation.addDiagnosticRecommendation': {
    document:
      'mutation ($id: ID!) { addDiagnosticRecommendation(input: { diagnosticId: $id, text: "Set up a board", ownerRole: LEADER_OF_COUNCIL, dueOn: "2023-06-30", enabler: LEADERSHIP_AND_GOVERNANCE }) { id } }',
    cases: [{ who: 'northStar', theirs: (s) => s.diagnostic.darlington }],
  },
  'Mutation.updateDiagnosticRecommendation': {
    document:
      'mutation ($id: ID!) { updateDiagnosticRecommendation(input: { id: $id, status: DONE }) { id } }',
    cases: [
      { who: 'northStar', theirs: (s) => s.recommendation },
      { who: 'elsewhere', theirs: (s) => s.recommendation },
    ],
  },
  'Mutation.addParticipant': {
    document:
      'mutation ($id: ID!) { addParticipant(input: { engagementId: $id, name: "Alex Morgan", role: LEADER_OF_COUNCIL }) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.engagement.hartlepool },
      { who: 'partners', theirs: (s) => s.engagement.hartlepool },
      { who: 'northStar', theirs: (s) => s.engagement.sunderland },
    ],
  },
  'Mutation.updateParticipant': {
    document:
      'mutation ($id: ID!) { updateParticipant(input: { id: $id, name: "Someone Else" }) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.participant.hartlepool },
      { who: 'partners', theirs: (s) => s.participant.hartlepool },
      { who: 'northStar', theirs: (s) => s.participant.sunderland },
    ],
  },
  'Mutation.eraseParticipant': {
    document: 'mutation ($id: ID!) { eraseParticipant(id: $id) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.participant.hartlepool },
      { who: 'partners', theirs: (s) => s.participant.hartlepool },
      { who: 'elsewhere', theirs: (s) => s.participant.sunderland },
    ],
  },
  'Mutation.allocateCoachingHours': {
    document:
      'mutation ($id: ID!) { allocateCoachingHours(input: { engagementId: $id, role: LEAD_MEMBER, minutes: 600 }) { role } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.engagement.sandwell }],
  },
  'Mutation.approveCoachingVariation': {
    document:
      'mutation ($id: ID!) { approveCoachingVariation(input: { engagementId: $id, role: LEADER_OF_COUNCIL, extraMinutes: 60, reason: "Inspection brought forward" }) { role } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.engagement.sandwell }],
  },
  'Query.leadMemberNetworks': {
    document: 'query ($id: ID!) { leadMemberNetworks(programmeId: $id) { id } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Query.networkCoverage': {
    document:
      'query ($id: ID!) { networkCoverage(programmeId: $id, financialYear: "2022-23") { share } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Mutation.recordNetworkMeeting': {
    document: `mutation ($id: ID!) { recordNetworkMeeting(input: { networkId: $id, heldOn: "2022-11-16", topics: ["Scrutiny"], attendingLocalAuthorityCodes: ["${LA.hartlepool}"] }) { id } }`,
    cases: [
      { who: 'otherManager', theirs: (s) => s.network.northEast },
      { who: 'northStar', theirs: (s) => s.network.northEast },
    ],
  },
  'Query.programme': {
    document: 'query ($id: ID!) { programme(id: $id) { id } }',
    cases: READERS_OF_PROGRAMME_DATA(() => GOLDEN_PROGRAMME),
  },
  'Mutation.updateProgramme': {
    document:
      'mutation ($id: ID!) { updateProgramme(input: { programmeId: $id, budget: "1.00" }) { id } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Mutation.setServiceLineTarget': {
    document:
      'mutation ($id: ID!) { setServiceLineTarget(input: { programmeId: $id, serviceLine: COACHING_MENTORING, financialYear: "2023-24", targetBasis: NONE, cap: 1, effectiveFrom: "2023-04-01" }) { code } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Mutation.varyLots': {
    document:
      'mutation ($id: ID!) { varyLots(input: { programmeId: $id, effectiveOn: "2024-01-01", lots: [{ number: 1, title: "Everything", serviceLines: [POLITICAL_LEADERSHIP, CORPORATE_LEADERSHIP, LEAD_MEMBER_NETWORKS, CORPORATE_PARENTING_DIAGNOSTIC, COUNCILLOR_GROUPS, TARGETED_SUPPORT, COACHING_MENTORING] }] }) { id } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Mutation.createContract': {
    document: (s) =>
      `mutation ($id: ID!) { createContract(input: { programmeId: $id, supplierId: "${s.supplier.elsewhere}", lotId: "${s.lot(5)}", reference: "SCOPE-1", value: "1000.00", startsOn: "2022-06-01", endsOn: "2023-03-31", rates: [] }) { id } }`,
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Mutation.updateContract': {
    document:
      'mutation ($id: ID!) { updateContract(input: { contractId: $id, value: "1.00" }) { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.contract.A1 }],
  },
  'Query.monthlyReturn': {
    document: 'query ($id: ID!) { monthlyReturn(id: $id) { id } }',
    cases: [
      { who: 'otherManager', theirs: (s) => s.monthlyReturn },
      { who: 'partners', theirs: (s) => s.monthlyReturn },
    ],
  },
  'Mutation.submitMonthlyReturn': {
    document: `mutation ($id: ID!) { submitMonthlyReturn(input: { programmeId: "${GOLDEN_PROGRAMME}", supplierId: $id, month: "2022-08", sessionsDelivered: 1, participants: 1, spend: "1.00" }) { id } }`,
    cases: [
      { who: 'northStar', theirs: (s) => s.supplier.partners },
      { who: 'elsewhere', theirs: (s) => s.supplier.northStar },
      // A programme North Star holds no contract in.
      {
        who: 'northStar',
        theirs: (s) => s.otherProgramme,
        document:
          'mutation ($id: ID!) { submitMonthlyReturn(input: { programmeId: $id, month: "2022-08", sessionsDelivered: 1, participants: 1, spend: "1.00" }) { id } }',
      },
    ],
  },
  'Mutation.acceptMonthlyReturn': {
    document: 'mutation ($id: ID!) { acceptMonthlyReturn(id: $id) { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.monthlyReturn }],
  },
  'Mutation.returnMonthlyReturn': {
    document:
      'mutation ($id: ID!) { returnMonthlyReturn(id: $id, reason: "Spend does not add up") { id } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.monthlyReturn }],
  },
  'Mutation.requestReport': {
    document:
      'mutation ($id: ID!) { requestReport(input: { programmeId: $id, kind: MONTHLY_MI, financialYear: "2022-23", format: ODS }) { id } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Query.report': {
    document: 'query ($id: ID!) { report(id: $id) { id downloadUrl } }',
    cases: [{ who: 'otherManager', theirs: (s) => s.report }],
  },
  'Query.spend': {
    document: 'query ($id: ID!) { spend(filter: { programmeId: $id }) { total } }',
    cases: READERS_OF_PROGRAMME_DATA(() => GOLDEN_PROGRAMME),
  },
  'Query.programmeDashboard': {
    document:
      'query ($id: ID!) { programmeDashboard(programmeId: $id, financialYear: "2022-23") { financialYear } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Query.eligibleLocalAuthorities': {
    document:
      'query ($id: ID) { eligibleLocalAuthorities(serviceLine: COACHING_MENTORING, programmeId: $id) { eligible } }',
    cases: [{ who: 'otherManager', theirs: () => GOLDEN_PROGRAMME }],
  },
  'Query.localAuthority': {
    notScoped:
      'LA reference data is public to everyone signed in (SPEC §2); what hangs off an LA is scoped in NESTED',
  },
  'Mutation.recordInspection': {
    notScoped: 'Ofsted judgements are national reference data, kept by managers and admins alike',
  },
  'Mutation.recordConcern': {
    notScoped: 'concerns are recorded against any LA by managers and admins, who read all concerns',
  },
  'Query.inspectionImport': {
    notScoped: 'imports of Ofsted files are national reference data: every manager and admin',
  },
  'Mutation.addSupplierContact': {
    notScoped:
      'suppliers are shared between programmes: every manager may list them and add a contact',
  },
  // A person's API tokens are theirs alone (admins see everyone's).
  'Query.apiTokens': {
    document: 'query ($id: ID) { apiTokens(userId: $id) { id } }',
    cases: [
      { who: 'northEastAdviser', theirs: (s) => s.managerUserId },
      { who: 'otherManager', theirs: (s) => s.managerUserId },
    ],
  },
  'Mutation.revokeApiToken': {
    document: 'mutation ($id: ID!) { revokeApiToken(id: $id) { id } }',
    cases: [
      { who: 'northEastAdviser', theirs: (s) => s.managerApiToken },
      { who: 'otherManager', theirs: (s) => s.managerApiToken },
    ],
  },
  'Mutation.assignProgrammeManager': { notScoped: 'admins only, and admins see everything' },
  'Mutation.revokeProgrammeManager': { notScoped: 'admins only, and admins see everything' },
  'Mutation.assignRole': { notScoped: 'admins only, and admins see everything' },
  'Mutation.revokeRole': { notScoped: 'admins only, and admins see everything' },
};

/** What a scoped caller finds in a list. */
type ListExpectation =
  /** Exactly these records (ids from the scenario). */
  | ((s: ScopeScenario) => string[])
  /** Nothing: empty with a count of 0, or NOT_FOUND for a filter naming a record not theirs. */
  | 'NONE';

interface ListCase {
  who: Who;
  /** The filter (or arguments) to pass; unfiltered when left out. */
  variables?: (s: ScopeScenario) => Record<string, unknown>;
  expected: ListExpectation;
}

interface ListRow {
  /** Takes `$filter` (and whatever the cases pass); returns something `read` can count. */
  document: string;
  /** The ids found, and the count the API gives for them where it gives one. */
  read: (data: Record<string, any>) => { ids: string[]; totalCount?: number };
  cases: ListCase[];
}

const connection = (field: string) => (data: Record<string, any>) => ({
  ids: (data[field].edges as Array<{ node: { id: string } }>).map((edge) => edge.node.id),
  totalCount: data[field].totalCount as number,
});
const CONNECTION_PAGE = 'first: 100) { totalCount edges { node { id } } }';

const northStarEngagements = (s: ScopeScenario) =>
  ['hartlepool', 'middlesbrough', 'redcar', 'leeds', 'sandwell', 'stockton'].map(
    (la) => s.engagement[la],
  );
const northEastEngagements = (s: ScopeScenario) =>
  [
    'hartlepool',
    'middlesbrough',
    'redcar',
    'stockton',
    'sunderland',
    'darlington',
    'darlingtonReferred',
  ].map((la) => s.engagement[la]);

/**
 * Every list: unfiltered, a scoped caller finds exactly its own; filtered by someone else's
 * record, it finds nothing, and the count agrees.
 */
const LISTS: Record<string, ListRow> = {
  'Query.engagements': {
    document: `query ($filter: EngagementFilter) { engagements(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('engagements'),
    cases: [
      { who: 'northStar', expected: northStarEngagements },
      { who: 'partners', expected: (s) => [s.engagement.sunderland, s.engagement.darlington] },
      { who: 'elsewhere', expected: () => [] },
      { who: 'otherManager', expected: () => [] },
      { who: 'northEastAdviser', expected: northEastEngagements },
      {
        who: 'northStar',
        variables: (s) => ({ filter: { supplierId: s.supplier.partners } }),
        expected: 'NONE',
      },
      {
        who: 'northStar',
        variables: () => ({ filter: { localAuthorityCode: LA.sunderland } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
      {
        who: 'northEastAdviser',
        variables: () => ({ filter: { regionCode: YORKSHIRE } }),
        expected: 'NONE',
      },
      {
        who: 'northEastAdviser',
        variables: () => ({ filter: { localAuthorityCode: LA.leeds } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.deliverySessions': {
    document: `query ($filter: DeliverySessionFilter) { deliverySessions(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('deliverySessions'),
    cases: [
      {
        who: 'northStar',
        expected: (s) => ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'].map((k) => s.session[k]),
      },
      { who: 'partners', expected: () => [] },
      { who: 'otherManager', expected: () => [] },
      // S8 is a cohort of Hartlepool and Leeds: seen for Hartlepool's sake.
      { who: 'northEastAdviser', expected: (s) => [s.session.S1, s.session.S8] },
      {
        who: 'partners',
        variables: (s) => ({ filter: { engagementId: s.engagement.hartlepool } }),
        expected: 'NONE',
      },
      {
        who: 'partners',
        variables: (s) => ({ filter: { supplierId: s.supplier.northStar } }),
        expected: 'NONE',
      },
      {
        who: 'northEastAdviser',
        variables: (s) => ({ filter: { engagementId: s.engagement.leeds } }),
        expected: 'NONE',
      },
      {
        who: 'northEastAdviser',
        variables: () => ({ filter: { localAuthorityCode: LA.leeds } }),
        expected: 'NONE',
      },
      {
        who: 'northEastAdviser',
        variables: () => ({ filter: { regionCode: YORKSHIRE } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.diagnostics': {
    document: `query ($filter: DiagnosticFilter) { diagnostics(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('diagnostics'),
    cases: [
      { who: 'northStar', expected: () => [] },
      {
        who: 'partners',
        expected: (s) => [s.diagnostic.sunderland, s.diagnostic.darlington],
      },
      {
        who: 'northEastAdviser',
        expected: (s) => [s.diagnostic.sunderland, s.diagnostic.darlington],
      },
      { who: 'otherManager', expected: () => [] },
      {
        who: 'northStar',
        variables: (s) => ({ filter: { supplierId: s.supplier.partners } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.participants': {
    document: `query ($filter: ParticipantFilter) { participants(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('participants'),
    cases: [
      { who: 'northStar', expected: (s) => [s.participant.hartlepool] },
      { who: 'partners', expected: (s) => [s.participant.sunderland] },
      { who: 'elsewhere', expected: () => [] },
      { who: 'otherManager', expected: () => [] },
      {
        who: 'partners',
        variables: (s) => ({ filter: { engagementId: s.engagement.hartlepool } }),
        expected: 'NONE',
      },
      {
        who: 'northStar',
        variables: () => ({ filter: { localAuthorityCode: LA.sunderland } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.monthlyReturns': {
    document: `query ($filter: MonthlyReturnFilter) { monthlyReturns(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('monthlyReturns'),
    cases: [
      { who: 'northStar', expected: (s) => [s.monthlyReturn] },
      { who: 'partners', expected: () => [] },
      { who: 'otherManager', expected: () => [] },
      {
        who: 'partners',
        variables: (s) => ({ filter: { supplierId: s.supplier.northStar } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.networkMeetings': {
    document: `query ($filter: NetworkMeetingFilter) { networkMeetings(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('networkMeetings'),
    cases: [
      { who: 'northEastAdviser', expected: (s) => [s.meeting.northEast] },
      { who: 'northStar', expected: () => [] },
      { who: 'otherManager', expected: () => [] },
      {
        who: 'northEastAdviser',
        variables: (s) => ({ filter: { networkId: s.network.yorkshire } }),
        expected: 'NONE',
      },
      {
        who: 'northEastAdviser',
        variables: () => ({ filter: { regionCode: YORKSHIRE } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.notifications': {
    document: `query ($filter: NotificationFilter) { notifications(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('notifications'),
    cases: [
      { who: 'otherManager', expected: () => [] },
      { who: 'elsewhere', expected: () => [] },
      { who: 'partners', expected: () => [] },
      {
        who: 'otherManager',
        variables: (s) => ({ filter: { subjectId: s.session.S1 } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.reports': {
    document: `query ($filter: ReportFilter!) { reports(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('reports'),
    cases: [
      {
        who: 'manager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: (s) => [s.report],
      },
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.auditEvents': {
    document: `query ($filter: AuditEventFilter) { auditEvents(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('auditEvents'),
    cases: [
      {
        who: 'otherManager',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: (s) => ({ filter: { entityId: s.session.S1 } }),
        expected: 'NONE',
      },
      {
        who: 'otherManager',
        variables: (s) => ({ filter: { entityId: s.engagement.hartlepool } }),
        expected: 'NONE',
      },
    ],
  },
  'Query.spend': {
    document:
      'query ($filter: SpendFilter!) { spend(filter: $filter) { byContract { contract { id } } } }',
    read: (data) => ({
      ids: (data.spend.byContract as Array<{ contract: { id: string } }>).map(
        (row) => row.contract.id,
      ),
    }),
    cases: [
      {
        who: 'northStar',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: (s) => [s.contract.A1, s.contract.A7],
      },
      {
        who: 'partners',
        variables: () => ({ filter: { programmeId: GOLDEN_PROGRAMME } }),
        expected: (s) => [s.contract.B4],
      },
      {
        who: 'northStar',
        variables: (s) => ({
          filter: { programmeId: GOLDEN_PROGRAMME, supplierId: s.supplier.partners },
        }),
        expected: 'NONE',
      },
    ],
  },
  'Query.localAuthorities': {
    // Reference data: the filters narrow a public list, and everyone reads every LA.
    document: `query ($filter: LocalAuthorityFilter) { localAuthorities(filter: $filter, ${CONNECTION_PAGE} }`,
    read: connection('localAuthorities'),
    cases: [
      {
        who: 'northEastAdviser',
        variables: () => ({ filter: { search: 'Leeds' } }),
        expected: (s) => [s.localAuthorityId.leeds],
      },
    ],
  },
};

/** Nested fields from records a caller may see must not reach records it may not. */
interface NestedCase {
  who: Who;
  document: string;
  variables: (s: ScopeScenario) => Record<string, unknown>;
  /** The ids the caller may find, from the scenario. */
  read: (data: Record<string, any>) => string[];
  expected: (s: ScopeScenario) => string[];
}

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

const NESTED: Record<string, NestedCase> = {
  'a supplier sees none of the engagements other suppliers hold with an LA': {
    who: 'northStar',
    document: 'query ($code: String!) { localAuthority(code: $code) { engagements { id } } }',
    variables: () => ({ code: LA.sunderland }),
    read: (data) => ids(data.localAuthority.engagements),
    expected: () => [],
  },
  'a supplier without contracts sees no engagement of an LA': {
    who: 'elsewhere',
    document: 'query ($code: String!) { localAuthority(code: $code) { engagements { id } } }',
    variables: () => ({ code: LA.hartlepool }),
    read: (data) => ids(data.localAuthority.engagements),
    expected: () => [],
  },
  'an adviser sees no engagement of an LA of another region': {
    who: 'northEastAdviser',
    document: 'query ($code: String!) { localAuthority(code: $code) { engagements { id } } }',
    variables: () => ({ code: LA.leeds }),
    read: (data) => ids(data.localAuthority.engagements),
    expected: () => [],
  },
  'a manager sees no engagement of an LA in a programme not theirs': {
    who: 'otherManager',
    document: 'query ($code: String!) { localAuthority(code: $code) { engagements { id } } }',
    variables: () => ({ code: LA.hartlepool }),
    read: (data) => ids(data.localAuthority.engagements),
    expected: () => [],
  },
  'an adviser sees a cohort session’s engagements in their region only': {
    who: 'northEastAdviser',
    document: 'query ($id: ID!) { deliverySession(id: $id) { engagements { id } } }',
    variables: (s) => ({ id: s.session.S8 }),
    read: (data) => ids(data.deliverySession.engagements),
    expected: (s) => [s.engagement.hartlepool],
  },
  'an adviser sees a cohort session’s attendance in their region only': {
    who: 'northEastAdviser',
    document:
      'query ($id: ID!) { deliverySession(id: $id) { attendance { localAuthority { id } } } }',
    variables: (s) => ({ id: s.session.S8 }),
    read: (data) =>
      (data.deliverySession.attendance as Array<{ localAuthority: { id: string } }>).map(
        (row) => row.localAuthority.id,
      ),
    expected: (s) => [s.localAuthorityId.hartlepool],
  },
  'a supplier sees only itself among a programme’s suppliers': {
    who: 'northStar',
    document: 'query ($id: ID!) { programme(id: $id) { suppliers { id } } }',
    variables: () => ({ id: GOLDEN_PROGRAMME }),
    read: (data) => ids(data.programme.suppliers),
    expected: (s) => [s.supplier.northStar],
  },
  'a supplier sees only its own contracts in a programme': {
    who: 'partners',
    document: 'query ($id: ID!) { programme(id: $id) { contracts { id } } }',
    variables: () => ({ id: GOLDEN_PROGRAMME }),
    read: (data) => ids(data.programme.contracts),
    expected: (s) => [s.contract.B4],
  },
  'a supplier sees only its own contracts through its engagements’ programme': {
    who: 'partners',
    document: 'query ($id: ID!) { engagement(id: $id) { programme { contracts { id } } } }',
    variables: (s) => ({ id: s.engagement.sunderland }),
    read: (data) => ids(data.engagement.programme.contracts),
    expected: (s) => [s.contract.B4],
  },
  'an adviser sees a region’s network meetings only from their regions': {
    who: 'northEastAdviser',
    document: 'query ($id: ID!) { leadMemberNetworks(programmeId: $id) { id } }',
    variables: () => ({ id: GOLDEN_PROGRAMME }),
    read: (data) => ids(data.leadMemberNetworks),
    expected: (s) => [s.network.northEast],
  },
  'a supplier sees no participant of another supplier’s engagement through the LA’s engagements': {
    who: 'northStar',
    document:
      'query ($code: String!) { localAuthority(code: $code) { engagements { participants { id } } } }',
    variables: () => ({ code: LA.sunderland }),
    read: (data) =>
      (data.localAuthority.engagements as Array<{ participants: Array<{ id: string }> }>)
        .flatMap((engagement) => engagement.participants)
        .map((participant) => participant.id),
    expected: () => [],
  },
};

/** A field only some callers may read: the others get null (with FORBIDDEN, or nothing). */
interface SensitiveCase {
  field: string;
  document: string;
  variables: (s: ScopeScenario) => Record<string, unknown>;
  /** Where the value is in the answer. */
  path: string[];
  /** Callers who read the value; those in `hidden` read null. */
  shown: Who[];
  hidden: Who[];
}

/** What S1 was charged and at what rate: North Star's terms, hidden from the adviser. */
function sessionTerm(selection: string): SensitiveCase {
  const name = selection.split(' ')[0];
  return {
    field: `DeliverySession.${name}`,
    document: `query ($id: ID!) { deliverySession(id: $id) { ${selection} } }`,
    variables: (s) => ({ id: s.session.S1 }),
    path: ['deliverySession', name],
    shown: ['admin', 'manager', 'northStar'],
    hidden: ['northEastAdviser'],
  };
}

/** What Sunderland's diagnostic cost and at what rate: Partners' terms, hidden from the adviser. */
function diagnosticTerm(selection: string): SensitiveCase {
  return {
    field: `Diagnostic.${selection}`,
    document: `query ($id: ID!) { diagnostic(id: $id) { ${selection} } }`,
    variables: (s) => ({ id: s.diagnostic.sunderland }),
    path: ['diagnostic', selection],
    shown: ['admin', 'manager', 'partners'],
    hidden: ['northEastAdviser'],
  };
}

const SENSITIVE: SensitiveCase[] = [
  {
    field: 'Contract.value',
    document: 'query ($id: ID!) { engagement(id: $id) { contract { value } } }',
    variables: (s) => ({ id: s.engagement.hartlepool }),
    path: ['engagement', 'contract', 'value'],
    shown: ['admin', 'manager', 'northStar'],
    hidden: ['northEastAdviser'],
  },
  {
    field: 'Contract.rates',
    document: 'query ($id: ID!) { engagement(id: $id) { contract { rates { amount } } } }',
    variables: (s) => ({ id: s.engagement.sunderland }),
    path: ['engagement', 'contract', 'rates'],
    shown: ['admin', 'manager', 'partners'],
    hidden: ['northEastAdviser'],
  },
  {
    field: 'Contract.spent',
    document: 'query ($id: ID!) { engagement(id: $id) { contract { spent } } }',
    variables: (s) => ({ id: s.engagement.hartlepool }),
    path: ['engagement', 'contract', 'spent'],
    shown: ['admin', 'manager', 'northStar'],
    hidden: ['northEastAdviser'],
  },
  {
    field: 'Programme.budget',
    document: 'query ($id: ID!) { programme(id: $id) { budget } }',
    variables: () => ({ id: GOLDEN_PROGRAMME }),
    path: ['programme', 'budget'],
    shown: ['admin', 'manager'],
    hidden: ['northStar', 'northEastAdviser'],
  },
  {
    field: 'Programme.budgetAllocations',
    document: 'query ($id: ID!) { programme(id: $id) { budgetAllocations { amount } } }',
    variables: () => ({ id: GOLDEN_PROGRAMME }),
    path: ['programme', 'budgetAllocations'],
    shown: ['admin', 'manager'],
    hidden: ['northStar', 'northEastAdviser'],
  },
  {
    field: 'Supplier.contacts',
    document: 'query ($id: ID!) { engagement(id: $id) { supplier { contacts { email } } } }',
    variables: (s) => ({ id: s.engagement.hartlepool }),
    path: ['engagement', 'supplier', 'contacts'],
    shown: ['admin', 'manager', 'northStar'],
    hidden: ['northEastAdviser'],
  },
  {
    field: 'Engagement.overrideReason',
    document: 'query ($id: ID!) { engagement(id: $id) { overrideReason } }',
    variables: (s) => ({ id: s.engagement.sandwell }),
    path: ['engagement', 'overrideReason'],
    shown: ['admin', 'manager'],
    hidden: ['northStar'],
  },
  {
    field: 'LocalAuthority.eligibility',
    document:
      'query ($code: String!) { localAuthority(code: $code) { eligibility(serviceLine: COACHING_MENTORING) { eligible } } }',
    variables: () => ({ code: LA.hartlepool }),
    path: ['localAuthority', 'eligibility'],
    shown: ['admin', 'manager', 'northEastAdviser'],
    hidden: ['northStar'],
  },
  {
    field: 'LocalAuthority.eligibility of another region',
    document:
      'query ($code: String!) { localAuthority(code: $code) { eligibility(serviceLine: COACHING_MENTORING) { eligible } } }',
    variables: () => ({ code: LA.leeds }),
    path: ['localAuthority', 'eligibility'],
    shown: ['admin', 'manager'],
    hidden: ['northEastAdviser', 'northStar'],
  },
  ...['cost', 'rate', 'rateUnit', 'costShares { amount }'].map((selection) =>
    sessionTerm(selection),
  ),
  ...['cost', 'rate'].map((selection) => diagnosticTerm(selection)),
  {
    field: 'Engagement.participants',
    document: 'query ($id: ID!) { engagement(id: $id) { participants { name email } } }',
    variables: (s) => ({ id: s.engagement.hartlepool }),
    path: ['engagement', 'participants'],
    shown: ['admin', 'manager', 'northStar'],
    hidden: ['northEastAdviser'],
  },
];

type IntrospectedType = {
  kind: string;
  name: string | null;
  ofType: IntrospectedType | null;
};
interface IntrospectedValue {
  name: string;
  type: IntrospectedType;
}
interface Introspection {
  __schema: {
    queryType: { fields: Array<{ name: string; args: IntrospectedValue[] }> };
    mutationType: { fields: Array<{ name: string; args: IntrospectedValue[] }> };
    types: Array<{ name: string; kind: string; inputFields: IntrospectedValue[] | null }>;
  };
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema {
  queryType { fields { name args { name type { ${TYPE_REF} } } } }
  mutationType { fields { name args { name type { ${TYPE_REF} } } } }
  types { name kind inputFields { name type { ${TYPE_REF} } } } } }`;

const namedType = (type: IntrospectedType): IntrospectedType =>
  type.ofType ? namedType(type.ofType) : type;

/** An argument names a record when it is an ID, or a string named as a code or id. */
const NAMES_A_RECORD = /^(id|code)$|Ids?$|Codes?$/;

/** The operations with an argument (or an input's field) that names a record. */
function operationsNamingRecords(schema: Introspection['__schema']): string[] {
  const inputs = new Map(schema.types.map((type) => [type.name, type]));
  const namesRecord = (value: IntrospectedValue, depth: number): boolean => {
    const type = namedType(value.type);
    if (type.name === 'ID') return true;
    if (type.name === 'String' && NAMES_A_RECORD.test(value.name)) return true;
    const input = type.kind === 'INPUT_OBJECT' ? inputs.get(type.name!) : undefined;
    return depth < 3 && !!input?.inputFields?.some((field) => namesRecord(field, depth + 1));
  };
  return [
    ...schema.queryType.fields.map((field) => ({ ...field, name: `Query.${field.name}` })),
    ...schema.mutationType.fields.map((field) => ({ ...field, name: `Mutation.${field.name}` })),
  ]
    .filter((field) => field.args.some((arg) => namesRecord(arg, 0)))
    .map((field) => field.name)
    .sort();
}

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/** What a caller learns from an answer: everything but the value it asked about. */
const shapeOf = (response: GraphQLResponse, value: string) => ({
  status: response.status,
  data: response.data ?? null,
  errors: (response.errors ?? []).map((error) => ({
    ...error,
    message: error.message.split(value).join('<id>'),
  })),
});

describe('the scope matrix', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let s: ScopeScenario;

  const as = (who: Who, query: string, variables?: Record<string, unknown>) =>
    s.as(who, query, variables);
  const documentOf = (document: Document) =>
    typeof document === 'string' ? document : document(s);

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { REPORT_LINK_SECRET: LINK_SECRET },
    );
    s = (await buildGoldenScenario(api, database.url)) as ScopeScenario;
    await extendScenario(s, database.url);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('has a row for every operation that names a record', async () => {
    const response = await api.graphql<Introspection>(INTROSPECTION);
    const named = operationsNamingRecords(response.data!.__schema);
    expect(named).toEqual([...new Set([...Object.keys(SWAPS), ...Object.keys(LISTS)])].sort());
  });

  describe('someone else’s record answers NOT_FOUND, as a record that does not exist', () => {
    const cases = Object.entries(SWAPS).flatMap(([operation, row]) =>
      'cases' in row
        ? row.cases.map((swap, index) => ({
            name: `${operation} #${index + 1} as ${swap.who}`,
            document: swap.document ?? row.document,
            swap,
            operation,
          }))
        : [],
    );
    const queries = cases.filter((c) => c.operation.startsWith('Query.'));
    const mutations = cases.filter((c) => c.operation.startsWith('Mutation.'));

    const compare = async ({ document, swap }: (typeof cases)[number]) => {
      const theirs = swap.theirs(s);
      const missing = swap.missing ?? (theirs.startsWith('E') ? NO_SUCH_CODE : NO_SUCH_ID);
      const [asked, absent] = await Promise.all([
        as(swap.who, documentOf(document), { id: theirs }),
        as(swap.who, documentOf(document), { id: missing }),
      ]);
      return {
        code: codeOf(asked),
        asked: shapeOf(asked, theirs),
        absent: shapeOf(absent, missing),
      };
    };

    it.each(queries.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { code, asked, absent } = await compare(c);
      expect(code).toBe('NOT_FOUND');
      expect(asked).toEqual(absent);
    });

    it.each(mutations.map((c) => [c.name, c] as const))(
      '%s, changing nothing',
      async (_name, c) => {
        const before = await databaseFingerprint(database.url);
        const { code, asked, absent } = await compare(c);
        const after = await databaseFingerprint(database.url);
        expect({ code, changed: changedTables(before, after) }).toEqual({
          code: 'NOT_FOUND',
          changed: [],
        });
        expect(asked).toEqual(absent);
      },
    );
  });

  describe('lists, filters and counts hold only the caller’s own', () => {
    const cases = Object.entries(LISTS).flatMap(([operation, row]) =>
      row.cases.map((list, index) => ({
        name: `${operation} #${index + 1} as ${list.who}`,
        row,
        list,
      })),
    );
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { row, list }) => {
      const response = await as(list.who, row.document, list.variables?.(s) ?? {});
      if (list.expected === 'NONE') {
        if (codeOf(response) === 'NOT_FOUND') return;
        expect(response.errors).toBeUndefined();
        const found = row.read(response.data!);
        expect(found).toEqual({
          ids: [],
          ...(found.totalCount === undefined ? {} : { totalCount: 0 }),
        });
        return;
      }
      expect(response.errors).toBeUndefined();
      const found = row.read(response.data!);
      const expected = list.expected(s);
      expect([...found.ids].sort()).toEqual([...expected].sort());
      if (found.totalCount !== undefined) expect(found.totalCount).toBe(expected.length);
    });

    it('counts only the caller’s own in aggregates', async () => {
      // Sunderland's final report (every principle AMBER) is Partners': North Star has none.
      const progress = `{ diagnosticsProgress(programmeId: "${GOLDEN_PROGRAMME}", financialYear: "2022-23") { finalReports } diagnosticRatings(programmeId: "${GOLDEN_PROGRAMME}", financialYear: "2022-23") { red amber green } }`;
      const northStar = await as('northStar', progress);
      expect(northStar.errors).toBeUndefined();
      expect(northStar.data!.diagnosticsProgress.finalReports).toBe(0);
      expect(
        (northStar.data!.diagnosticRatings as Array<Record<string, number>>).every(
          (row) => row.red + row.amber + row.green === 0,
        ),
      ).toBe(true);
      const partners = await as('partners', progress);
      expect(partners.data!.diagnosticsProgress.finalReports).toBe(1);
      // The Yorkshire meeting (Leeds) is outside the North East adviser's regions.
      const coverage = await as(
        'northEastAdviser',
        `{ networkCoverage(programmeId: "${GOLDEN_PROGRAMME}", financialYear: "2022-23") { region { code } attendedCount } }`,
      );
      expect(coverage.errors).toBeUndefined();
      expect(coverage.data!.networkCoverage).toEqual([
        { region: { code: NORTH_EAST }, attendedCount: 1 },
      ]);
      // Eligibility is the adviser's for their regions' LAs only, and so are its engagements.
      const eligible = await as(
        'northEastAdviser',
        `{ eligibleLocalAuthorities(serviceLine: POLITICAL_LEADERSHIP, asOf: "2022-07-01", programmeId: "${GOLDEN_PROGRAMME}") { localAuthority { region { code } } engagements { id } } }`,
      );
      expect(eligible.errors).toBeUndefined();
      const answers = eligible.data!.eligibleLocalAuthorities as Array<{
        localAuthority: { region: { code: string } };
        engagements: Array<{ id: string }>;
      }>;
      expect(answers.length).toBeGreaterThan(0);
      expect(new Set(answers.map((answer) => answer.localAuthority.region.code))).toEqual(
        new Set([NORTH_EAST]),
      );
      expect(answers.flatMap((answer) => ids(answer.engagements)).sort()).toEqual(
        ['hartlepool', 'middlesbrough', 'redcar', 'stockton', 'darlingtonReferred']
          .map((la) => s.engagement[la])
          .sort(),
      );
    });

    it('shows a manager the audit of their programmes only', async () => {
      const events = await as(
        'otherManager',
        '{ auditEvents(first: 100) { edges { node { programmeId } } } }',
      );
      expect(events.errors).toBeUndefined();
      const programmes = new Set(
        (events.data!.auditEvents.edges as Array<{ node: { programmeId: string | null } }>).map(
          (edge) => edge.node.programmeId,
        ),
      );
      expect([...programmes]).toEqual([s.otherProgramme]);
    });
  });

  describe('nested fields reach no one else’s records', () => {
    it.each(Object.entries(NESTED))('%s', async (_name, nested) => {
      const response = await as(nested.who, nested.document, nested.variables(s));
      expect(response.errors).toBeUndefined();
      expect([...nested.read(response.data!)].sort()).toEqual([...nested.expected(s)].sort());
    });
  });

  describe('sensitive fields by role', () => {
    const cases = SENSITIVE.flatMap((field) => [
      ...field.shown.map((who) => ({ field, who, shown: true })),
      ...field.hidden.map((who) => ({ field, who, shown: false })),
    ]);
    it.each(
      cases.map(
        (c) => [`${c.field.field} ${c.shown ? 'shown to' : 'hidden from'} ${c.who}`, c] as const,
      ),
    )('%s', async (_name, { field, who, shown }) => {
      const response = await as(who, field.document, field.variables(s));
      const value = field.path.reduce<unknown>(
        (at, key) => (at as Record<string, unknown> | null | undefined)?.[key],
        response.data,
      );
      if (shown) {
        expect(response.errors).toBeUndefined();
        expect(value).not.toBeNull();
        expect(value).not.toBeUndefined();
      } else {
        expect(value ?? null).toBeNull();
        expect((response.errors ?? []).map((error) => error.extensions?.code)).not.toContain(
          'INTERNAL_SERVER_ERROR',
        );
      }
    });
  });

  describe('report downloads', () => {
    const download = (path: string) => fetch(new URL(path, api.url));
    const REPORT = 'query ($id: ID!) { report(id: $id) { id downloadUrl } }';

    it('gives suppliers and advisers no report, and so no link', async () => {
      for (const who of ['northStar', 'partners', 'elsewhere', 'northEastAdviser'] as const) {
        const response = await as(who, REPORT, { id: s.report });
        expect({ who, code: codeOf(response), data: response.data }).toEqual({
          who,
          code: 'FORBIDDEN',
          data: null,
        });
      }
    });

    it('opens no other report with one report’s signature, and nothing when tampered or expired', async () => {
      const { requestReport } = await s.ok(
        'manager',
        `mutation { requestReport(input: { programmeId: "${GOLDEN_PROGRAMME}", kind: MONTHLY_MI, financialYear: "2023-24", format: CSV }) { id } }`,
      );
      const inAnHour = Math.floor(Date.now() / 1000) + 3600;
      const link = signReportLink(LINK_SECRET, s.report, inAnHour);
      const moved = await download(
        `/reports/${requestReport.id}/download?expires=${link.expires}&signature=${link.signature}`,
      );
      expect(moved.status).toBe(403);
      const tampered = await download(
        `/reports/${s.report}/download?expires=${link.expires}&signature=${link.signature.slice(0, -2)}xx`,
      );
      expect(tampered.status).toBe(403);
      const old = signReportLink(LINK_SECRET, s.report, Math.floor(Date.now() / 1000) - 60);
      const expired = await download(
        `/reports/${s.report}/download?expires=${old.expires}&signature=${old.signature}`,
      );
      // Unbuilt, the report has no file to give: 404, or 410 once a file exists.
      expect([404, 410]).toContain(expired.status);
      for (const refused of [moved, tampered, expired])
        expect(refused.headers.get('content-disposition')).toBeNull();
    });
  });
});

/** The records this file adds to the reference scenario, so that every kind has an owner. */
async function extendScenario(s: ScopeScenario, databaseUrl: string): Promise<void> {
  const bearer = async (role: string, ...scope: string[]) => ({
    authorization: `Bearer ${await tokenFor(databaseUrl, role, ...scope)}`,
  });
  s.auth.admin = await bearer('ADMIN');
  const { createProgramme } = await s.ok(
    'admin',
    `mutation { createProgramme(input: { name: "Another programme", contractingAuthority: "DfE", startsOn: "2022-04-01", endsOn: "2025-03-31", budget: "1000.00" }) { id } }`,
  );
  s.otherProgramme = createProgramme.id as string;
  s.auth.otherManager = await bearer('PROGRAMME_MANAGER', '--programme', s.otherProgramme);
  // The manager's personal API token, good for a month.
  s.managerUserId = (await s.ok('manager', '{ me { userId } }')).me.userId as string;
  const { createApiToken } = await s.ok(
    'manager',
    'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token { id } } }',
    {
      input: {
        name: 'Reporting',
        expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    },
  );
  s.managerApiToken = createApiToken.token.id as string;

  // North Star: an engagement approved with no delivery yet, and a draft cohort session that
  // takes in an LA outside the North East.
  s.engagement.stockton = await s.approved(LA.stockton, 'POLITICAL_LEADERSHIP', s.contract.A1);
  s.session.S8 = await s.record({
    engagementIds: [s.engagement.hartlepool, s.engagement.leeds],
    deliveredOn: '2022-11-08',
    durationMinutes: 90,
    format: 'ONLINE',
    topic: 'Scrutiny of children’s services',
    attendance: [
      { localAuthorityCode: LA.hartlepool, role: 'LEAD_MEMBER', count: 1 },
      { localAuthorityCode: LA.leeds, role: 'LEAD_MEMBER', count: 1 },
    ],
  });
  // A referral no one has decided.
  const { referLocalAuthority } = await s.ok(
    'manager',
    `mutation { referLocalAuthority(input: { programmeId: "${GOLDEN_PROGRAMME}", serviceLine: POLITICAL_LEADERSHIP, localAuthorityCode: "${LA.darlington}", financialYear: "2022-23", reason: "New leader", referredOn: "2022-06-01" }) { id } }`,
  );
  s.engagement.darlingtonReferred = referLocalAuthority.id as string;
  // Partners: a diagnostic planned, with a recommendation.
  s.engagement.darlington = await s.approved(
    LA.darlington,
    'CORPORATE_PARENTING_DIAGNOSTIC',
    s.contract.B4,
  );
  const { planDiagnostic } = await s.ok(
    'partners',
    `mutation { planDiagnostic(input: { engagementId: "${s.engagement.darlington}", plannedOn: "2022-11-07" }) { id } }`,
  );
  s.diagnostic.darlington = planDiagnostic.id as string;
  const { addDiagnosticRecommendation } = await s.ok(
    'partners',
    `mutation { addDiagnosticRecommendation(input: { diagnosticId: "${s.diagnostic.darlington}", text: "Hear care leavers at the board", ownerRole: LEAD_MEMBER, dueOn: "2023-06-30", enabler: LEADERSHIP_AND_GOVERNANCE }) { id } }`,
  );
  s.recommendation = addDiagnosticRecommendation.id as string;

  const participant = async (who: string, engagementId: string, name: string) =>
    (
      await s.ok(
        who,
        `mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { id } }`,
        { input: { engagementId, name, email: 'person@council.example', role: 'LEAD_MEMBER' } },
      )
    ).addParticipant.id as string;
  s.participant = {
    hartlepool: await participant('northStar', s.engagement.hartlepool, 'Alex Morgan'),
    sunderland: await participant('partners', s.engagement.sunderland, 'Sam Patel'),
  };

  const { submitMonthlyReturn } = await s.ok(
    'northStar',
    `mutation { submitMonthlyReturn(input: { programmeId: "${GOLDEN_PROGRAMME}", month: "2022-07", sessionsDelivered: 1, participants: 2, spend: "1250.00" }) { id } }`,
  );
  s.monthlyReturn = submitMonthlyReturn.id as string;

  const { leadMemberNetworks } = await s.ok(
    'manager',
    `{ leadMemberNetworks(programmeId: "${GOLDEN_PROGRAMME}") { id region { code } } }`,
  );
  const networkOf = (region: string) =>
    (leadMemberNetworks as Array<{ id: string; region: { code: string } }>).find(
      (network) => network.region.code === region,
    )!.id;
  s.network = { northEast: networkOf(NORTH_EAST), yorkshire: networkOf(YORKSHIRE) };
  const meeting = async (networkId: string, code: string) =>
    (
      await s.ok(
        'manager',
        `mutation { recordNetworkMeeting(input: { networkId: "${networkId}", heldOn: "2022-10-12", topics: ["Corporate parenting"], attendingLocalAuthorityCodes: ["${code}"] }) { id } }`,
      )
    ).recordNetworkMeeting.id as string;
  s.meeting = {
    northEast: await meeting(s.network.northEast, LA.hartlepool),
    yorkshire: await meeting(s.network.yorkshire, LA.leeds),
  };

  const { requestReport } = await s.ok(
    'manager',
    `mutation { requestReport(input: { programmeId: "${GOLDEN_PROGRAMME}", kind: MONTHLY_MI, financialYear: "2022-23", format: ODS }) { id } }`,
  );
  s.report = requestReport.id as string;

  const idOf = async (code: string) =>
    (await s.ok('admin', `{ localAuthority(code: "${code}") { id } }`)).localAuthority.id as string;
  s.localAuthorityId = {
    hartlepool: await idOf(LA.hartlepool),
    leeds: await idOf(LA.leeds),
  };
}
