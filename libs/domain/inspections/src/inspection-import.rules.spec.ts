import {
  mergeRows,
  planInspectionImport,
  sameInspectionRule,
  type IncomingEvent,
  type PlacedRow,
  type StoredEvent,
} from './inspection-import.rules';
import type { Grade, Judgement, JudgementArea } from './inspection.types';
import type { ParsedInspectionRow } from './ofsted-file/ofsted-file.types';

const LA = 'la-1';
const grades = (framework: string, ...list: Array<[JudgementArea, Grade]>): Judgement[] =>
  list.map(([area, grade]) => ({ framework, area, grade }));
const GOOD = grades('ILACS_2023', ['OVERALL_EFFECTIVENESS', 'GOOD'], ['CARE_LEAVERS', 'GOOD']);

const stored = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({
  id: 'e-1',
  localAuthorityId: LA,
  kind: 'STANDARD_INSPECTION',
  inspectedOn: '2023-07-10',
  publishedOn: '2023-08-25',
  theme: null,
  judgements: GOOD,
  source: 'FILE',
  edition: '2024-05-16',
  ...overrides,
});

const incoming = (overrides: Partial<IncomingEvent> = {}): IncomingEvent => ({
  localAuthorityId: LA,
  kind: 'STANDARD_INSPECTION',
  inspectedOn: '2023-07-10',
  publishedOn: '2023-08-25',
  theme: null,
  judgements: GOOD,
  rows: [{ sheet: 'History', row: 5 }],
  ...overrides,
});

const EDITION_2025 = '2025-05-14';

describe('sameInspectionRule', () => {
  it.each<[string, Partial<StoredEvent>, Partial<IncomingEvent>, string | null]>([
    ['same kind and inspection date', {}, { publishedOn: null }, 'SAME_INSPECTION_DATE'],
    [
      'same publication date where the stored event has no inspection date',
      { inspectedOn: null },
      {},
      'SAME_PUBLICATION_DATE',
    ],
    [
      'same publication date where the file gives no inspection date, kind corrected',
      { kind: 'SHORT_INSPECTION' },
      { inspectedOn: null },
      'SAME_PUBLICATION_DATE',
    ],
    [
      'inspection dates a day apart (Isles of Scilly)',
      {},
      { inspectedOn: '2023-07-11' },
      'NEARBY_GRADED_INSPECTION',
    ],
    [
      'the same inspection date with another graded kind (Merton)',
      {},
      { kind: 'SHORT_INSPECTION' },
      'NEARBY_GRADED_INSPECTION',
    ],
    [
      'publication dates 3 days apart where one has no inspection date',
      { inspectedOn: null },
      { inspectedOn: null, publishedOn: '2023-08-28' },
      'NEARBY_GRADED_INSPECTION',
    ],
    [
      'an inspection and a report of it with the same grades',
      { inspectedOn: null },
      { publishedOn: null },
      'REPORT_OF_GRADED_INSPECTION',
    ],
    ['inspection dates 8 days apart', {}, { inspectedOn: '2023-07-18' }, null],
    [
      'a report with other grades',
      { inspectedOn: null },
      { publishedOn: null, judgements: grades('ILACS_2023', ['OVERALL_EFFECTIVENESS', 'GOOD']) },
      null,
    ],
    [
      'a report published before the inspection',
      { inspectedOn: null, publishedOn: '2023-07-01' },
      { publishedOn: null },
      null,
    ],
    ['another LA', {}, { localAuthorityId: 'la-2' }, null],
    [
      'two visits of one kind a day apart',
      { kind: 'MONITORING_VISIT', judgements: [] },
      { kind: 'MONITORING_VISIT', judgements: [], inspectedOn: '2023-07-11' },
      null,
    ],
    [
      'a visit and an inspection on the same day',
      { kind: 'FOCUSED_VISIT', judgements: [] },
      {},
      null,
    ],
    [
      'a visit known by its publication date only, and one of another kind published that day',
      { kind: 'FOCUSED_VISIT', inspectedOn: null, judgements: [] },
      { kind: 'MONITORING_VISIT', judgements: [] },
      null,
    ],
  ])('%s', (_, s, i, expected) => {
    expect(sameInspectionRule(stored(s), incoming(i))?.rule ?? null).toBe(expected);
  });
});

