import type { ActiveAuthority, FormerAuthority, MapHex } from '../map/hex-layout.rules';
import type { MapCategory } from '../map/hex-map';
import { MAP_COLOURS, MAP_SWATCHES, NO_DATA_SWATCH } from '../map/map-colours.rules';

/** What the hexes are coloured by. */
export type MapColouring = 'engagement' | 'eligibility' | 'grade';

export const COLOURINGS: ReadonlyArray<{ value: MapColouring; text: string }> = [
  { value: 'engagement', text: 'Engagement status' },
  { value: 'eligibility', text: 'Eligibility for coaching and mentoring (lot 7)' },
  { value: 'grade', text: 'Latest Ofsted overall grade' },
];

/** `?colour=`: engagement unless another known colouring is asked for. */
export function parseColouring(value: unknown): MapColouring {
  return COLOURINGS.find((colouring) => colouring.value === value)?.value ?? 'engagement';
}

/** An LA as the map query gives it, with its predecessors two generations back. */
export interface MapAuthority {
  gssCode: string;
  name: string;
  earlierGssCodes: string[];
  latestInspection: { overallEffectiveness: string | null } | null;
  predecessors: Array<{
    gssCode: string;
    earlierGssCodes: string[];
    predecessors: Array<{ gssCode: string; earlierGssCodes: string[] }>;
  }>;
}

export interface MapRegion {
  code: string;
  name: string;
  /** Its LAs on the year's first day, and on its last: together, those active in the year. */
  atStart: MapAuthority[];
  atEnd: MapAuthority[];
}

export interface YearAuthorities {
  active: ActiveAuthority[];
  former: FormerAuthority[];
  regionOf: Map<string, string>;
  gradeOf: Map<string, string | null>;
}

/**
 * The LAs active on any day of the year (those of its first day and of its last: LAs change on
 * 1 April, so between them every one is seen), with the codes of the LAs they replaced.
 */
export function authoritiesOfYear(regions: readonly MapRegion[]): YearAuthorities {
  const active = new Map<string, ActiveAuthority>();
  const former = new Map<string, FormerAuthority>();
  const regionOf = new Map<string, string>();
  const gradeOf = new Map<string, string | null>();
  for (const region of regions) {
    // The year's end last: its latest inspection is the one that counts.
    for (const authority of [...region.atStart, ...region.atEnd]) {
      regionOf.set(authority.gssCode, region.name);
      gradeOf.set(authority.gssCode, authority.latestInspection?.overallEffectiveness ?? null);
      const predecessorCodes = unique([
        ...authority.earlierGssCodes,
        ...authority.predecessors.flatMap((predecessor) => [
          predecessor.gssCode,
          ...predecessor.earlierGssCodes,
        ]),
      ]);
      active.set(authority.gssCode, {
        gssCode: authority.gssCode,
        name: authority.name,
        predecessorCodes,
      });
      for (const predecessor of authority.predecessors) {
        former.set(predecessor.gssCode, {
          gssCode: predecessor.gssCode,
          predecessorCodes: unique([
            ...predecessor.earlierGssCodes,
            ...predecessor.predecessors.flatMap((earlier) => [
              earlier.gssCode,
              ...earlier.earlierGssCodes,
            ]),
          ]),
        });
      }
    }
  }
  for (const code of active.keys()) former.delete(code);
  return { active: [...active.values()], former: [...former.values()], regionOf, gradeOf };
}

/** An engagement of the programme in the year, as the map needs it. */
export interface YearEngagement {
  status: string;
  serviceLine: string;
  localAuthority: { gssCode: string };
}

// Best first: an LA shows the furthest any of its engagements has got.
const STATUS_ORDER = ['COMPLETED', 'IN_DELIVERY', 'APPROVED', 'REFERRED', 'DECLINED', 'WITHDRAWN'];

/** The best status among an LA's engagements, or null for none. */
export function bestStatus(statuses: readonly string[]): string | null {
  const ranked = statuses
    .map((status) => STATUS_ORDER.indexOf(status))
    .filter((rank) => rank >= 0)
    .sort((a, b) => a - b);
  return ranked.length > 0 ? STATUS_ORDER[ranked[0]] : null;
}

const [plain, second, third, fourth] = MAP_SWATCHES;
// The first swatch is plain, like "none": each colouring gives it a code too (see below).
const first = (code: string) => ({ ...plain, code });

