import { layoutHexes } from '../map/hex-layout.rules';
import { readHexJson } from '../map/hexjson';
import { contrastProblems } from '../map/map-colours.rules';
import {
  authoritiesOfYear,
  bestStatus,
  colouringOf,
  mapTable,
  parseColouring,
  type MapAuthority,
  type MapRegion,
  type YearEngagement,
} from './programme-map.rules';

const la = (gssCode: string, name: string, extra: Partial<MapAuthority> = {}): MapAuthority => ({
  gssCode,
  name,
  earlierGssCodes: [],
  latestInspection: null,
  predecessors: [],
  ...extra,
});

const hartlepool = la('E06000001', 'Hartlepool', {
  latestInspection: { overallEffectiveness: 'GOOD' },
});
const middlesbrough = la('E06000002', 'Middlesbrough', {
  latestInspection: { overallEffectiveness: 'INADEQUATE' },
});
const sunderland = la('E08000024', 'Sunderland');
const cumbria = la('E10000006', 'Cumbria');
const cumberland = la('E06000063', 'Cumberland', {
  predecessors: [{ gssCode: 'E10000006', earlierGssCodes: [], predecessors: [] }],
});
const westmorland = la('E06000064', 'Westmorland and Furness', {
  predecessors: [{ gssCode: 'E10000006', earlierGssCodes: [], predecessors: [] }],
});

const northEast: MapRegion = {
  code: 'E12000001',
  name: 'North East',
  atStart: [hartlepool, middlesbrough, sunderland],
  atEnd: [hartlepool, middlesbrough, sunderland],
};

describe('parseColouring', () => {
  it('takes a known colouring and falls back to engagement status', () => {
    expect(parseColouring('grade')).toBe('grade');
    expect(parseColouring('eligibility')).toBe('eligibility');
    expect(parseColouring(undefined)).toBe('engagement');
    expect(parseColouring('rainbow')).toBe('engagement');
    expect(parseColouring(['grade'])).toBe('engagement');
  });
});

describe('authoritiesOfYear', () => {
  it('takes each LA once, with its region and latest grade', () => {
    const year = authoritiesOfYear([northEast]);
    expect(year.active.map((authority) => authority.gssCode)).toEqual([
      'E06000001',
      'E06000002',
      'E08000024',
    ]);
    expect(year.regionOf.get('E08000024')).toBe('North East');
    expect(year.gradeOf.get('E06000002')).toBe('INADEQUATE');
    expect(year.gradeOf.get('E08000024')).toBeNull();
    expect(year.former).toEqual([]);
  });

  it('keeps the LAs of the first and of the last day, and gives successors their predecessors', () => {
    // A year in which Cumbria ends: it is there on the first day, its successors on the last.
    const northWest: MapRegion = {
      code: 'E12000002',
      name: 'North West',
      atStart: [cumbria],
      atEnd: [cumberland, westmorland],
    };
    const year = authoritiesOfYear([northWest]);
    expect(year.active).toEqual([
      { gssCode: 'E10000006', name: 'Cumbria', predecessorCodes: [] },
      { gssCode: 'E06000063', name: 'Cumberland', predecessorCodes: ['E10000006'] },
      { gssCode: 'E06000064', name: 'Westmorland and Furness', predecessorCodes: ['E10000006'] },
    ]);
    // Cumbria is active, so it is not among the former LAs.
    expect(year.former).toEqual([]);
  });

  it('lists gone predecessors, with theirs, so a successor of a successor finds a 2020 hex', () => {
    const split = la('E06000099', 'North Cumbria', {
      earlierGssCodes: ['E06000098'],
      predecessors: [
        {
          gssCode: 'E06000063',
          earlierGssCodes: [],
          predecessors: [{ gssCode: 'E10000006', earlierGssCodes: ['E10000096'] }],
        },
      ],
    });
    const year = authoritiesOfYear([
      { code: 'E12000002', name: 'North West', atStart: [split], atEnd: [split] },
    ]);
    expect(year.active[0].predecessorCodes).toEqual(['E06000098', 'E06000063']);
    expect(year.former).toEqual([
      { gssCode: 'E06000063', predecessorCodes: ['E10000006', 'E10000096'] },
    ]);
    const layout = layoutHexes(readHexJson(), year.active, year.former);
    expect(layout.unplaced).toEqual([]);
    expect(layout.hexes[0]).toMatchObject({ gssCode: 'E06000099', placement: 'predecessor' });
  });
});