describe('planInspectionImport', () => {
  it('adds an event no stored event is the same as', () => {
    const sut = planInspectionImport([], [incoming()], EDITION_2025);
    expect(sut).toEqual({ events: [{ action: 'ADD', incoming: incoming() }], problems: [] });
  });

  it('leaves an event the file states the same way unchanged, also when the file says less', () => {
    const sut = planInspectionImport(
      [stored()],
      [incoming({ publishedOn: null, judgements: [] })],
      EDITION_2025,
    );
    expect(sut.events).toEqual([
      expect.objectContaining({
        action: 'UNCHANGED',
        matchedBy: 'SAME_INSPECTION_DATE',
        fills: [],
        corrections: [],
        kept: [],
      }),
    ]);
  });

  it('enriches an event known only by its publication date with its inspection date', () => {
    const sut = planInspectionImport([stored({ inspectedOn: null })], [incoming()], EDITION_2025);
    expect(sut.events).toEqual([
      expect.objectContaining({
        action: 'ENRICH',
        matchedBy: 'SAME_PUBLICATION_DATE',
        fills: [{ field: 'inspectedOn', before: null, after: '2023-07-10' }],
        corrections: [],
      }),
    ]);
  });

  it('enriches a visit recorded by hand with its publication date and theme', () => {
    const visit = stored({
      kind: 'FOCUSED_VISIT',
      publishedOn: null,
      judgements: [],
      source: 'USER',
      edition: null,
    });
    const sut = planInspectionImport(
      [visit],
      [incoming({ kind: 'FOCUSED_VISIT', judgements: [], theme: 'Front door' })],
      EDITION_2025,
    );
    expect(sut.events).toEqual([
      expect.objectContaining({
        action: 'ENRICH',
        stored: visit,
        fills: [
          { field: 'publishedOn', before: null, after: '2023-08-25' },
          { field: 'theme', before: null, after: 'Front door' },
        ],
      }),
    ]);
  });

  it('enriches a graded inspection recorded by hand with the judgements it lacked', () => {
    const sut = planInspectionImport(
      [stored({ judgements: GOOD.slice(0, 1), source: 'USER', edition: null })],
      [incoming()],
      EDITION_2025,
    );
    expect(sut.events[0]).toMatchObject({
      action: 'ENRICH',
      fills: [{ field: 'CARE_LEAVERS', before: null, after: 'GOOD (ILACS_2023)' }],
    });
  });

  it.each<[string, Partial<IncomingEvent>, string, string, string]>([
    [
      'inspection date (Isles of Scilly)',
      { inspectedOn: '2023-07-11' },
      'inspectedOn',
      '2023-07-10',
      '2023-07-11',
    ],
    [
      'publication date (Nottingham)',
      { publishedOn: '2023-07-05' },
      'publishedOn',
      '2023-08-25',
      '2023-07-05',
    ],
    [
      'kind (Merton)',
      { kind: 'SHORT_INSPECTION' },
      'kind',
      'STANDARD_INSPECTION',
      'SHORT_INSPECTION',
    ],
    [
      'a grade (Staffordshire)',
      {
        judgements: grades(
          'ILACS_2023',
          ['OVERALL_EFFECTIVENESS', 'GOOD'],
          ['CARE_LEAVERS', 'REQUIRES_IMPROVEMENT'],
        ),
      },
      'CARE_LEAVERS',
      'GOOD (ILACS_2023)',
      'REQUIRES_IMPROVEMENT (ILACS_2023)',
    ],
  ])(
    'corrects the %s a newer edition states otherwise: the file wins',
    (_, i, field, before, after) => {
      const sut = planInspectionImport([stored()], [incoming(i)], EDITION_2025);
      expect(sut.events).toEqual([
        expect.objectContaining({
          action: 'CORRECT',
          corrections: [{ field, before, after }],
          kept: [],
        }),
      ]);
    },
  );

  it('corrects an event recorded by hand', () => {
    const sut = planInspectionImport(
      [stored({ source: 'USER', edition: null })],
      [incoming({ publishedOn: '2023-08-30' })],
      '2023-09-01',
    );
    expect(sut.events[0]).toMatchObject({ action: 'CORRECT' });
  });

  it('keeps values a newer edition set when an older edition says otherwise, but fills gaps', () => {
    const sut = planInspectionImport(
      [stored({ inspectedOn: '2023-07-11', theme: null, edition: EDITION_2025 })],
      [incoming({ inspectedOn: '2023-07-10', theme: 'x' })],
      '2024-05-16',
    );
    expect(sut.events).toEqual([
      expect.objectContaining({
        action: 'ENRICH',
        fills: [{ field: 'theme', before: null, after: 'x' }],
        corrections: [],
        kept: [{ field: 'inspectedOn', before: '2023-07-11', after: '2023-07-10' }],
      }),
    ]);
  });

  it('ignores a kind the file could not read', () => {
    const sut = planInspectionImport(
      [stored()],
      [incoming({ kind: 'OTHER', publishedOn: null })],
      EDITION_2025,
    );
    // OTHER does not match by inspection date, but by report: same grades, no conflict.
    expect(sut.events.map((e) => e.action)).toEqual(['ADD']);
  });

  it('takes the exact match before a nearby one, so two inspections a few days apart stay two', () => {
    const a = stored({ id: 'a', inspectedOn: '2023-07-10' });
    const b = stored({ id: 'b', inspectedOn: '2023-07-14', kind: 'SHORT_INSPECTION' });
    const sut = planInspectionImport(
      [a, b],
      [
        incoming({ inspectedOn: '2023-07-14', kind: 'SHORT_INSPECTION' }),
        incoming({ inspectedOn: '2023-07-10' }),
      ],
      EDITION_2025,
    );
    expect(sut.events.map((e) => [e.action, 'stored' in e ? e.stored.id : null])).toEqual([
      ['UNCHANGED', 'b'],
      ['UNCHANGED', 'a'],
    ]);
  });

  it('matches each stored event once: a second nearby event of the file is added', () => {
    const sut = planInspectionImport(
      [stored()],
      [incoming({ inspectedOn: '2023-07-12' }), incoming({ inspectedOn: '2023-07-11' })],
      EDITION_2025,
    );
    expect(sut.events.map((e) => e.action)).toEqual(['ADD', 'CORRECT']);
  });

  it('never makes two events one identity: a kind is corrected only where no event of that kind has the date', () => {
    const standard = stored({ id: 'a' });
    const short = stored({ id: 'b', kind: 'SHORT_INSPECTION', publishedOn: null });
    const sut = planInspectionImport(
      [standard, short],
      [incoming({ publishedOn: null })],
      EDITION_2025,
    );
    expect(sut.events).toEqual([
      expect.objectContaining({
        action: 'UNCHANGED',
        stored: standard,
        matchedBy: 'SAME_INSPECTION_DATE',
      }),
    ]);
    expect(sut.problems).toEqual([]);
  });

  it('never deletes: stored events the file does not mention are not in the plan', () => {
    expect(planInspectionImport([stored()], [], EDITION_2025)).toEqual({
      events: [],
      problems: [],
    });
  });
});

