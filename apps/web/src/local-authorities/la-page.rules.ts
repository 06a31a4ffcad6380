import {
  eligibilityBasisWords,
  gradeWords,
  inspectionTypeWords,
  judgementAreaWords,
  serviceLineWords,
} from './local-authorities.rules';

/** One inspection or visit, as the api gives it. */
export interface InspectionNode {
  id: string;
  type: string;
  inspectedOn: string | null;
  publishedOn: string | null;
  letterDate: string | null;
  theme: string | null;
  overallEffectiveness: string | null;
  impactOfLeaders: string | null;
  helpAndProtection: string | null;
  childrenInCare: string | null;
  careLeavers: string | null;
  priorityActionAreas: string[];
}

export interface SessionNode {
  id: string;
  status: string;
  deliveredOn: string | null;
  plannedOn: string | null;
}

export interface DiagnosticNode {
  id: string;
  status: string;
  plannedOn: string;
  fieldworkStartedOn: string | null;
  draftReportOn: string | null;
  finalReportOn: string | null;
}

export interface EngagementNode {
  id: string;
  serviceLine: string;
  financialYear: string;
  status: string;
  referredOn: string;
  decidedOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
  withdrawnOn: string | null;
  supplier: { name: string } | null;
  sessions: SessionNode[];
  diagnostic: DiagnosticNode | null;
}

export interface EligibilityNode {
  asOf: string;
  eligible: boolean;
  basis: string[];
  declines: Array<{ area: string; from: string; to: string }>;
  evidence: {
    inspections: Array<{
      id: string;
      type: string;
      inspectedOn: string | null;
      publishedOn: string | null;
    }>;
    concerns: Array<{ id: string; note: string; recordedOn: string; withdrawnOn: string | null }>;
  };
}

export interface InspectionRow {
  type: string;
  theme: string | null;
  inspectedOn: string | null;
  publishedOn: string | null;
  letterDate: string | null;
  /** Overall, leaders, help and protection, children in care, care leavers: '' where not given. */
  grades: string[];
  /** Before 2023 one judgement covered children in care and care leavers. */
  combinedCareJudgement: boolean;
  priorityActionAreas: string[];
}

const CARE_SPLIT = '2023-01-01';

export function inspectionRowOf(inspection: InspectionNode): InspectionRow {
  const day = inspection.inspectedOn ?? inspection.publishedOn;
  return {
    type: inspectionTypeWords(inspection.type),
    theme: inspection.theme,
    inspectedOn: inspection.inspectedOn,
    publishedOn: inspection.publishedOn,
    letterDate: inspection.letterDate,
    grades: [
      inspection.overallEffectiveness,
      inspection.impactOfLeaders,
      inspection.helpAndProtection,
      inspection.childrenInCare,
      inspection.careLeavers,
    ].map(gradeWords),
    combinedCareJudgement: Boolean(inspection.childrenInCare) && day !== null && day < CARE_SPLIT,
    priorityActionAreas: inspection.priorityActionAreas,
  };
}

export interface SupportRow {
  id: string;
  serviceLine: string;
  financialYear: string;
  status: string;
  supplier: string;
  /** Sessions delivered (recorded, whatever their approval) and planned. */
  sessionsDelivered: number;
  sessionsPlanned: number;
}

export function supportRowOf(engagement: EngagementNode): SupportRow {
  const planned = engagement.sessions.filter((session) => session.status === 'PLANNED').length;
  return {
    id: engagement.id,
    serviceLine: serviceLineWords(engagement.serviceLine),
    financialYear: engagement.financialYear,
    status: engagement.status,
    supplier: engagement.supplier?.name ?? 'Not yet chosen',
    sessionsDelivered: engagement.sessions.length - planned,
    sessionsPlanned: planned,
  };
}

export interface EligibilityView {
  asOf: string;
  eligible: boolean;
  reasons: string[];
  declines: string[];
  inspections: Array<{ text: string; date: string | null }>;
  concerns: Array<{ note: string; recordedOn: string; withdrawnOn: string | null }>;
}

export function eligibilityViewOf(eligibility: EligibilityNode): EligibilityView {
  return {
    asOf: eligibility.asOf,
    eligible: eligibility.eligible,
    reasons: eligibility.basis.map(eligibilityBasisWords),
    declines: eligibility.declines.map(
      (decline) =>
        `${judgementAreaWords(decline.area)}: ${gradeWords(decline.from)} to ${gradeWords(decline.to)}`,
    ),
    inspections: eligibility.evidence.inspections.map((inspection) => ({
      text: inspectionTypeWords(inspection.type),
      date: inspection.inspectedOn ?? inspection.publishedOn,
    })),
    concerns: eligibility.evidence.concerns.map(({ note, recordedOn, withdrawnOn }) => ({
      note,
      recordedOn,
      withdrawnOn,
    })),
  };
}
