import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';

/** SPEC §5.6: PLANNED → FIELDWORK → DRAFT_REPORT → FINAL_REPORT, one step at a time. */
export const DIAGNOSTIC_STATUSES = [
  'PLANNED',
  'FIELDWORK',
  'DRAFT_REPORT',
  'FINAL_REPORT',
] as const;
export type DiagnosticStatus = (typeof DIAGNOSTIC_STATUSES)[number];

export const DIAGNOSTIC_MOVES = [
  'START_FIELDWORK',
  'SUBMIT_DRAFT_REPORT',
  'ISSUE_FINAL_REPORT',
] as const;
export type DiagnosticMove = (typeof DIAGNOSTIC_MOVES)[number];

const MOVES: Readonly<Record<DiagnosticMove, { from: DiagnosticStatus; to: DiagnosticStatus }>> = {
  START_FIELDWORK: { from: 'PLANNED', to: 'FIELDWORK' },
  SUBMIT_DRAFT_REPORT: { from: 'FIELDWORK', to: 'DRAFT_REPORT' },
  ISSUE_FINAL_REPORT: { from: 'DRAFT_REPORT', to: 'FINAL_REPORT' },
};

/** The state a move leads to, or null when the move is not allowed from this state. */
export function nextDiagnosticStatus(
  from: DiagnosticStatus,
  move: DiagnosticMove,
): DiagnosticStatus | null {
  return MOVES[move].from === from ? MOVES[move].to : null;
}

export function diagnosticStatusAllowing(move: DiagnosticMove): DiagnosticStatus {
  return MOVES[move].from;
}

/**
 * The seven corporate parenting principles of the Children and Social Work Act 2017, s1(1)(a)–(g):
 * the need a local authority must have regard to for looked-after children and care leavers.
 */
export const CORPORATE_PARENTING_PRINCIPLES = [
  'BEST_INTERESTS_AND_WELLBEING',
  'EXPRESS_VIEWS',
  'TAKE_VIEWS_INTO_ACCOUNT',
  'ACCESS_TO_SERVICES',
  'HIGH_ASPIRATIONS',
  'SAFETY_AND_STABILITY',
  'PREPARATION_FOR_ADULTHOOD',
] as const;
export type CorporateParentingPrinciple = (typeof CORPORATE_PARENTING_PRINCIPLES)[number];

/** The statutory wording of each principle, as s1(1) of the Act puts it. */
export const PRINCIPLE_WORDING: Readonly<Record<CorporateParentingPrinciple, string>> = {
  BEST_INTERESTS_AND_WELLBEING:
    's1(1)(a): to act in the best interests, and promote the physical and mental health and well-being, of those children and young people',
  EXPRESS_VIEWS:
    's1(1)(b): to encourage those children and young people to express their views, wishes and feelings',
  TAKE_VIEWS_INTO_ACCOUNT:
    's1(1)(c): to take into account the views, wishes and feelings of those children and young people',
  ACCESS_TO_SERVICES:
    's1(1)(d): to help those children and young people gain access to, and make the best use of, services provided by the local authority and its relevant partners',
  HIGH_ASPIRATIONS:
    's1(1)(e): to promote high aspirations, and seek to secure the best outcomes, for those children and young people',
  SAFETY_AND_STABILITY:
    's1(1)(f): for those children and young people to be safe, and for stability in their home lives, relationships and education or work',
  PREPARATION_FOR_ADULTHOOD:
    's1(1)(g): to prepare those children and young people for adulthood and independent living',
};