describe('mergeRows', () => {
  const row = (overrides: Partial<ParsedInspectionRow>): ParsedInspectionRow => ({
    laName: 'Barnsley',
    laCode: null,
    laStatus: null,
    kind: 'SHORT_INSPECTION',
    kindStated: true,
    inspectedOn: null,
    publishedOn: null,
    identifiedBy: 'INSPECTION_DATE',
    judgements: [],
    theme: null,
    table: 'HISTORY',
    eventKey: 'event-1',
    source: { sheet: 'S', row: 1, columns: [] },
    problems: [],
    ...overrides,
  });
  const placed = (r: ParsedInspectionRow, localAuthorityId = LA): PlacedRow => ({
    row: r,
    localAuthorityId,
  });

  it('makes one event of the rows of one inspection, with the union of what they say', () => {
    const sut = mergeRows([
      placed(
        row({
          table: 'LATEST',
          kindStated: false,
          kind: 'SHORT_INSPECTION',
          inspectedOn: '2023-09-11',
          judgements: GOOD,
          source: { sheet: 'L', row: 6, columns: [] },
        }),
      ),
      placed(
        row({
          identifiedBy: 'PUBLICATION_DATE',
          publishedOn: '2023-10-27',
          judgements: GOOD,
          source: { sheet: 'H', row: 7, columns: [] },
        }),
      ),
    ]);
    expect(sut).toEqual({
      events: [
        {
          localAuthorityId: LA,
          kind: 'SHORT_INSPECTION',
          inspectedOn: '2023-09-11',
          publishedOn: '2023-10-27',
          theme: null,
          judgements: GOOD,
          rows: [
            { sheet: 'L', row: 6 },
            { sheet: 'H', row: 7 },
          ],
        },
      ],
      problems: [],
    });
  });

  it('joins rows of one LA, kind and inspection date the parser left apart', () => {
    const sut = mergeRows([
      placed(row({ eventKey: 'event-1', inspectedOn: '2023-09-11' })),
      placed(row({ eventKey: 'event-2', inspectedOn: '2023-09-11', laName: 'Barnsley MBC' })),
      placed(row({ eventKey: 'event-3', inspectedOn: '2023-09-11', kind: 'FOCUSED_VISIT' })),
    ]);
    expect(sut.events).toHaveLength(2);
  });

  it('keeps linked rows placed on different LAs apart', () => {
    const sut = mergeRows([
      placed(row({ inspectedOn: '2023-09-11' })),
      placed(row({ inspectedOn: '2023-09-11' }), 'la-2'),
    ]);
    expect(sut.events.map((e) => e.localAuthorityId)).toEqual([LA, 'la-2']);
  });

  it('reports rows of one inspection that disagree, and takes the first value', () => {
    const sut = mergeRows([
      placed(
        row({
          inspectedOn: '2023-09-11',
          theme: 'Front door',
          source: { sheet: 'A', row: 2, columns: [] },
        }),
      ),
      placed(
        row({
          inspectedOn: '2023-09-11',
          theme: 'Care leavers',
          source: { sheet: 'B', row: 3, columns: [] },
        }),
      ),
    ]);
    expect(sut.events[0].theme).toBe('Front door');
    expect(sut.problems).toEqual([
      'A row 2, B row 3 are one inspection but give different visit themes ("Front door", "Care leavers"); the first was taken',
    ]);
  });
});
