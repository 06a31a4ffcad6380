import { Role, type Grant } from '../http/web-request';
import {
  gradeWords,
  laListHref,
  laListQueryOf,
  laListRowOf,
  paginationOf,
  regionScopeOf,
  seesEligibility,
  type LaListNode,
} from './local-authorities.rules';

const grant = (role: Role, regionCode: string | null = null): Grant => ({
  role,
  programmeId: null,
  supplierId: null,
  regionCode,
});

describe('gradeWords', () => {
  it('words grades as Ofsted does', () => {
    expect(gradeWords('REQUIRES_IMPROVEMENT')).toBe('Requires improvement to be good');
    expect(gradeWords('INADEQUATE')).toBe('Inadequate');
  });

  it('gives nothing for no grade', () => {
    expect(gradeWords(null)).toBe('');
    expect(gradeWords('SOMETHING_ELSE')).toBe('');
  });
});

describe('regionScopeOf', () => {
  it("keeps an adviser to their regions' LAs", () => {
    expect(
      regionScopeOf([
        grant(Role.REGIONAL_ADVISER, 'E12000001'),
        grant(Role.REGIONAL_ADVISER, 'E12000003'),
        grant(Role.REGIONAL_ADVISER, 'E12000001'),
      ]),
    ).toEqual(['E12000001', 'E12000003']);
  });

  it('lets managers, admins and suppliers see every LA, even when also advisers', () => {
    expect(regionScopeOf([grant(Role.PROGRAMME_MANAGER)])).toBeNull();
    expect(regionScopeOf([grant(Role.ADMIN)])).toBeNull();
    expect(regionScopeOf([grant(Role.SUPPLIER)])).toBeNull();
    expect(
      regionScopeOf([grant(Role.REGIONAL_ADVISER, 'E12000001'), grant(Role.PROGRAMME_MANAGER)]),
    ).toBeNull();
  });

  it('leaves a person with no role to what the api gives everyone signed in', () => {
    expect(regionScopeOf([])).toBeNull();
  });
});

describe('seesEligibility', () => {
  it('shows eligibility to managers, admins and advisers, never to suppliers (SPEC §2)', () => {
    expect(seesEligibility(new Set([Role.PROGRAMME_MANAGER]))).toBe(true);
    expect(seesEligibility(new Set([Role.ADMIN]))).toBe(true);
    expect(seesEligibility(new Set([Role.REGIONAL_ADVISER]))).toBe(true);
    expect(seesEligibility(new Set([Role.SUPPLIER]))).toBe(false);
    expect(seesEligibility(new Set<Role>())).toBe(false);
  });
});

describe('laListQueryOf', () => {
  it('reads the search, region and cursors', () => {
    expect(
      laListQueryOf(
        { search: '  Hartle ', region: 'E12000001', after: 'abc_-1', trail: 'x1.y2' },
        null,
      ),
    ).toEqual({ search: 'Hartle', region: 'E12000001', after: 'abc_-1', trail: ['x1', 'y2'] });
  });

  it('takes the first of repeated values', () => {
    expect(laListQueryOf({ search: ['a', 'b'] }, null).search).toBe('a');
  });

  it('drops a region not shaped like an ONS region code, and cursors the api never gave', () => {
    expect(laListQueryOf({ region: 'North East', after: 'a b' }, null)).toEqual({
      search: '',
      region: '',
      trail: [],
    });
  });

  it('keeps an adviser in one of their regions, the first by default', () => {
    const scope = ['E12000001', 'E12000003'];
    expect(laListQueryOf({}, scope).region).toBe('E12000001');
    expect(laListQueryOf({ region: 'E12000007' }, scope).region).toBe('E12000001');
    expect(laListQueryOf({ region: 'E12000003' }, scope).region).toBe('E12000003');
  });

  it('ignores a trail without a page to be on', () => {
    expect(laListQueryOf({ trail: 'x1' }, null).trail).toEqual([]);
  });
});