describe('bestStatus', () => {
  it('is the furthest status any engagement has got, or null for none', () => {
    expect(bestStatus(['REFERRED', 'COMPLETED', 'APPROVED'])).toBe('COMPLETED');
    expect(bestStatus(['WITHDRAWN', 'REFERRED'])).toBe('REFERRED');
    expect(bestStatus(['WITHDRAWN', 'DECLINED'])).toBe('DECLINED');
    expect(bestStatus([])).toBeNull();
  });
});

const engagement = (gssCode: string, status: string, serviceLine = 'POLITICAL_LEADERSHIP') =>
  ({ status, serviceLine, localAuthority: { gssCode } }) satisfies YearEngagement;

describe('colouringOf', () => {
  const engagements = [
    engagement('E06000001', 'APPROVED'),
    engagement('E06000001', 'COMPLETED'),
    engagement('E06000002', 'IN_DELIVERY'),
    engagement('E08000024', 'WITHDRAWN'),
    engagement('E08000028', 'APPROVED', 'COACHING_MENTORING'),
    engagement('E08000035', 'DECLINED', 'COACHING_MENTORING'),
  ];
  const data = {
    engagements,
    eligibleCodes: new Set(['E08000028', 'E08000035', 'E06000004']),
    gradeOf: new Map<string, string | null>([
      ['E06000001', 'GOOD'],
      ['E06000002', 'REQUIRES_IMPROVEMENT'],
      ['E08000024', null],
    ]),
  };

  it('colours by the best engagement status of the year', () => {
    const { categoryOf, categories } = colouringOf('engagement', data);
    expect(['E06000001', 'E06000002', 'E08000024', 'E06000004'].map(categoryOf)).toEqual([
      'COMPLETED',
      'IN_DELIVERY',
      'ENDED',
      'NONE',
    ]);
    expect(categories.map((category) => category.label)).toEqual([
      'Completed',
      'In delivery',
      'Approved',
      'Referred',
      'Declined or withdrawn',
      'No engagement',
    ]);
  });

  it('colours by lot 7 eligibility and whether a live lot 7 engagement exists', () => {
    const { categoryOf } = colouringOf('eligibility', data);
    // Sandwell: eligible and engaged; Leeds: eligible, its lot 7 referral declined;
    // Stockton: eligible, nothing; Hartlepool: neither.
    expect(['E08000028', 'E08000035', 'E06000004', 'E06000001'].map(categoryOf)).toEqual([
      'ELIGIBLE_ENGAGED',
      'ELIGIBLE_NOT_ENGAGED',
      'ELIGIBLE_NOT_ENGAGED',
      'NOT_ELIGIBLE',
    ]);
    const override = colouringOf('eligibility', { ...data, eligibleCodes: new Set<string>() });
    expect(override.categoryOf('E08000028')).toBe('ENGAGED_NOT_ELIGIBLE');
  });

  it('colours by the latest overall grade, or none', () => {
    const { categoryOf } = colouringOf('grade', data);
    expect(['E06000001', 'E06000002', 'E08000024', 'E09999999'].map(categoryOf)).toEqual([
      'GOOD',
      'REQUIRES_IMPROVEMENT',
      'NONE',
      'NONE',
    ]);
  });

  it.each(['engagement', 'eligibility', 'grade'] as const)(
    '%s: colours keep 3:1 against white and between neighbours, and categories differ by more than colour',
    (colouring) => {
      const { categories } = colouringOf(colouring, data);
      // The last is "none": plain grey, told from its neighbour by that neighbour's pattern.
      expect(contrastProblems(categories.slice(0, -1))).toEqual([]);
      const looks = categories.map(
        (category) => `${category.pattern ?? 'none'}/${category.code ?? ''}`,
      );
      expect(new Set(looks).size).toBe(categories.length);
    },
  );
});

describe('mapTable', () => {
  it('lists the LAs by name with their region and category label', () => {
    const year = authoritiesOfYear([northEast]);
    const colouring = colouringOf('grade', {
      engagements: [],
      eligibleCodes: new Set(),
      gradeOf: year.gradeOf,
    });
    const hexes = [
      { gssCode: 'E08000024', name: 'Sunderland' },
      { gssCode: 'E06000001', name: 'Hartlepool' },
    ];
    expect(mapTable(hexes, year.regionOf, colouring)).toEqual([
      { gssCode: 'E06000001', name: 'Hartlepool', region: 'North East', category: 'Good' },
      {
        gssCode: 'E08000024',
        name: 'Sunderland',
        region: 'North East',
        category: 'No graded inspection',
      },
    ]);
  });
});
