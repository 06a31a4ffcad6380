import { Role, type Grant } from '../http/web-request';

/** LAs per page of the list: a region's fit on one page (the largest has 33). */
export const LA_PAGE_SIZE = 40;

export type Grade = 'OUTSTANDING' | 'GOOD' | 'REQUIRES_IMPROVEMENT' | 'INADEQUATE';

const GRADE_WORDS: Record<Grade, string> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement to be good',
  INADEQUATE: 'Inadequate',
};

/** An Ofsted grade as Ofsted words it; nothing for no grade. */
export function gradeWords(grade: string | null | undefined): string {
  return grade && grade in GRADE_WORDS ? GRADE_WORDS[grade as Grade] : '';
}

const INSPECTION_TYPE_WORDS: Record<string, string> = {
  STANDARD_INSPECTION: 'ILACS standard inspection',
  SHORT_INSPECTION: 'ILACS short inspection',
  FOCUSED_VISIT: 'Focused visit',
  MONITORING_VISIT: 'Monitoring visit',
  JTAI: 'Joint targeted area inspection',
  OTHER: 'Other inspection',
};

export function inspectionTypeWords(type: string): string {
  return INSPECTION_TYPE_WORDS[type] ?? type;
}

const SERVICE_LINE_WORDS: Record<string, string> = {
  POLITICAL_LEADERSHIP: 'Political leadership',
  CORPORATE_LEADERSHIP: 'Corporate leadership',
  LEAD_MEMBER_NETWORKS: 'Lead Member networks',
  CORPORATE_PARENTING_DIAGNOSTIC: 'Corporate parenting diagnostic',
  COUNCILLOR_GROUPS: 'Councillor groups',
  TARGETED_SUPPORT: 'Targeted support',
  COACHING_MENTORING: 'Coaching and mentoring',
};

export function serviceLineWords(line: string): string {
  return SERVICE_LINE_WORDS[line] ?? line;
}

const BASIS_WORDS: Record<string, string> = {
  INADEQUATE_JUDGEMENT: 'Its latest graded inspection found it inadequate',
  PRIORITY_ACTION_AREAS: 'A focused visit in the last 12 months raised areas for priority action',
  DECLINING_JUDGEMENT: 'A judgement fell since the graded inspection before',
  RECORDED_CONCERN: 'A programme manager recorded a concern with evidence',
};

export function eligibilityBasisWords(basis: string): string {
  return BASIS_WORDS[basis] ?? basis;
}

const JUDGEMENT_AREA_WORDS: Record<string, string> = {
  OVERALL_EFFECTIVENESS: 'Overall effectiveness',
  IMPACT_OF_LEADERS: 'Impact of leaders',
  HELP_AND_PROTECTION: 'Children who need help and protection',
  CHILDREN_IN_CARE: 'Children in care',
  CARE_LEAVERS: 'Care leavers',
};

export function judgementAreaWords(area: string): string {
  return JUDGEMENT_AREA_WORDS[area] ?? area;
}

/**
 * Which LAs a person's list covers: null for everyone's (managers, admins and suppliers read LA
 * reference data across England), else the regions of their adviser grants (SPEC §2: advisers see
 * LA status for their regions only).
 */
export function regionScopeOf(grants: readonly Grant[]): string[] | null {
  // Reference data is for everyone signed in; the api decides what else a person without a role gets.
  if (grants.length === 0 || grants.some((grant) => grant.role !== Role.REGIONAL_ADVISER))
    return null;
  return [...new Set(grants.flatMap((grant) => (grant.regionCode ? [grant.regionCode] : [])))];
}

/** Eligibility answers are not public: managers, advisers and admins see them, suppliers do not. */
export function seesEligibility(roles: ReadonlySet<Role>): boolean {
  return (
    roles.has(Role.PROGRAMME_MANAGER) || roles.has(Role.ADMIN) || roles.has(Role.REGIONAL_ADVISER)
  );
}

export interface LaListQuery {
  search: string;
  /** The region asked for; '' for all regions. */
  region: string;
  /** The cursor the page starts after; none for the first page. */
  after?: string;
  /** The `after` cursors of the pages between the first and this one, for "Previous". */
  trail: string[];
}

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const REGION = /^E12\d{6}$/;

const single = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? single(value[0]) : '';

