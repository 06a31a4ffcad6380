import { ALL_ROLES, Role } from '@la-tracker/platform/auth';

/**
 * Who may call each operation: the one place role checks live. Anything missing here is refused,
 * so a new operation is closed until someone decides who may use it (the access matrix test fails
 * until they do). Row-level scope (which records) is the services' job.
 */
export type Access = 'PUBLIC' | 'SIGNED_IN' | readonly Role[];

export const ACCESS_POLICY: Readonly<Record<string, Access>> = {
  // Anyone signed in, roles or not, may ask who they are.
  'Query.me': 'SIGNED_IN',
  // Reference data is public information: every signed-in user may read it (SPEC §2).
  'Query.regions': 'SIGNED_IN',
  'Query.localAuthorities': 'SIGNED_IN',
  'Query.localAuthority': 'SIGNED_IN',
  // Eligibility and concerns are not public (SPEC §2); advisers see their own regions.
  'Query.eligibleLocalAuthorities': [Role.PROGRAMME_MANAGER, Role.REGIONAL_ADVISER, Role.ADMIN],
  // Manual records feed eligibility: managers and admins only.
  'Mutation.recordInspection': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.recordConcern': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Engagements: every role sees its own share (SPEC §2); the services scope the rows.
  'Query.engagements': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.REGIONAL_ADVISER, Role.ADMIN],
  'Query.engagement': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.REGIONAL_ADVISER, Role.ADMIN],
  // Referrals and decisions are the programme's; a supplier may start its own delivery.
  'Mutation.referLocalAuthority': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.approveEngagement': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.declineEngagement': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.startEngagement': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  'Mutation.completeEngagement': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.withdrawEngagement': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Sessions are seen as engagements are; suppliers alone plan, record, change and submit their
  // own delivery, and the programme's managers and admins approve or return it (SPEC §2, §5.5).
  'Query.deliverySessions': [
    Role.PROGRAMME_MANAGER,
    Role.SUPPLIER,
    Role.REGIONAL_ADVISER,
    Role.ADMIN,
  ],
  'Query.deliverySession': [
    Role.PROGRAMME_MANAGER,
    Role.SUPPLIER,
    Role.REGIONAL_ADVISER,
    Role.ADMIN,
  ],
  'Mutation.planSession': [Role.SUPPLIER],
  'Mutation.recordSession': [Role.SUPPLIER],
  'Mutation.updateSession': [Role.SUPPLIER],
  'Mutation.submitSession': [Role.SUPPLIER],
  // A bulk upload is recording (and, if asked, submitting) many sessions at once.
  'Mutation.importSessions': [Role.SUPPLIER],
  'Mutation.approveSession': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.returnSession': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Diagnostics (SPEC §5.6) are seen as engagements are: managers their programmes', suppliers
  // their own, advisers those of LAs in their regions (support received is LA status), admins all.
  // The report is the supplier's work: its staff alone plan, move, rate and recommend; managers
  // and admins read it and correct nothing in it (a wrong report goes back to the supplier).
  'Query.diagnostics': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.REGIONAL_ADVISER, Role.ADMIN],
  'Query.diagnostic': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.REGIONAL_ADVISER, Role.ADMIN],
  'Query.diagnosticsProgress': [
    Role.PROGRAMME_MANAGER,
    Role.SUPPLIER,
    Role.REGIONAL_ADVISER,
    Role.ADMIN,
  ],
  'Query.diagnosticRatings': [
    Role.PROGRAMME_MANAGER,
    Role.SUPPLIER,
    Role.REGIONAL_ADVISER,
    Role.ADMIN,
  ],
  'Mutation.planDiagnostic': [Role.SUPPLIER],
  'Mutation.startDiagnosticFieldwork': [Role.SUPPLIER],
  'Mutation.submitDiagnosticDraftReport': [Role.SUPPLIER],
  'Mutation.issueDiagnosticFinalReport': [Role.SUPPLIER],
  'Mutation.rateDiagnosticPrinciple': [Role.SUPPLIER],
  'Mutation.addDiagnosticRecommendation': [Role.SUPPLIER],
  'Mutation.updateDiagnosticRecommendation': [Role.SUPPLIER],
  // Participants are personal data (SPEC §5.11): the programme's managers, the engagement's
  // supplier and admins; advisers never. Which records is the service's job.
  'Query.participants': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  'Mutation.addParticipant': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  'Mutation.updateParticipant': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  'Mutation.eraseParticipant': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  // Coaching hours are the programme's to allocate and vary (SPEC §5.7); suppliers deliver them.
  'Mutation.allocateCoachingHours': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.approveCoachingVariation': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Networks are the programme's structure: every role reads those of programmes it sees.
  // Meetings and coverage are support LAs received, so advisers read their regions' (SPEC §2);
  // suppliers see their own meetings but not coverage, which counts other suppliers' meetings.
  // The network's supplier records meetings; managers and admins may record them for the programme.
  'Query.leadMemberNetworks': ALL_ROLES,
  'Query.networkMeetings': [
    Role.PROGRAMME_MANAGER,
    Role.SUPPLIER,
    Role.REGIONAL_ADVISER,
    Role.ADMIN,
  ],
  'Query.networkCoverage': [Role.PROGRAMME_MANAGER, Role.REGIONAL_ADVISER, Role.ADMIN],
  'Mutation.recordNetworkMeeting': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  // Reminders (SPEC §6, §7): admins see all, everyone else their own (the service scopes them).
  'Query.notifications': ALL_ROLES,
  // The audit log: managers read their programmes' entries, admins all (SPEC §5.10).
  'Query.auditEvents': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Managers import Ofsted's files (SPEC §3), so they and admins follow the imports.
  'Query.inspectionImport': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Query.inspectionImports': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Programme data is not public: every role reads it, each within its own scope (the service's
  // job); a caller with no role has none.
  'Query.programmes': ALL_ROLES,
  'Query.programme': ALL_ROLES,
  // Managers and admins contract suppliers and shape programmes; which programmes a manager may
  // change is the service's job.
  'Query.suppliers': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.createProgramme': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.updateProgramme': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.setServiceLineTarget': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.varyLots': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.createSupplier': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.addSupplierContact': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.createContract': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.updateContract': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Monthly returns (SPEC §5.12): suppliers submit their own; the programme's managers and admins
  // decide. Returns are delivery and spend, not LA status: advisers have no part in them.
  'Query.monthlyReturns': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  'Query.monthlyReturn': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  'Mutation.submitMonthlyReturn': [Role.SUPPLIER],
  'Mutation.acceptMonthlyReturn': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Mutation.returnMonthlyReturn': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Spend is programme data (SPEC §2, §5.9): the programme's managers and admins see all of it,
  // suppliers the spend under their own contracts (the service scopes it); advisers none.
  'Query.spend': [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
  // Reports (SPEC §6) are the programme's: the pack holds its budget and every supplier's spend,
  // the extracts every supplier's rows. Its managers and admins request and read them; suppliers
  // and advisers never (the service scopes a manager to their own programmes).
  'Mutation.requestReport': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Query.report': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  'Query.reports': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // The dashboard is the programme's, like its reports: the budget and every supplier's figures.
  'Query.programmeDashboard': [Role.PROGRAMME_MANAGER, Role.ADMIN],
  // Who manages which programme is for admins alone (SPEC §2).
  'Mutation.assignProgrammeManager': [Role.ADMIN],
  'Mutation.revokeProgrammeManager': [Role.ADMIN],
  // People and their role assignments are for admins alone (SPEC §2).
  'Query.users': [Role.ADMIN],
  'Mutation.assignRole': [Role.ADMIN],
  'Mutation.revokeRole': [Role.ADMIN],
  // Personal API tokens (SPEC §2): anyone holding a role may make one for themselves (the service
  // refuses a caller using a token). Anyone signed in may list and revoke their own, so a person
  // whose roles were taken away can still clear up; admins may reach anyone's.
  'Query.apiTokens': 'SIGNED_IN',
  'Mutation.createApiToken': ALL_ROLES,
  'Mutation.revokeApiToken': 'SIGNED_IN',
};

export function accessFor(parentType: string, fieldName: string): Access | undefined {
  return ACCESS_POLICY[`${parentType}.${fieldName}`];
}

/**
 * Operations that hand out power: a person must be signed in as themselves, not calling with a
 * personal API token, so a leaked token cannot make more tokens nor give anyone a role.
 */
const NEEDS_PERSONAL_SIGN_IN: ReadonlySet<string> = new Set([
  'Mutation.createApiToken',
  'Mutation.assignRole',
  'Mutation.revokeRole',
  'Mutation.assignProgrammeManager',
  'Mutation.revokeProgrammeManager',
]);

export function needsPersonalSignIn(parentType: string, fieldName: string): boolean {
  return NEEDS_PERSONAL_SIGN_IN.has(`${parentType}.${fieldName}`);
}
