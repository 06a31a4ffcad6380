import type { FieldProblem } from '../api/api-client';
import { Role } from '../http/web-request';

/** The api's service lines, in lot order. */
export const SERVICE_LINES = [
  'POLITICAL_LEADERSHIP',
  'CORPORATE_LEADERSHIP',
  'COUNCILLOR_GROUPS',
  'CORPORATE_PARENTING_DIAGNOSTIC',
  'LEAD_MEMBER_NETWORKS',
  'TARGETED_SUPPORT',
  'COACHING_MENTORING',
] as const;
export type ServiceLine = (typeof SERVICE_LINES)[number];

export const ENGAGEMENT_STATUSES = [
  'REFERRED',
  'APPROVED',
  'IN_DELIVERY',
  'COMPLETED',
  'DECLINED',
  'WITHDRAWN',
] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** Lines only eligible LAs may have without an override (SPEC §5.4). */
export const ELIGIBILITY_RESTRICTED: readonly string[] = ['COACHING_MENTORING'];

const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;
const REGION_CODE = /^E12\d{6}$/;
const ID = /^[0-9a-fA-F-]{1,64}$/;

/** "2022-23", with the second year following the first; anything else is not a year. */
export function isFinancialYear(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = FINANCIAL_YEAR.exec(value);
  if (!match) return false;
  return (Number(match[1]) + 1) % 100 === Number(match[2]);
}