/**
 * The list's query string, made safe: a region outside the person's scope becomes their first
 * region (advisers always see one of their regions), and cursors not shaped like the api's are
 * dropped (the api would refuse them anyway).
 */
export function laListQueryOf(
  query: Record<string, unknown>,
  scope: readonly string[] | null,
): LaListQuery {
  const search = single(query.search).trim().slice(0, 100);
  let region = single(query.region).trim();
  if (!REGION.test(region)) region = '';
  if (scope && !scope.includes(region)) region = scope[0] ?? '';
  const after = single(query.after);
  const trail = single(query.trail)
    .split('.')
    .filter((cursor) => CURSOR.test(cursor));
  return CURSOR.test(after) ? { search, region, after, trail } : { search, region, trail: [] };
}

/** The query string of a list page, leaving out what is empty. */
export function laListHref(query: LaListQuery): string {
  const params = new URLSearchParams();
  if (query.search) params.set('search', query.search);
  if (query.region) params.set('region', query.region);
  if (query.after) params.set('after', query.after);
  if (query.after && query.trail.length > 0) params.set('trail', query.trail.join('.'));
  const text = params.toString();
  return text ? `/local-authorities?${text}` : '/local-authorities';
}

export interface PaginationLinks {
  previous?: { href: string; labelText: string };
  next?: { href: string; labelText: string };
  /** "Page 2 of 4"; null when everything fits on one page. */
  pageLabel: string | null;
}

/**
 * GOV.UK pagination over a forward-only cursor list: "Next" starts after this page's last row and
 * remembers where this page started; "Previous" goes back to the page before by that memory.
 */
export function paginationOf(
  query: LaListQuery,
  page: { endCursor: string | null; hasNextPage: boolean; totalCount: number },
  pageSize: number,
): PaginationLinks {
  const pageNumber = query.after ? query.trail.length + 2 : 1;
  const pages = Math.max(1, Math.ceil(page.totalCount / pageSize));
  const links: PaginationLinks = {
    pageLabel: pages > 1 ? `Page ${pageNumber} of ${pages}` : null,
  };
  if (query.after) {
    const trail = query.trail.slice(0, -1);
    const after = query.trail.at(-1);
    links.previous = {
      href: laListHref({ ...query, after, trail }),
      labelText: `${pageNumber - 1} of ${pages}`,
    };
  }
  if (page.hasNextPage && page.endCursor) {
    const trail = query.after ? [...query.trail, query.after] : [];
    links.next = {
      href: laListHref({ ...query, after: page.endCursor, trail }),
      labelText: `${pageNumber + 1} of ${pages}`,
    };
  }
  return links;
}

export interface LatestInspection {
  type: string;
  inspectedOn: string | null;
  publishedOn: string | null;
  overallEffectiveness: string | null;
}

export interface LaListNode {
  gssCode: string;
  name: string;
  region: { code: string; name: string };
  latestInspection: LatestInspection | null;
  eligibility?: { eligible: boolean } | null;
  engagements: Array<{ status: string }>;
}

export interface LaListRow {
  gssCode: string;
  name: string;
  regionName: string;
  /** "Inadequate", or "Not graded overall" where Ofsted gave no overall grade, or "Not inspected". */
  grade: string;
  /** Its publication date (else its inspection date), and which of the two it is. */
  gradedOn: string | null;
  gradedOnWord: 'Published' | 'Inspected' | null;
  /** "Eligible" / "Not eligible"; null when the person may not see eligibility. */
  eligibility: string | null;
  /** Engagements offered or received: all but the declined ones. */
  support: number;
}

export function laListRowOf(node: LaListNode): LaListRow {
  const latest = node.latestInspection;
  return {
    gssCode: node.gssCode,
    name: node.name,
    regionName: node.region.name,
    grade: !latest
      ? 'Not inspected'
      : gradeWords(latest.overallEffectiveness) || 'Not graded overall',
    gradedOn: latest ? (latest.publishedOn ?? latest.inspectedOn) : null,
    gradedOnWord: !latest
      ? null
      : latest.publishedOn
        ? 'Published'
        : latest.inspectedOn
          ? 'Inspected'
          : null,
    eligibility:
      node.eligibility === undefined
        ? null
        : node.eligibility?.eligible
          ? 'Eligible'
          : 'Not eligible',
    support: node.engagements.filter((engagement) => engagement.status !== 'DECLINED').length,
  };
}