const ENGAGEMENT_CATEGORIES: MapCategory[] = [
  { key: 'COMPLETED', label: 'Completed', ...first('C') },
  { key: 'IN_DELIVERY', label: 'In delivery', ...second },
  { key: 'APPROVED', label: 'Approved', ...third },
  { key: 'REFERRED', label: 'Referred', ...fourth },
  // Plain like "completed", so it carries a code as well as its own colour.
  { key: 'ENDED', label: 'Declined or withdrawn', colour: MAP_COLOURS.black, code: 'X' },
  { key: 'NONE', label: 'No engagement', ...NO_DATA_SWATCH },
];

const ELIGIBILITY_CATEGORIES: MapCategory[] = [
  { key: 'ELIGIBLE_ENGAGED', label: 'Eligible, with a lot 7 engagement', ...first('E') },
  { key: 'ELIGIBLE_NOT_ENGAGED', label: 'Eligible, no lot 7 engagement', ...second },
  { key: 'ENGAGED_NOT_ELIGIBLE', label: 'Not eligible, with a lot 7 engagement', ...third },
  { key: 'NOT_ELIGIBLE', label: 'Not eligible', ...NO_DATA_SWATCH },
];

const GRADE_CATEGORIES: MapCategory[] = [
  { key: 'OUTSTANDING', label: 'Outstanding', ...first('O') },
  { key: 'GOOD', label: 'Good', ...second },
  { key: 'REQUIRES_IMPROVEMENT', label: 'Requires improvement to be good', ...third },
  { key: 'INADEQUATE', label: 'Inadequate', ...fourth },
  { key: 'NONE', label: 'No graded inspection', ...NO_DATA_SWATCH },
];

export interface Colouring {
  categories: MapCategory[];
  categoryOf: (gssCode: string) => string;
  title: string;
}

/** Lot 7's engagements that count: any but declined or withdrawn, as the watchlist counts them. */
const LIVE = new Set(['REFERRED', 'APPROVED', 'IN_DELIVERY', 'COMPLETED']);

/** The categories and each LA's category for one colouring, from the year's data. */
export function colouringOf(
  colouring: MapColouring,
  data: {
    engagements: readonly YearEngagement[];
    eligibleCodes: ReadonlySet<string>;
    gradeOf: ReadonlyMap<string, string | null>;
  },
): Colouring {
  switch (colouring) {
    case 'engagement': {
      const statuses = new Map<string, string[]>();
      for (const engagement of data.engagements) {
        const code = engagement.localAuthority.gssCode;
        statuses.set(code, [...(statuses.get(code) ?? []), engagement.status]);
      }
      return {
        categories: ENGAGEMENT_CATEGORIES,
        title: 'Engagement status',
        categoryOf: (code) => {
          const best = bestStatus(statuses.get(code) ?? []);
          if (best === null) return 'NONE';
          return best === 'DECLINED' || best === 'WITHDRAWN' ? 'ENDED' : best;
        },
      };
    }
    case 'eligibility': {
      const coached = new Set(
        data.engagements
          .filter(
            (engagement) =>
              engagement.serviceLine === 'COACHING_MENTORING' && LIVE.has(engagement.status),
          )
          .map((engagement) => engagement.localAuthority.gssCode),
      );
      return {
        categories: ELIGIBILITY_CATEGORIES,
        title: 'Eligibility for coaching and mentoring (lot 7)',
        categoryOf: (code) => {
          const eligible = data.eligibleCodes.has(code);
          const engaged = coached.has(code);
          if (eligible) return engaged ? 'ELIGIBLE_ENGAGED' : 'ELIGIBLE_NOT_ENGAGED';
          return engaged ? 'ENGAGED_NOT_ELIGIBLE' : 'NOT_ELIGIBLE';
        },
      };
    }
    case 'grade':
      return {
        categories: GRADE_CATEGORIES,
        title: 'Latest Ofsted overall grade',
        categoryOf: (code) => {
          const grade = data.gradeOf.get(code) ?? null;
          return grade !== null && GRADE_CATEGORIES.some((category) => category.key === grade)
            ? grade
            : 'NONE';
        },
      };
  }
}

export interface MapTableRow {
  gssCode: string;
  name: string;
  region: string;
  category: string;
}

/** The table beside the map: every LA on it, by name, with its region and category. */
export function mapTable(
  hexes: readonly Pick<MapHex, 'gssCode' | 'name'>[],
  regionOf: ReadonlyMap<string, string>,
  colouring: Pick<Colouring, 'categories' | 'categoryOf'>,
): MapTableRow[] {
  const labels = new Map(colouring.categories.map((category) => [category.key, category.label]));
  return hexes
    .map((hex) => ({
      gssCode: hex.gssCode,
      name: hex.name,
      region: regionOf.get(hex.gssCode) ?? '',
      category: labels.get(colouring.categoryOf(hex.gssCode)) ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}