/** The financial year (1 April to 31 March) holding a date, e.g. 2023-02-01 → "2022-23". */
export function financialYearOf(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const start = isoDate.slice(5, 7) >= '04' ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Every financial year a span of days touches, earliest first. */
export function financialYearsBetween(startsOn: string, endsOn: string): string[] {
  const first = Number(financialYearOf(startsOn).slice(0, 4));
  const last = Number(financialYearOf(endsOn).slice(0, 4));
  const years: string[] = [];
  for (let start = first; start <= last; start += 1)
    years.push(`${start}-${String((start + 1) % 100).padStart(2, '0')}`);
  return years;
}

/**
 * The year a programme's pages open on: the one asked for if the programme runs in it, else
 * today's, else (a programme that has ended or not begun) its nearest year.
 */
export function yearToShow(
  asked: unknown,
  programme: { startsOn: string; endsOn: string },
  today: string,
): string {
  const years = financialYearsBetween(programme.startsOn, programme.endsOn);
  if (typeof asked === 'string' && years.includes(asked)) return asked;
  const current = financialYearOf(today);
  if (years.includes(current)) return current;
  return current < (years[0] ?? '') ? (years[0] ?? current) : (years.at(-1) ?? current);
}

const one = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : Array.isArray(value) ? one(value[0]) : '';
const many = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

export interface EngagementFilterForm {
  programmeId: string;
  serviceLine: string;
  status: string[];
  regionCode: string;
  financialYear: string;
}

/**
 * The list's GET form as the api's EngagementFilter: values the api would refuse (a made-up status
 * or year) are left out rather than shown as an error, since they can only come from an edited URL.
 */
export function parseEngagementFilter(query: Record<string, unknown>): {
  form: EngagementFilterForm;
  filter: Record<string, unknown>;
} {
  const programmeId = one(query.programmeId);
  const serviceLine = one(query.serviceLine);
  const regionCode = one(query.regionCode);
  const financialYear = one(query.financialYear);
  const status = many(query.status).filter((s) =>
    (ENGAGEMENT_STATUSES as readonly string[]).includes(s),
  );
  const form: EngagementFilterForm = {
    programmeId: ID.test(programmeId) ? programmeId : '',
    serviceLine: (SERVICE_LINES as readonly string[]).includes(serviceLine) ? serviceLine : '',
    status,
    regionCode: REGION_CODE.test(regionCode) ? regionCode : '',
    financialYear: isFinancialYear(financialYear) ? financialYear : '',
  };
  const filter: Record<string, unknown> = {};
  if (form.programmeId) filter.programmeId = form.programmeId;
  if (form.serviceLine) filter.serviceLine = form.serviceLine;
  if (form.status.length > 0) filter.status = form.status;
  if (form.regionCode) filter.regionCode = form.regionCode;
  if (form.financialYear) filter.financialYear = form.financialYear;
  return { form, filter };
}

export const PAGE_SIZE = 20;

/** Where a person is in a cursor-paged list: the cursor of this page and those of the pages before. */
export interface PagePosition {
  after: string | null;
  /** The `after` of each earlier page, first page's (empty) first. */
  trail: string[];
}

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

/**
 * The api pages forward only (Relay `first`/`after`), so going back needs the cursors of the
 * pages before: they travel in the link as `trail`, a comma-separated list (cursors are base64url).
 */
export function pagePositionOf(query: Record<string, unknown>): PagePosition {
  const after = one(query.after);
  if (!CURSOR.test(after)) return { after: null, trail: [] };
  const trail = one(query.trail).split(',');
  // A trail that is not one this list gave out is dropped: "Previous" then goes to the first page.
  const valid = trail.every((cursor) => cursor === '' || CURSOR.test(cursor));
  return { after, trail: valid ? trail : [''] };
}

export interface Pagination {
  previous?: { href: string };
  next?: { href: string };
  /** e.g. "Showing 21 to 40 of 45 engagements". */
  summary: string;
}

/** Previous and next links for GOV.UK's pagination, keeping the list's other query values. */
export function paginationOf(
  path: string,
  params: URLSearchParams,
  position: PagePosition,
  page: { count: number; totalCount: number; hasNextPage: boolean; endCursor: string | null },
  noun: string,
): Pagination {
  const base = new URLSearchParams(params);
  base.delete('after');
  base.delete('trail');
  const hrefFor = (after: string | null, trail: string[]): string => {
    const query = new URLSearchParams(base);
    if (after) {
      query.set('after', after);
      query.set('trail', trail.join(','));
    }
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  const pagination: Pagination = { summary: '' };
  const pageIndex = position.after ? position.trail.length : 0;
  const first = pageIndex * PAGE_SIZE + 1;
  pagination.summary =
    page.count === 0
      ? `No ${noun}`
      : `Showing ${first} to ${first + page.count - 1} of ${page.totalCount} ${noun}`;
  if (position.after) {
    const earlier = position.trail.slice(0, -1);
    const previousAfter = position.trail.at(-1) ?? '';
    pagination.previous = { href: hrefFor(previousAfter || null, earlier) };
  }
  if (page.hasNextPage && page.endCursor)
    pagination.next = {
      href: hrefFor(page.endCursor, position.after ? [...position.trail, position.after] : ['']),
    };
  return pagination;
}

/** The colour of a status's tag: GOV.UK's tag modifiers. */
export function statusTagClass(status: string): string {
  switch (status) {
    case 'REFERRED':
    case 'QUEUED':
    case 'SUBMITTED':
      return 'govuk-tag--blue';
    case 'APPROVED':
    case 'DONE':
      return 'govuk-tag--green';
    case 'IN_DELIVERY':
    case 'RUNNING':
      return 'govuk-tag--turquoise';
    case 'COMPLETED':
      return 'govuk-tag--purple';
    case 'DECLINED':
    case 'FAILED':
      return 'govuk-tag--red';
    case 'WITHDRAWN':
    case 'RETURNED':
      return 'govuk-tag--orange';
    default:
      return 'govuk-tag--grey';
  }
}

export type EngagementMove = 'approve' | 'decline' | 'start' | 'complete' | 'withdraw';

export interface EngagementAction {
  move: EngagementMove;
  text: string;
  /** A page of its own (to choose a contract, or give a reason), else a button posting at once. */
  page: boolean;
  secondary: boolean;
}

const MOVES: ReadonlyArray<{
  move: EngagementMove;
  text: string;
  from: readonly string[];
  roles: readonly Role[];
  page: boolean;
  secondary: boolean;
}> = [
  {
    move: 'approve',
    text: 'Approve',
    from: ['REFERRED'],
    roles: [Role.PROGRAMME_MANAGER, Role.ADMIN],
    page: true,
    secondary: false,
  },
  {
    move: 'decline',
    text: 'Decline',
    from: ['REFERRED'],
    roles: [Role.PROGRAMME_MANAGER, Role.ADMIN],
    page: true,
    secondary: true,
  },
  {
    move: 'start',
    text: 'Start delivery',
    from: ['APPROVED'],
    roles: [Role.PROGRAMME_MANAGER, Role.SUPPLIER, Role.ADMIN],
    page: false,
    secondary: false,
  },
  {
    move: 'complete',
    text: 'Mark as completed',
    from: ['IN_DELIVERY'],
    roles: [Role.PROGRAMME_MANAGER, Role.ADMIN],
    page: false,
    secondary: false,
  },
  {
    move: 'withdraw',
    text: 'Withdraw',
    from: ['APPROVED', 'IN_DELIVERY'],
    roles: [Role.PROGRAMME_MANAGER, Role.ADMIN],
    page: true,
    secondary: true,
  },
];

/** The moves (SPEC §5.2) a person with these roles may make from a status; the api decides in the end. */
export function engagementActions(status: string, roles: ReadonlySet<Role>): EngagementAction[] {
  return MOVES.filter(
    (rule) => rule.from.includes(status) && rule.roles.some((role) => roles.has(role)),
  ).map(({ move, text, page, secondary }) => ({ move, text, page, secondary }));
}

export function isMove(value: unknown): value is EngagementMove {
  return MOVES.some((rule) => rule.move === value);
}

/** Whether the api will show this person eligibility answers and override reasons (SPEC §2). */
export function maySeeEligibility(roles: ReadonlySet<Role>): boolean {
  return [Role.PROGRAMME_MANAGER, Role.REGIONAL_ADVISER, Role.ADMIN].some((role) =>
    roles.has(role),
  );
}

export interface ReferralForm {
  programmeId: string;
  serviceLine: string;
  localAuthorityCode: string;
  financialYear: string;
  reason: string;
}

/** The referral form's fields, and what is plainly missing before the api is asked. */
export function parseReferral(body: Record<string, unknown>): {
  values: ReferralForm;
  problems: FieldProblem[];
} {
  const values: ReferralForm = {
    programmeId: one(body.programmeId),
    serviceLine: one(body.serviceLine),
    localAuthorityCode: one(body.localAuthorityCode),
    financialYear: one(body.financialYear),
    reason: typeof body.reason === 'string' ? body.reason.trim() : '',
  };
  const problems: FieldProblem[] = [];
  if (!values.programmeId) problems.push({ field: 'programmeId', message: 'Select a programme' });
  if (!values.serviceLine)
    problems.push({ field: 'serviceLine', message: 'Select a service line' });
  if (!values.localAuthorityCode)
    problems.push({ field: 'localAuthorityCode', message: 'Select a local authority' });
  if (!values.financialYear)
    problems.push({ field: 'financialYear', message: 'Select a financial year' });
  else if (!isFinancialYear(values.financialYear))
    problems.push({ field: 'financialYear', message: 'Enter a financial year like 2022-23' });
  if (!values.reason)
    problems.push({ field: 'reason', message: 'Enter why the local authority is referred' });
  else if (values.reason.length > 2000)
    problems.push({ field: 'reason', message: 'Reason must be 2,000 characters or fewer' });
  return { values, problems };
}

/** The referral form's fields by the api's names (for its field problems) → the page's ids. */
export const REFERRAL_FIELD_IDS: Record<string, string> = {
  programmeId: 'programmeId',
  serviceLine: 'serviceLine',
  localAuthorityCode: 'localAuthorityCode',
  financialYear: 'financialYear',
  reason: 'reason',
};

/** A query string that opens the referral form with these answers, for "Change" links. */
export function referralChangeHref(values: ReferralForm, field: keyof ReferralForm): string {
  const query = new URLSearchParams(values as unknown as Record<string, string>);
  return `/engagements/refer?${query.toString()}#${field}`;
}

/** A reason given for a decline or withdrawal. */
export function parseReason(
  body: Record<string, unknown>,
  what: string,
): { reason: string; problems: FieldProblem[] } {
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  const problems: FieldProblem[] = [];
  if (!reason) problems.push({ field: 'reason', message: `Enter why the engagement is ${what}` });
  else if (reason.length > 2000)
    problems.push({ field: 'reason', message: 'Reason must be 2,000 characters or fewer' });
  return { reason, problems };
}

export interface ContractChoice {
  id: string;
  reference: string;
  startsOn: string;
  endsOn: string;
  supplier: { name: string };
  lot: { number: number; title: string; serviceLines: Array<{ code: string }> };
}

/** The contracts that could take an engagement: their lot holds its line and they run in its year. */
export function contractsFor<C extends ContractChoice>(
  contracts: readonly C[],
  engagement: { serviceLine: string; financialYear: string },
): C[] {
  const start = Number(engagement.financialYear.slice(0, 4));
  const yearStarts = `${start}-04-01`;
  const yearEnds = `${start + 1}-03-31`;
  return contracts.filter(
    (contract) =>
      contract.lot.serviceLines.some((line) => line.code === engagement.serviceLine) &&
      contract.startsOn <= yearEnds &&
      contract.endsOn >= yearStarts,
  );
}

export interface CapPosition {
  cap: number | null;
  target: number | null;
  taken: number;
  /** Places left under the cap; null with no cap. */
  left: number | null;
  full: boolean;
  /** In words, for the page. */
  text: string;
}

/**
 * A line's cap for the year against the LAs already holding a place (approved, in delivery or
 * completed): what a manager needs to know before approving one more.
 */
export function capPosition(line: {
  cap: number | null;
  target: number | null;
  localAuthoritiesReached: number;
}): CapPosition {
  const { cap, target } = line;
  const taken = line.localAuthoritiesReached;
  const places = (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`;
  if (cap === null)
    return {
      cap,
      target,
      taken,
      left: null,
      full: false,
      text: `No cap for this year: ${taken} local ${taken === 1 ? 'authority has' : 'authorities have'} support approved`,
    };
  const left = Math.max(cap - taken, 0);
  return {
    cap,
    target,
    taken,
    left,
    full: left === 0,
    text: `${places(taken)} of ${cap} taken, ${left} left`,
  };
}

export interface ApprovalForm {
  contractId: string;
  overrideReason: string;
}

export function parseApproval(body: Record<string, unknown>): {
  values: ApprovalForm;
  problems: FieldProblem[];
} {
  const values: ApprovalForm = {
    contractId: one(body.contractId),
    overrideReason: typeof body.overrideReason === 'string' ? body.overrideReason.trim() : '',
  };
  const problems: FieldProblem[] = [];
  if (!values.contractId)
    problems.push({ field: 'contractId', message: 'Select the contract to deliver it under' });
  if (values.overrideReason.length > 2000)
    problems.push({
      field: 'overrideReason',
      message: 'Override reason must be 2,000 characters or fewer',
    });
  return { values, problems };
}
