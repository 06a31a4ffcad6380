import type { IsoDate } from '@la-tracker/platform/time';
import {
  eligibilityForCoaching,
  eligibilityForCoachingOfEach,
  eligibleLocalAuthorities,
  latestGradedInspectionAsOf,
  latestInspectionAsOf,
  type Eligibility,
  type EligibilityLocalAuthority,
} from './eligibility.rules';
import {
  JUDGEMENT_AREAS,
  type Concern,
  type Grade,
  type InspectionEvent,
  type Judgement,
  type JudgementArea,
} from './inspection.types';

const O = 'OUTSTANDING';
const G = 'GOOD';
const RI = 'REQUIRES_IMPROVEMENT';
const I = 'INADEQUATE';

type Grades = Partial<Record<JudgementArea, Grade>>;

const LA: EligibilityLocalAuthority = { id: 'la', validFrom: null, validTo: null };

function event(overrides: Partial<InspectionEvent> & { id: string }): InspectionEvent {
  return {
    localAuthorityId: 'la',
    kind: 'STANDARD_INSPECTION',
    inspectedOn: null,
    publishedOn: null,
    judgements: [],
    theme: null,
    priorityActionAreas: [],
    letterDate: null,
    ...overrides,
  };
}

function frameworkOn(date: IsoDate): string {
  if (date < '2023-01-01') return 'ILACS_2018';
  return date < '2026-04-01' ? 'ILACS_2023' : 'ILACS_2026';
}

/** A standard inspection held on `inspectedOn` and, unless overridden, published that day. */
function graded(
  id: string,
  inspectedOn: IsoDate,
  grades: Grades,
  overrides: Partial<InspectionEvent> = {},
): InspectionEvent {
  return event({
    id,
    inspectedOn,
    publishedOn: inspectedOn,
    judgements: JUDGEMENT_AREAS.flatMap((area) => {
      const grade = grades[area];
      return grade ? [{ framework: frameworkOn(inspectedOn), area, grade }] : [];
    }),
    ...overrides,
  });
}

/** A focused visit whose letter, visit and publication fall on `letterDate` unless overridden. */
function focusedVisit(
  id: string,
  letterDate: IsoDate,
  priorityActionAreas: string[],
  overrides: Partial<InspectionEvent> = {},
): InspectionEvent {
  return event({
    id,
    kind: 'FOCUSED_VISIT',
    inspectedOn: letterDate,
    publishedOn: letterDate,
    letterDate,
    theme: 'Children in need of help and protection',
    priorityActionAreas,
    ...overrides,
  });
}

function concern(id: string, recordedOn: IsoDate, withdrawnOn: IsoDate | null = null): Concern {
  return { id, localAuthorityId: 'la', recordedOn, withdrawnOn, note: 'Evidence of drift' };
}

function assess(
  events: InspectionEvent[],
  asOf: IsoDate,
  concerns: Concern[] = [],
  localAuthority: EligibilityLocalAuthority = LA,
): Eligibility {
  return eligibilityForCoaching({ localAuthority, events, concerns, asOf });
}

const NOTHING: Eligibility = {
  localAuthorityId: 'la',
  eligible: false,
  basis: [],
  evidence: { inspectionIds: [], concernIds: [] },
  activeOnAsOf: true,
  latestGradedInspectionId: null,
  inadequateAreas: [],
  declines: [],
};