describe('laListHref', () => {
  it('leaves out what is empty', () => {
    expect(laListHref({ search: '', region: '', trail: [] })).toBe('/local-authorities');
    expect(
      laListHref({ search: 'North Tyne', region: 'E12000001', after: 'c3', trail: ['c1', 'c2'] }),
    ).toBe('/local-authorities?search=North+Tyne&region=E12000001&after=c3&trail=c1.c2');
  });
});

describe('paginationOf', () => {
  const base = { search: '', region: 'E12000001', trail: [] as string[] };

  it('offers only "Next" on the first of several pages', () => {
    expect(paginationOf(base, { endCursor: 'c1', hasNextPage: true, totalCount: 100 }, 40)).toEqual(
      {
        pageLabel: 'Page 1 of 3',
        next: { href: '/local-authorities?region=E12000001&after=c1', labelText: '2 of 3' },
      },
    );
  });

  it('remembers where the page started, so "Previous" can go back', () => {
    const second = { ...base, after: 'c1' };
    expect(
      paginationOf(second, { endCursor: 'c2', hasNextPage: true, totalCount: 100 }, 40),
    ).toEqual({
      pageLabel: 'Page 2 of 3',
      previous: { href: '/local-authorities?region=E12000001', labelText: '1 of 3' },
      next: { href: '/local-authorities?region=E12000001&after=c2&trail=c1', labelText: '3 of 3' },
    });
    const third = { ...base, after: 'c2', trail: ['c1'] };
    expect(
      paginationOf(third, { endCursor: 'c3', hasNextPage: false, totalCount: 100 }, 40),
    ).toEqual({
      pageLabel: 'Page 3 of 3',
      previous: { href: '/local-authorities?region=E12000001&after=c1', labelText: '2 of 3' },
    });
  });

  it('shows no pages when everything fits on one', () => {
    expect(paginationOf(base, { endCursor: 'c1', hasNextPage: false, totalCount: 12 }, 40)).toEqual(
      {
        pageLabel: null,
      },
    );
    expect(paginationOf(base, { endCursor: null, hasNextPage: false, totalCount: 0 }, 40)).toEqual({
      pageLabel: null,
    });
  });
});

describe('laListRowOf', () => {
  const node: LaListNode = {
    gssCode: 'E06000001',
    name: 'Hartlepool',
    region: { code: 'E12000001', name: 'North East' },
    latestInspection: {
      type: 'SHORT_INSPECTION',
      inspectedOn: '2024-03-18',
      publishedOn: '2024-05-16',
      overallEffectiveness: 'OUTSTANDING',
    },
    eligibility: { eligible: false },
    engagements: [{ status: 'IN_DELIVERY' }, { status: 'DECLINED' }, { status: 'REFERRED' }],
  };

  it('gives the latest overall grade with its publication date, eligibility and support', () => {
    expect(laListRowOf(node)).toEqual({
      gssCode: 'E06000001',
      name: 'Hartlepool',
      regionName: 'North East',
      grade: 'Outstanding',
      gradedOn: '2024-05-16',
      gradedOnWord: 'Published',
      eligibility: 'Not eligible',
      support: 2,
    });
  });

  it('says when there is no inspection, or no overall grade (Ofsted gives none from April 2026)', () => {
    expect(laListRowOf({ ...node, latestInspection: null })).toMatchObject({
      grade: 'Not inspected',
      gradedOn: null,
      gradedOnWord: null,
    });
    expect(
      laListRowOf({
        ...node,
        latestInspection: {
          ...node.latestInspection!,
          overallEffectiveness: null,
          publishedOn: null,
        },
      }),
    ).toMatchObject({
      grade: 'Not graded overall',
      gradedOn: '2024-03-18',
      gradedOnWord: 'Inspected',
    });
  });

  it('leaves eligibility out for those who may not see it', () => {
    const { eligibility: _hidden, ...supplierView } = node;
    expect(laListRowOf(supplierView).eligibility).toBeNull();
    expect(laListRowOf({ ...node, eligibility: { eligible: true } }).eligibility).toBe('Eligible');
  });
});