export const RAG_RATINGS = ['RED', 'AMBER', 'GREEN'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

/** The improvement enablers a recommendation is tagged with. */
export const IMPROVEMENT_ENABLERS = [
  'STRATEGIC_APPROACH',
  'LEADERSHIP_AND_GOVERNANCE',
  'WORKFORCE',
  'PARTNERS',
  'SUPPORTING_APPARATUS',
  'INNOVATION',
  'JUDICIOUS_USE_OF_RESOURCES',
] as const;
export type ImprovementEnabler = (typeof IMPROVEMENT_ENABLERS)[number];

export const RECOMMENDATION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** Who in the LA owns a recommendation: a role, never a named person. */
export const RECOMMENDATION_OWNER_ROLES = [
  'LEAD_MEMBER',
  'LEADER_OF_COUNCIL',
  'CABINET',
  'CHIEF_EXECUTIVE',
  'DIRECTOR_OF_CHILDRENS_SERVICES',
  'CHIEF_FINANCE_OFFICER',
  'HR_LEAD',
  'CORPORATE_PARENTING_BOARD',
  'OTHER_SENIOR_LEADER',
] as const;
export type RecommendationOwnerRole = (typeof RECOMMENDATION_OWNER_ROLES)[number];

const MAX_COMMENTARY = 4000;
const MAX_RECOMMENDATION = 2000;

type Problem = { field: string; message: string };

const oneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

/**
 * What is wrong with a date a move records, field by field: a day that has happened (in England),
 * not before the step before it, and within the contract the diagnostic is under.
 */
export function moveDateProblems(
  field: string,
  date: IsoDate,
  context: {
    today: IsoDate;
    /** The day of the step before, which this one cannot precede. */
    previous: { what: string; on: IsoDate } | null;
    contract: { reference: string; startsOn: IsoDate; endsOn: IsoDate };
  },
): Problem[] {
  if (!isIsoDate(date)) return [{ field, message: 'must be a date (YYYY-MM-DD)' }];
  if (date > context.today) return [{ field, message: 'must not be in the future' }];
  if (context.previous && date < context.previous.on)
    return [
      {
        field,
        message: `must not be before the ${context.previous.what} (${context.previous.on})`,
      },
    ];
  return contractDateProblems(field, date, context.contract);
}

/** A diagnostic is planned and carried out while its contract is in force. */
export function contractDateProblems(
  field: string,
  date: IsoDate,
  contract: { reference: string; startsOn: IsoDate; endsOn: IsoDate },
): Problem[] {
  return date < contract.startsOn || date > contract.endsOn
    ? [
        {
          field,
          message: `must fall within contract ${contract.reference} (${contract.startsOn} to ${contract.endsOn})`,
        },
      ]
    : [];
}

/**
 * The day an engagement's delivery begins when its diagnostic is planned: the planned day when it
 * has come, else today (a plan for next month starts the work now, not then).
 */
export function deliveryStartDate(plannedOn: IsoDate, today: IsoDate): IsoDate {
  return plannedOn < today ? plannedOn : today;
}

/** Principles not yet rated, in the Act's order: a final report rates all seven. */
export function unratedPrinciples(
  rated: readonly CorporateParentingPrinciple[],
): CorporateParentingPrinciple[] {
  return CORPORATE_PARENTING_PRINCIPLES.filter((principle) => !rated.includes(principle));
}

/** Findings may be rated and recommendations written until the final report is issued. */
export function isReportOpen(status: DiagnosticStatus): boolean {
  return status !== 'FINAL_REPORT';
}

export interface RatingInput {
  principle: string;
  rating: string;
  commentary: string;
}

/** What is wrong with a rating against a principle, field by field. */
export function ratingProblems(input: RatingInput): Problem[] {
  const problems: Problem[] = [];
  if (!oneOf(CORPORATE_PARENTING_PRINCIPLES, input.principle))
    problems.push({
      field: 'principle',
      message: `must be one of the seven corporate parenting principles: ${CORPORATE_PARENTING_PRINCIPLES.join(', ')}`,
    });
  if (!oneOf(RAG_RATINGS, input.rating))
    problems.push({ field: 'rating', message: `must be ${RAG_RATINGS.join(', ')}` });
  problems.push(...textProblems('commentary', input.commentary, MAX_COMMENTARY));
  return problems;
}

export interface RecommendationFields {
  text?: string | null;
  ownerRole?: string | null;
  dueOn?: IsoDate | null;
  enabler?: string | null;
  status?: string | null;
}

/** What is wrong with the fields of a recommendation as given; those left out are not checked. */
export function recommendationProblems(fields: RecommendationFields): Problem[] {
  const problems: Problem[] = [];
  if (fields.text !== undefined && fields.text !== null)
    problems.push(...textProblems('text', fields.text, MAX_RECOMMENDATION));
  if (fields.ownerRole && !oneOf(RECOMMENDATION_OWNER_ROLES, fields.ownerRole))
    problems.push({
      field: 'ownerRole',
      message: `must be one of ${RECOMMENDATION_OWNER_ROLES.join(', ')}`,
    });
  if (fields.dueOn && !isIsoDate(fields.dueOn))
    problems.push({ field: 'dueOn', message: 'must be a date (YYYY-MM-DD)' });
  if (fields.enabler && !oneOf(IMPROVEMENT_ENABLERS, fields.enabler))
    problems.push({
      field: 'enabler',
      message: `must be one of the improvement enablers: ${IMPROVEMENT_ENABLERS.join(', ')}`,
    });
  if (fields.status && !oneOf(RECOMMENDATION_STATUSES, fields.status))
    problems.push({
      field: 'status',
      message: `must be ${RECOMMENDATION_STATUSES.join(', ')}`,
    });
  return problems;
}

/**
 * Which of the fields given may change now: everything while the report is open; once the final
 * report is issued its recommendations stand as written and only their progress (status) moves.
 */
export function recommendationChangeProblems(
  status: DiagnosticStatus,
  given: readonly string[],
): Problem[] {
  if (isReportOpen(status)) return [];
  return given
    .filter((field) => field !== 'status')
    .map((field) => ({
      field,
      message: 'stands as the final report wrote it: only the status of a recommendation moves',
    }));
}

function textProblems(field: string, text: string, max: number): Problem[] {
  const value = text.trim();
  return value === '' || value.length > max
    ? [{ field, message: `must be 1 to ${max} characters` }]
    : [];
}

/** The step before a move, whose day the move's cannot precede; none before fieldwork. */
export function stepBefore(
  move: DiagnosticMove,
  steps: { fieldworkStartedOn: IsoDate | null; draftReportOn: IsoDate | null },
): { what: string; on: IsoDate } | null {
  switch (move) {
    case 'START_FIELDWORK':
      return null;
    case 'SUBMIT_DRAFT_REPORT':
      return steps.fieldworkStartedOn === null
        ? null
        : { what: 'start of fieldwork', on: steps.fieldworkStartedOn };
    case 'ISSUE_FINAL_REPORT':
      return steps.draftReportOn === null
        ? null
        : { what: 'draft report', on: steps.draftReportOn };
  }
}

/** A year's diagnostics against the target for the diagnostic service line. */
export interface DiagnosticsProgress {
  /** The target in force for the year; null when none is set. */
  target: number | null;
  planned: number;
  /** In fieldwork or at draft report. */
  inProgress: number;
  finalReports: number;
  total: number;
  /** Final reports still to reach the target; null without one. */
  remaining: number | null;
}

export function diagnosticsProgress(
  counts: ReadonlyMap<DiagnosticStatus, number>,
  target: number | null,
): DiagnosticsProgress {
  const count = (status: DiagnosticStatus) => counts.get(status) ?? 0;
  const finalReports = count('FINAL_REPORT');
  return {
    target,
    planned: count('PLANNED'),
    inProgress: count('FIELDWORK') + count('DRAFT_REPORT'),
    finalReports,
    total: DIAGNOSTIC_STATUSES.reduce((sum, status) => sum + count(status), 0),
    remaining: target === null ? null : Math.max(0, target - finalReports),
  };
}

/** How many LAs were rated red, amber and green against one principle. */
export interface PrincipleRatings {
  principle: CorporateParentingPrinciple;
  red: number;
  amber: number;
  green: number;
}

/** Counts by principle and rating as seven rows in the Act's order, a principle no one rated at 0. */
export function ratingsByPrinciple(
  counts: ReadonlyArray<{
    principle: CorporateParentingPrinciple;
    rating: RagRating;
    count: number;
  }>,
): PrincipleRatings[] {
  const of = (principle: CorporateParentingPrinciple, rating: RagRating) =>
    counts
      .filter((row) => row.principle === principle && row.rating === rating)
      .reduce((sum, row) => sum + row.count, 0);
  return CORPORATE_PARENTING_PRINCIPLES.map((principle) => ({
    principle,
    red: of(principle, 'RED'),
    amber: of(principle, 'AMBER'),
    green: of(principle, 'GREEN'),
  }));
}