describe('eligibilityForCoaching', () => {
  describe('(a) an Inadequate judgement in the latest graded inspection', () => {
    it('makes an LA rated Inadequate overall eligible', () => {
      const sut = assess(
        [graded('si-2024', '2024-03-04', { OVERALL_EFFECTIVENESS: I, IMPACT_OF_LEADERS: I })],
        '2025-06-01',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT'],
        evidence: { inspectionIds: ['si-2024'], concernIds: [] },
        latestGradedInspectionId: 'si-2024',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
      });
    });

    it('with no overall grade (from April 2026), looks at every judgement', () => {
      const sut = assess(
        [
          graded('si-2026', '2026-05-11', {
            IMPACT_OF_LEADERS: RI,
            HELP_AND_PROTECTION: I,
            CHILDREN_IN_CARE: G,
            CARE_LEAVERS: I,
          }),
        ],
        '2026-09-01',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT'],
        evidence: { inspectionIds: ['si-2026'], concernIds: [] },
        latestGradedInspectionId: 'si-2026',
        inadequateAreas: ['HELP_AND_PROTECTION', 'CARE_LEAVERS'],
      });
    });

    it('with no overall grade and nothing Inadequate, does not apply', () => {
      const sut = assess(
        [
          graded('si-2026', '2026-05-11', {
            IMPACT_OF_LEADERS: RI,
            HELP_AND_PROTECTION: RI,
            CHILDREN_IN_CARE: G,
            CARE_LEAVERS: G,
          }),
        ],
        '2026-09-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2026' });
    });

    it('goes by the overall grade when there is one, even if another judgement is Inadequate', () => {
      const sut = assess(
        [graded('si-2024', '2024-03-04', { OVERALL_EFFECTIVENESS: RI, HELP_AND_PROTECTION: I })],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('counts a short inspection that carries only some judgements', () => {
      const sut = assess(
        [
          graded(
            'short-2024',
            '2024-10-07',
            { OVERALL_EFFECTIVENESS: I, HELP_AND_PROTECTION: I },
            { kind: 'SHORT_INSPECTION' },
          ),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT'],
        evidence: { inspectionIds: ['short-2024'], concernIds: [] },
        latestGradedInspectionId: 'short-2024',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
      });
    });

    it('does not apply when the latest graded inspection is Good after an older Inadequate one', () => {
      const sut = assess(
        [
          graded('si-2019', '2019-05-13', {
            OVERALL_EFFECTIVENESS: I,
            IMPACT_OF_LEADERS: I,
            HELP_AND_PROTECTION: I,
            CHILDREN_IN_CARE: I,
          }),
          graded('si-2023', '2023-06-12', {
            OVERALL_EFFECTIVENESS: G,
            IMPACT_OF_LEADERS: G,
            HELP_AND_PROTECTION: G,
            CHILDREN_IN_CARE: G,
            CARE_LEAVERS: G,
          }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2023' });
    });

    it('is not displaced by later visits or a JTAI, which are not graded kinds', () => {
      const sut = assess(
        [
          graded('si-2024', '2024-03-04', { OVERALL_EFFECTIVENESS: I }),
          event({
            id: 'mv-2025',
            kind: 'MONITORING_VISIT',
            inspectedOn: '2025-01-20',
            publishedOn: '2025-02-14',
          }),
          focusedVisit('fv-2025', '2025-03-03', []),
          event({
            id: 'jtai-2025',
            kind: 'JTAI',
            inspectedOn: '2025-04-07',
            publishedOn: '2025-05-19',
            judgements: [{ framework: 'JTAI', area: 'OVERALL_EFFECTIVENESS', grade: G }],
          }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT'],
        evidence: { inspectionIds: ['si-2024'], concernIds: [] },
        latestGradedInspectionId: 'si-2024',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
      });
    });

    it('takes the worse grade when an area is recorded twice, whatever the order', () => {
      const judgements: Judgement[] = [
        { framework: 'ILACS_2023', area: 'OVERALL_EFFECTIVENESS', grade: G },
        { framework: 'ILACS_2023', area: 'OVERALL_EFFECTIVENESS', grade: I },
      ];
      const twice = (order: Judgement[]) =>
        assess([graded('si-2024', '2024-03-04', {}, { judgements: order })], '2025-06-01');
      expect(twice(judgements).basis).toEqual(['INADEQUATE_JUDGEMENT']);
      expect(twice([...judgements].reverse()).basis).toEqual(['INADEQUATE_JUDGEMENT']);
    });

    it('skips a graded kind with no judgements: the inspection before it is the latest', () => {
      const sut = assess(
        [
          graded('si-2022', '2022-05-09', { OVERALL_EFFECTIVENESS: I }),
          event({ id: 'si-2025', inspectedOn: '2025-01-13', publishedOn: '2025-02-24' }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT'],
        evidence: { inspectionIds: ['si-2022'], concernIds: [] },
        latestGradedInspectionId: 'si-2022',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
      });
    });
  });

  describe('(c) a judgement falling since the graded inspection before', () => {
    it.each<[string, IsoDate, Grades, IsoDate, Grades, JudgementArea, Grade, Grade]>([
      [
        'overall effectiveness, Good to Requires improvement',
        '2019-06-10',
        { OVERALL_EFFECTIVENESS: G },
        '2022-11-14',
        { OVERALL_EFFECTIVENESS: RI },
        'OVERALL_EFFECTIVENESS',
        G,
        RI,
      ],
      [
        'overall effectiveness, Outstanding to Requires improvement',
        '2019-06-10',
        { OVERALL_EFFECTIVENESS: O },
        '2024-11-11',
        { OVERALL_EFFECTIVENESS: RI },
        'OVERALL_EFFECTIVENESS',
        O,
        RI,
      ],
      [
        'impact of leaders, Good to Inadequate',
        '2019-06-10',
        { OVERALL_EFFECTIVENESS: RI, IMPACT_OF_LEADERS: G },
        '2024-11-11',
        { OVERALL_EFFECTIVENESS: RI, IMPACT_OF_LEADERS: I },
        'IMPACT_OF_LEADERS',
        G,
        I,
      ],
      [
        'help and protection, Outstanding to Requires improvement',
        '2019-06-10',
        { OVERALL_EFFECTIVENESS: G, HELP_AND_PROTECTION: O },
        '2024-11-11',
        { OVERALL_EFFECTIVENESS: G, HELP_AND_PROTECTION: RI },
        'HELP_AND_PROTECTION',
        O,
        RI,
      ],
      [
        'help and protection, Requires improvement to Inadequate',
        '2019-06-10',
        { OVERALL_EFFECTIVENESS: RI, HELP_AND_PROTECTION: RI },
        '2024-11-11',
        { OVERALL_EFFECTIVENESS: RI, HELP_AND_PROTECTION: I },
        'HELP_AND_PROTECTION',
        RI,
        I,
      ],
      [
        'children in care, both before 1 January 2023',
        '2018-04-16',
        { OVERALL_EFFECTIVENESS: G, CHILDREN_IN_CARE: G },
        '2022-12-12',
        { OVERALL_EFFECTIVENESS: G, CHILDREN_IN_CARE: RI },
        'CHILDREN_IN_CARE',
        G,
        RI,
      ],
      [
        'children in care, both after 1 January 2023',
        '2023-01-09',
        { OVERALL_EFFECTIVENESS: RI, CHILDREN_IN_CARE: G },
        '2025-09-08',
        { OVERALL_EFFECTIVENESS: RI, CHILDREN_IN_CARE: I },
        'CHILDREN_IN_CARE',
        G,
        I,
      ],
      [
        'care leavers, both after 1 January 2023',
        '2023-03-06',
        { OVERALL_EFFECTIVENESS: G, CARE_LEAVERS: G },
        '2025-09-08',
        { OVERALL_EFFECTIVENESS: G, CARE_LEAVERS: RI },
        'CARE_LEAVERS',
        G,
        RI,
      ],
    ])('counts %s', (_, previousOn, previousGrades, latestOn, latestGrades, area, from, to) => {
      const sut = assess(
        [graded('latest', latestOn, latestGrades), graded('previous', previousOn, previousGrades)],
        '2025-12-31',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['DECLINING_JUDGEMENT'],
        evidence: { inspectionIds: ['latest', 'previous'], concernIds: [] },
        latestGradedInspectionId: 'latest',
        declines: [
          { area, from, to, previousInspectionId: 'previous', latestInspectionId: 'latest' },
        ],
      });
    });

    it('counts a fall to Inadequate overall under (a) and (c), each inspection listed once', () => {
      const sut = assess(
        [
          graded('si-2020', '2020-02-03', { OVERALL_EFFECTIVENESS: G }),
          graded('si-2024', '2024-02-05', { OVERALL_EFFECTIVENESS: I }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT', 'DECLINING_JUDGEMENT'],
        evidence: { inspectionIds: ['si-2024', 'si-2020'], concernIds: [] },
        latestGradedInspectionId: 'si-2024',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
        declines: [
          {
            area: 'OVERALL_EFFECTIVENESS',
            from: G,
            to: I,
            previousInspectionId: 'si-2020',
            latestInspectionId: 'si-2024',
          },
        ],
      });
    });

    it('lists every judgement that fell, in the order of the areas', () => {
      const sut = assess(
        [
          graded('si-2023', '2023-05-15', {
            OVERALL_EFFECTIVENESS: G,
            IMPACT_OF_LEADERS: G,
            HELP_AND_PROTECTION: G,
            CHILDREN_IN_CARE: O,
            CARE_LEAVERS: G,
          }),
          graded('si-2025', '2025-06-16', {
            OVERALL_EFFECTIVENESS: RI,
            IMPACT_OF_LEADERS: RI,
            HELP_AND_PROTECTION: G,
            CHILDREN_IN_CARE: RI,
            CARE_LEAVERS: RI,
          }),
        ],
        '2025-12-31',
      );
      const fell = (area: JudgementArea, from: Grade, to: Grade) => ({
        area,
        from,
        to,
        previousInspectionId: 'si-2023',
        latestInspectionId: 'si-2025',
      });
      expect(sut.declines).toEqual([
        fell('OVERALL_EFFECTIVENESS', G, RI),
        fell('IMPACT_OF_LEADERS', G, RI),
        fell('CHILDREN_IN_CARE', O, RI),
        fell('CARE_LEAVERS', G, RI),
      ]);
    });

    it('does not count Outstanding to Good', () => {
      const sut = assess(
        [
          graded('si-2019', '2019-06-10', {
            OVERALL_EFFECTIVENESS: O,
            IMPACT_OF_LEADERS: O,
            HELP_AND_PROTECTION: O,
          }),
          graded('si-2024', '2024-11-11', {
            OVERALL_EFFECTIVENESS: G,
            IMPACT_OF_LEADERS: G,
            HELP_AND_PROTECTION: G,
          }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('does not count Requires improvement staying Requires improvement', () => {
      const sut = assess(
        [
          graded('si-2019', '2019-06-10', { OVERALL_EFFECTIVENESS: RI, HELP_AND_PROTECTION: RI }),
          graded('si-2024', '2024-11-11', { OVERALL_EFFECTIVENESS: RI, HELP_AND_PROTECTION: RI }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('does not count Inadequate to Requires improvement, a rise', () => {
      const sut = assess(
        [
          graded('si-2019', '2019-06-10', { OVERALL_EFFECTIVENESS: I }),
          graded('si-2024', '2024-11-11', { OVERALL_EFFECTIVENESS: RI }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('does not compare children in care across 1 January 2023', () => {
      const sut = assess(
        [
          graded('si-2022', '2022-10-03', { OVERALL_EFFECTIVENESS: G, CHILDREN_IN_CARE: O }),
          graded('si-2024', '2024-02-05', {
            OVERALL_EFFECTIVENESS: G,
            CHILDREN_IN_CARE: RI,
            CARE_LEAVERS: RI,
          }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('places an inspection by when it took place, not when it was published', () => {
      const sut = assess(
        [
          graded(
            'si-2022',
            '2022-12-05',
            { OVERALL_EFFECTIVENESS: G, CHILDREN_IN_CARE: G },
            { publishedOn: '2023-01-30' },
          ),
          graded('si-2024', '2024-03-04', { OVERALL_EFFECTIVENESS: G, CHILDREN_IN_CARE: RI }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('counts an inspection on 1 January 2023 as after it', () => {
      const sut = assess(
        [
          graded('si-2023', '2023-01-01', { CHILDREN_IN_CARE: G, CARE_LEAVERS: G }),
          graded('si-2025', '2025-01-06', { CHILDREN_IN_CARE: RI, CARE_LEAVERS: RI }),
        ],
        '2025-06-01',
      );
      expect(sut.basis).toEqual(['DECLINING_JUDGEMENT']);
      expect(sut.declines.map((d) => d.area)).toEqual(['CHILDREN_IN_CARE', 'CARE_LEAVERS']);
    });

    it('counts an inspection on 31 December 2022 as before it', () => {
      const sut = assess(
        [
          graded('si-2022', '2022-12-31', { CHILDREN_IN_CARE: G, CARE_LEAVERS: G }),
          graded('si-2025', '2025-01-06', { CHILDREN_IN_CARE: RI, CARE_LEAVERS: RI }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2025' });
    });

    it('does not compare care leavers when the earlier inspection is before 2023', () => {
      const sut = assess(
        [
          graded('si-2022', '2022-06-06', { OVERALL_EFFECTIVENESS: G, CARE_LEAVERS: G }),
          graded('si-2024', '2024-06-03', { OVERALL_EFFECTIVENESS: G, CARE_LEAVERS: RI }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('does not compare care leavers when both are before 2023, though children in care are', () => {
      const sut = assess(
        [
          graded('si-2019', '2019-01-14', { CHILDREN_IN_CARE: G, CARE_LEAVERS: G }),
          graded('si-2022', '2022-03-07', { CHILDREN_IN_CARE: RI, CARE_LEAVERS: RI }),
        ],
        '2025-06-01',
      );
      expect(sut.declines).toEqual([
        {
          area: 'CHILDREN_IN_CARE',
          from: G,
          to: RI,
          previousInspectionId: 'si-2019',
          latestInspectionId: 'si-2022',
        },
      ]);
    });

    it('compares only areas graded in both, such as overall effectiveness after April 2026', () => {
      const sut = assess(
        [
          graded('si-2025', '2025-01-13', {
            OVERALL_EFFECTIVENESS: G,
            IMPACT_OF_LEADERS: G,
            HELP_AND_PROTECTION: G,
          }),
          graded('si-2026', '2026-06-01', {
            IMPACT_OF_LEADERS: RI,
            HELP_AND_PROTECTION: G,
            CHILDREN_IN_CARE: G,
            CARE_LEAVERS: G,
          }),
        ],
        '2026-09-01',
      );
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['DECLINING_JUDGEMENT'],
        evidence: { inspectionIds: ['si-2026', 'si-2025'], concernIds: [] },
        latestGradedInspectionId: 'si-2026',
        declines: [
          {
            area: 'IMPACT_OF_LEADERS',
            from: G,
            to: RI,
            previousInspectionId: 'si-2025',
            latestInspectionId: 'si-2026',
          },
        ],
      });
    });

    it('compares a short inspection with the standard inspection before it', () => {
      const sut = assess(
        [
          graded('si-2021', '2021-03-08', { OVERALL_EFFECTIVENESS: G, HELP_AND_PROTECTION: G }),
          graded(
            'short-2024',
            '2024-09-09',
            { OVERALL_EFFECTIVENESS: G, HELP_AND_PROTECTION: RI },
            { kind: 'SHORT_INSPECTION' },
          ),
        ],
        '2025-06-01',
      );
      expect(sut.basis).toEqual(['DECLINING_JUDGEMENT']);
      expect(sut.evidence.inspectionIds).toEqual(['short-2024', 'si-2021']);
    });

    it('compares only with the graded inspection just before the latest', () => {
      const sut = assess(
        [
          graded('si-2018', '2018-05-14', { OVERALL_EFFECTIVENESS: G }),
          graded('si-2021', '2021-05-10', { OVERALL_EFFECTIVENESS: RI }),
          graded('si-2024', '2024-05-13', { OVERALL_EFFECTIVENESS: RI }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });

    it('skips a graded kind with no judgements when finding the inspection before', () => {
      const sut = assess(
        [
          graded('si-2021', '2021-05-10', { OVERALL_EFFECTIVENESS: G }),
          event({ id: 'si-2022', inspectedOn: '2022-05-09', publishedOn: '2022-06-20' }),
          graded('si-2024', '2024-05-13', { OVERALL_EFFECTIVENESS: RI }),
        ],
        '2025-06-01',
      );
      expect(sut.declines).toEqual([
        {
          area: 'OVERALL_EFFECTIVENESS',
          from: G,
          to: RI,
          previousInspectionId: 'si-2021',
          latestInspectionId: 'si-2024',
        },
      ]);
    });

    it('needs two graded inspections', () => {
      const sut = assess(
        [graded('si-2024', '2024-05-13', { OVERALL_EFFECTIVENESS: RI })],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-2024' });
    });
  });

  describe('(b) a focused visit in the last 12 months with areas for priority action', () => {
    const apas = ['Timeliness of child protection enquiries'];

    // The last 12 months as of a date: after the same date a year earlier, up to the date itself.
    it.each<[IsoDate, IsoDate, boolean]>([
      ['2025-06-01', '2025-06-01', true],
      ['2025-06-01', '2024-06-02', true],
      ['2025-06-01', '2024-06-01', false],
      ['2025-06-01', '2024-05-31', false],
      ['2024-02-29', '2023-03-01', true],
      ['2024-02-29', '2023-02-28', false],
      ['2025-02-28', '2024-02-29', true],
      ['2025-02-28', '2024-02-28', false],
      ['2025-03-01', '2024-03-02', true],
      ['2025-03-01', '2024-03-01', false],
      ['2025-03-01', '2024-02-29', false],
    ])('as of %s, a letter dated %s counts: %s', (asOf, letterDate, counts) => {
      const sut = assess([focusedVisit('fv', letterDate, apas)], asOf);
      expect(sut).toEqual(
        counts
          ? {
              ...NOTHING,
              eligible: true,
              basis: ['PRIORITY_ACTION_AREAS'],
              evidence: { inspectionIds: ['fv'], concernIds: [] },
            }
          : NOTHING,
      );
    });

    it('does not count a focused visit that raised none', () => {
      expect(assess([focusedVisit('fv', '2025-03-03', [])], '2025-06-01')).toEqual(NOTHING);
    });

    it('does not count priority actions recorded on a monitoring visit', () => {
      const sut = assess(
        [focusedVisit('mv', '2025-03-03', apas, { kind: 'MONITORING_VISIT' })],
        '2025-06-01',
      );
      expect(sut).toEqual(NOTHING);
    });

    it('dates the visit by its letter rather than its publication', () => {
      const sut = assess(
        [focusedVisit('fv', '2024-05-20', apas, { publishedOn: '2024-06-20' })],
        '2025-06-01',
      );
      expect(sut).toEqual(NOTHING);
    });

    it('without a letter date, dates the visit by its publication', () => {
      const visit = focusedVisit('fv', '2024-05-01', apas, {
        letterDate: null,
        publishedOn: '2024-06-05',
      });
      expect(assess([visit], '2025-06-04').basis).toEqual(['PRIORITY_ACTION_AREAS']);
      expect(assess([visit], '2025-06-05').basis).toEqual([]);
    });

    it('without a letter or publication date, dates the visit by the visit itself', () => {
      const visit = focusedVisit('fv', '2024-06-10', apas, { letterDate: null, publishedOn: null });
      expect(assess([visit], '2025-06-09').basis).toEqual(['PRIORITY_ACTION_AREAS']);
      expect(assess([visit], '2025-06-10').basis).toEqual([]);
    });

    it('ignores a visit not yet published on the date asked about', () => {
      const sut = assess(
        [focusedVisit('fv', '2025-05-20', apas, { publishedOn: '2025-06-10' })],
        '2025-06-01',
      );
      expect(sut).toEqual(NOTHING);
    });

    it('lists every such visit, newest first', () => {
      const sut = assess(
        [
          focusedVisit('fv-2024', '2024-09-02', apas),
          focusedVisit('fv-2025', '2025-03-03', apas),
          focusedVisit('fv-old', '2024-05-13', apas),
        ],
        '2025-06-01',
      );
      expect(sut.evidence.inspectionIds).toEqual(['fv-2025', 'fv-2024']);
    });
  });

  describe('a concern recorded by a programme manager', () => {
    it('counts from the day it is recorded', () => {
      const concerns = [concern('c-1', '2025-05-01')];
      expect(assess([], '2025-05-01', concerns)).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['RECORDED_CONCERN'],
        evidence: { inspectionIds: [], concernIds: ['c-1'] },
      });
      expect(assess([], '2025-04-30', concerns)).toEqual(NOTHING);
    });

    it('stops counting on the day it is withdrawn', () => {
      const concerns = [concern('c-1', '2025-01-10', '2025-04-01')];
      expect(assess([], '2025-04-01', concerns)).toEqual(NOTHING);
      expect(assess([], '2025-03-31', concerns)).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['RECORDED_CONCERN'],
        evidence: { inspectionIds: [], concernIds: ['c-1'] },
      });
    });

    it('lists those standing, newest first', () => {
      const sut = assess([], '2025-06-01', [
        concern('c-1', '2025-02-03'),
        concern('c-withdrawn', '2024-12-01', '2025-01-31'),
        concern('c-2', '2025-04-22'),
      ]);
      expect(sut.evidence.concernIds).toEqual(['c-2', 'c-1']);
    });
  });

  describe('the LA and the date asked about', () => {
    const cumbria: EligibilityLocalAuthority = { id: 'la', validFrom: null, validTo: '2023-03-31' };
    const inadequate = graded('si-2022', '2022-07-11', { OVERALL_EFFECTIVENESS: I });

    it('finds nothing for an LA with no inspection at all', () => {
      expect(assess([], '2025-06-01')).toEqual(NOTHING);
    });

    it('does not make an LA eligible after its abolition, and gives no basis', () => {
      const sut = assess([inadequate], '2023-04-01', [concern('c-1', '2023-01-09')], cumbria);
      expect(sut).toEqual({ ...NOTHING, activeOnAsOf: false });
    });

    it('answers by the rules on the last day of an abolished LA', () => {
      const sut = assess([inadequate], '2023-03-31', [], cumbria);
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT'],
        evidence: { inspectionIds: ['si-2022'], concernIds: [] },
        latestGradedInspectionId: 'si-2022',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
      });
    });

    it('does not make an LA eligible before it exists', () => {
      const cumberland = { id: 'la', validFrom: '2023-04-01', validTo: null };
      const sut = assess([], '2023-03-31', [concern('c-1', '2023-03-01')], cumberland);
      expect(sut).toEqual({ ...NOTHING, activeOnAsOf: false });
    });

    it('ignores an inspection published after the date asked about', () => {
      const late = graded(
        'si-2025',
        '2025-05-12',
        { OVERALL_EFFECTIVENESS: I },
        {
          publishedOn: '2025-06-20',
        },
      );
      expect(assess([late], '2025-06-19')).toEqual(NOTHING);
      expect(assess([late], '2025-06-20').basis).toEqual(['INADEQUATE_JUDGEMENT']);
    });

    it('keeps the Inadequate inspection as latest while a newer Good one is unpublished', () => {
      const sut = assess(
        [
          inadequate,
          graded(
            'si-2025',
            '2025-05-12',
            { OVERALL_EFFECTIVENESS: G },
            { publishedOn: '2025-06-20' },
          ),
        ],
        '2025-06-19',
      );
      expect(sut.latestGradedInspectionId).toBe('si-2022');
      expect(sut.basis).toEqual(['INADEQUATE_JUDGEMENT']);
    });

    it('counts an inspection with no publication date from its inspection date', () => {
      const undated = graded(
        'si-2025',
        '2025-05-12',
        { OVERALL_EFFECTIVENESS: I },
        {
          publishedOn: null,
        },
      );
      expect(assess([undated], '2025-05-11')).toEqual(NOTHING);
      expect(assess([undated], '2025-05-12').basis).toEqual(['INADEQUATE_JUDGEMENT']);
    });

    it('never counts an event with no date at all', () => {
      const undated = graded(
        'si',
        '2025-05-12',
        { OVERALL_EFFECTIVENESS: I },
        {
          inspectedOn: null,
          publishedOn: null,
        },
      );
      expect(assess([undated], '2099-01-01')).toEqual(NOTHING);
    });
  });

  describe('which graded inspection is the latest', () => {
    it('goes by publication date before inspection date', () => {
      const sut = assess(
        [
          graded('si-a', '2024-01-08', { OVERALL_EFFECTIVENESS: G }, { publishedOn: '2024-04-02' }),
          graded('si-b', '2024-02-05', { OVERALL_EFFECTIVENESS: I }, { publishedOn: '2024-03-18' }),
        ],
        '2025-06-01',
      );
      expect(sut).toEqual({ ...NOTHING, latestGradedInspectionId: 'si-a' });
    });

    it('breaks a tie of publication dates by the later inspection date', () => {
      const events = [
        graded('si-a', '2024-02-05', { OVERALL_EFFECTIVENESS: I }, { publishedOn: '2024-03-18' }),
        graded('si-b', '2024-01-08', { OVERALL_EFFECTIVENESS: G }, { publishedOn: '2024-03-18' }),
      ];
      const sut = assess(events, '2025-06-01');
      expect(sut).toEqual({
        ...NOTHING,
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT', 'DECLINING_JUDGEMENT'],
        evidence: { inspectionIds: ['si-a', 'si-b'], concernIds: [] },
        latestGradedInspectionId: 'si-a',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
        declines: [
          {
            area: 'OVERALL_EFFECTIVENESS',
            from: G,
            to: I,
            previousInspectionId: 'si-b',
            latestInspectionId: 'si-a',
          },
        ],
      });
      expect(assess([...events].reverse(), '2025-06-01')).toEqual(sut);
    });

    it('breaks a tie of both dates by id', () => {
      const events = [
        graded('si-b', '2024-02-05', { OVERALL_EFFECTIVENESS: I }),
        graded('si-a', '2024-02-05', { OVERALL_EFFECTIVENESS: RI }),
      ];
      expect(assess(events, '2025-06-01').latestGradedInspectionId).toBe('si-b');
      expect(assess([...events].reverse(), '2025-06-01').latestGradedInspectionId).toBe('si-b');
    });
  });

  it('gives several bases at once, in order, each record once', () => {
    const apas = ['Management oversight of practice'];
    const sut = assess(
      [
        focusedVisit('fv-2025', '2025-03-14', apas),
        graded('si-2021', '2021-09-06', {
          OVERALL_EFFECTIVENESS: G,
          IMPACT_OF_LEADERS: G,
          HELP_AND_PROTECTION: G,
          CHILDREN_IN_CARE: G,
        }),
        focusedVisit('fv-2024', '2024-04-10', apas),
        graded(
          'si-2024',
          '2024-11-04',
          {
            OVERALL_EFFECTIVENESS: I,
            IMPACT_OF_LEADERS: I,
            HELP_AND_PROTECTION: RI,
            CHILDREN_IN_CARE: RI,
            CARE_LEAVERS: RI,
          },
          { publishedOn: '2024-12-16' },
        ),
      ],
      '2025-06-01',
      [
        concern('c-1', '2025-02-03'),
        concern('c-2', '2025-04-22'),
        concern('c-3', '2024-12-01', '2025-01-31'),
      ],
    );
    expect(sut).toEqual({
      localAuthorityId: 'la',
      eligible: true,
      basis: [
        'INADEQUATE_JUDGEMENT',
        'PRIORITY_ACTION_AREAS',
        'DECLINING_JUDGEMENT',
        'RECORDED_CONCERN',
      ],
      evidence: { inspectionIds: ['si-2024', 'fv-2025', 'si-2021'], concernIds: ['c-2', 'c-1'] },
      activeOnAsOf: true,
      latestGradedInspectionId: 'si-2024',
      inadequateAreas: ['OVERALL_EFFECTIVENESS'],
      declines: [
        {
          area: 'OVERALL_EFFECTIVENESS',
          from: G,
          to: I,
          previousInspectionId: 'si-2021',
          latestInspectionId: 'si-2024',
        },
        {
          area: 'IMPACT_OF_LEADERS',
          from: G,
          to: I,
          previousInspectionId: 'si-2021',
          latestInspectionId: 'si-2024',
        },
        {
          area: 'HELP_AND_PROTECTION',
          from: G,
          to: RI,
          previousInspectionId: 'si-2021',
          latestInspectionId: 'si-2024',
        },
      ],
    });
  });
});

describe('eligibilityForCoachingOfEach', () => {
  const leeds = { id: 'leeds', validFrom: null, validTo: null };
  const cumbria = { id: 'cumbria', validFrom: null, validTo: '2023-03-31' };
  const york = { id: 'york', validFrom: null, validTo: null };
  const events = [
    graded('leeds-si', '2022-03-07', { OVERALL_EFFECTIVENESS: I }, { localAuthorityId: 'leeds' }),
    graded(
      'cumbria-si',
      '2022-03-07',
      { OVERALL_EFFECTIVENESS: I },
      { localAuthorityId: 'cumbria' },
    ),
    graded('other-si', '2022-03-07', { OVERALL_EFFECTIVENESS: I }, { localAuthorityId: 'other' }),
  ];
  const concerns = [{ ...concern('york-c', '2023-06-01'), localAuthorityId: 'york' }];

  it('answers each LA from its own records, in the order given', () => {
    const sut = eligibilityForCoachingOfEach(
      [york, cumbria, leeds],
      events,
      concerns,
      '2024-01-01',
    );
    expect(sut).toEqual([
      {
        ...NOTHING,
        localAuthorityId: 'york',
        eligible: true,
        basis: ['RECORDED_CONCERN'],
        evidence: { inspectionIds: [], concernIds: ['york-c'] },
      },
      { ...NOTHING, localAuthorityId: 'cumbria', activeOnAsOf: false },
      {
        ...NOTHING,
        localAuthorityId: 'leeds',
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT'],
        evidence: { inspectionIds: ['leeds-si'], concernIds: [] },
        latestGradedInspectionId: 'leeds-si',
        inadequateAreas: ['OVERALL_EFFECTIVENESS'],
      },
    ]);
  });
});

describe('eligibleLocalAuthorities', () => {
  it('keeps only the eligible LAs', () => {
    const las = [
      { id: 'leeds', validFrom: null, validTo: null },
      { id: 'york', validFrom: null, validTo: null },
    ];
    const events = [
      graded('leeds-si', '2022-03-07', { OVERALL_EFFECTIVENESS: I }, { localAuthorityId: 'leeds' }),
      graded('york-si', '2022-03-07', { OVERALL_EFFECTIVENESS: G }, { localAuthorityId: 'york' }),
    ];
    const sut = eligibleLocalAuthorities(las, events, [], '2024-01-01');
    expect(sut.map((e) => e.localAuthorityId)).toEqual(['leeds']);
  });
});

describe('latestInspectionAsOf', () => {
  const events = [
    graded('si-2022', '2022-03-07', { OVERALL_EFFECTIVENESS: G }),
    focusedVisit('fv-2024', '2024-05-13', [], { publishedOn: '2024-06-17' }),
  ];

  it('is the latest event of any kind published on or before the date', () => {
    expect(latestInspectionAsOf(events, '2024-06-17')?.id).toBe('fv-2024');
    expect(latestInspectionAsOf(events, '2024-06-16')?.id).toBe('si-2022');
  });

  it('is null before anything was published', () => {
    expect(latestInspectionAsOf(events, '2022-03-06')).toBeNull();
  });
});

describe('latestGradedInspectionAsOf', () => {
  it('skips a later visit, which carries no grades', () => {
    const inspection = graded('standard', '2022-05-09', { OVERALL_EFFECTIVENESS: G });
    const visit = event({
      id: 'visit',
      kind: 'FOCUSED_VISIT',
      inspectedOn: '2023-11-01',
      publishedOn: '2023-12-01',
    });
    expect(latestGradedInspectionAsOf([visit, inspection], '2024-06-30')?.id).toBe('standard');
    expect(latestInspectionAsOf([visit, inspection], '2024-06-30')?.id).toBe('visit');
  });

  it('is null before the first graded inspection is published', () => {
    const inspection = graded('standard', '2022-05-09', { OVERALL_EFFECTIVENESS: G });
    expect(latestGradedInspectionAsOf([inspection], '2022-05-08')).toBeNull();
  });
});
