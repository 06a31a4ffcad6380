import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { JUDGEMENT_AREAS, type Framework, type Grade, type Judgement } from '../inspection.types';
import { parseOfstedPublication } from './ofsted-file.parser';
import type { OfstedPublication, ParsedInspectionRow } from './ofsted-file.types';

const FILE_2024 = 'LA_Inspection_Outcomes_as_at_March_2024.ods';
const FILE_2025 = 'LA_Inspection_Outcomes_as_at_31_March_2025.ods';
const LATEST_2024 = 'Inspections_31_March_2024';
const IN_YEAR_2024 = 'Inspections_in_year_2023-24';
const HISTORY_2024 = 'ILACS_inspections_2018-2024';

// The 2024 edition ships with the product (it is imported on first start); the 2025 one is a fixture.
const FOLDER: Record<string, string> = { [FILE_2024]: join(__dirname, '..', 'data') };

function parseFixture(name: string): OfstedPublication {
  return parseOfstedPublication(
    readFileSync(join(FOLDER[name] ?? join(__dirname, 'fixtures'), name)),
    name,
  );
}

const O: Grade = 'OUTSTANDING';
const G: Grade = 'GOOD';
const RI: Grade = 'REQUIRES_IMPROVEMENT';
const I: Grade = 'INADEQUATE';

/** Grades in the columns' order: overall, leaders, help and protection, in care, care leavers. */
function judgements(framework: Framework, ...grades: Grade[]): Judgement[] {
  return grades.map((grade, i) => ({ framework, area: JUDGEMENT_AREAS[i], grade }));
}

function summary(row: ParsedInspectionRow) {
  return {
    sheet: row.source.sheet,
    row: row.source.row,
    kind: row.kind,
    inspectedOn: row.inspectedOn,
    publishedOn: row.publishedOn,
    judgements: row.judgements,
    theme: row.theme,
  };
}

describe('parseOfstedPublication', () => {
  describe('the March 2024 edition, as published', () => {
    let errors: jest.SpyInstance;
    let sut: OfstedPublication;
    beforeAll(() => {
      errors = jest.spyOn(console, 'error');
      sut = parseFixture(FILE_2024);
    });
    afterAll(() => errors.mockRestore());

    const of = (laName: string) => sut.rows.filter((r) => r.laName === laName).map(summary);
    const eventOf = (sheet: string, row: number) =>
      sut.rows.filter((r) => r.source.sheet === sheet && r.source.row === row)[0].eventKey;

    it('is read as the wide edition, quietly and without problems', () => {
      expect(sut.edition).toBe('WIDE_2024');
      expect(sut.problems).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    });

    it('finds its tables by their headings, below the title and note rows, both tables of the history sheet', () => {
      expect(sut.tables).toEqual([
        { sheet: LATEST_2024, headerRow: 3, role: 'LATEST', rows: 151 },
        { sheet: IN_YEAR_2024, headerRow: 3, role: 'IN_YEAR', rows: 107 },
        { sheet: HISTORY_2024, headerRow: 4, role: 'HISTORY', rows: 216 },
        { sheet: HISTORY_2024, headerRow: 159, role: 'HISTORY', rows: 3 },
      ]);
    });

    it('gives a row per inspection or visit of each sheet, by kind', () => {
      const counts: Record<string, number> = {};
      for (const row of sut.rows) {
        const key = `${row.table} ${row.kind}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      expect(counts).toEqual({
        // 153 LAs less Cumberland and Westmorland and Furness, "Not yet inspected".
        'LATEST STANDARD_INSPECTION': 99,
        'LATEST SHORT_INSPECTION': 52,
        'IN_YEAR STANDARD_INSPECTION': 23,
        'IN_YEAR SHORT_INSPECTION': 19,
        'IN_YEAR FOCUSED_VISIT': 37,
        'IN_YEAR MONITORING_VISIT': 28,
        // 151 first inspections and 65 second ones of current LAs, 3 of LAs that no longer exist.
        'HISTORY STANDARD_INSPECTION': 150,
        'HISTORY SHORT_INSPECTION': 69,
      });
    });

    it('reads names only, with no codes or statuses, and marks which rows carry inspection dates', () => {
      expect(sut.rows.every((r) => r.laCode === null && r.laStatus === null)).toBe(true);
      expect(
        sut.rows.every(
          (r) =>
            (r.table === 'HISTORY') === (r.identifiedBy === 'PUBLICATION_DATE') &&
            (r.table === 'HISTORY' ? r.inspectedOn === null : r.inspectedOn !== null),
        ),
      ).toBe(true);
    });

    it("reads Barnsley's two ILACS inspections, its latest judgements and its in-year inspection", () => {
      expect(of('Barnsley')).toEqual([
        {
          sheet: LATEST_2024,
          row: 6,
          kind: 'SHORT_INSPECTION',
          inspectedOn: '2023-09-11',
          publishedOn: null,
          judgements: judgements('ILACS_2023', G, G, RI, G, G),
          theme: null,
        },
        {
          sheet: IN_YEAR_2024,
          row: 44,
          kind: 'SHORT_INSPECTION',
          inspectedOn: '2023-09-11',
          publishedOn: null,
          judgements: judgements('ILACS_2023', G, G, RI, G, G),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 7,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2018-11-19',
          judgements: judgements('ILACS_2018', G, G, G, G),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 7,
          kind: 'SHORT_INSPECTION',
          inspectedOn: null,
          publishedOn: '2023-10-27',
          judgements: judgements('ILACS_2023', G, G, RI, G, G),
          theme: null,
        },
      ]);
      const [latest, inYear, first, second] = sut.rows.filter((r) => r.laName === 'Barnsley');
      expect(latest.kindStated).toBe(false);
      expect(new Set([latest.eventKey, inYear.eventKey, second.eventKey]).size).toBe(1);
      expect(first.eventKey).not.toBe(second.eventKey);
      expect(second.source.columns).toEqual([
        'Local authority name',
        'Second ILACS publication date',
        'Second ILACS inspection type',
        'Second ILACS overall effectiveness',
        'Second ILACS impact of leaders',
        'Second ILACS experiences and progress of children who need help and protection',
        'Second ILACS experiences and progress of children in care',
        'Second ILACS experiences and progress of care leavers',
      ]);
    });

    it("reads Hillingdon's history and latest judgements", () => {
      expect(of('Hillingdon')).toEqual([
        {
          sheet: LATEST_2024,
          row: 60,
          kind: 'SHORT_INSPECTION',
          inspectedOn: '2023-10-02',
          publishedOn: null,
          judgements: judgements('ILACS_2023', O, O, G, O, G),
          theme: null,
        },
        {
          sheet: IN_YEAR_2024,
          row: 53,
          kind: 'SHORT_INSPECTION',
          inspectedOn: '2023-10-02',
          publishedOn: null,
          judgements: judgements('ILACS_2023', O, O, G, O, G),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 61,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2018-05-30',
          judgements: judgements('ILACS_2018', G, O, G, G),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 61,
          kind: 'SHORT_INSPECTION',
          inspectedOn: null,
          publishedOn: '2023-11-20',
          judgements: judgements('ILACS_2023', O, O, G, O, G),
          theme: null,
        },
      ]);
    });

    it('links rows of one inspection where tables name the LA differently ("Bedford", "Bedford Borough")', () => {
      expect([...of('Bedford'), ...of('Bedford Borough')]).toEqual([
        {
          sheet: LATEST_2024,
          row: 8,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: '2021-11-15',
          publishedOn: null,
          judgements: judgements('ILACS_2018', G, G, G, G),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 9,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2022-01-14',
          judgements: judgements('ILACS_2018', G, G, G, G),
          theme: null,
        },
      ]);
      expect(eventOf(LATEST_2024, 8)).toBe(eventOf(HISTORY_2024, 9));
      expect(eventOf(LATEST_2024, 133)).toBe(eventOf(HISTORY_2024, 134)); // Telford & Wrekin
    });

    it('frames a report published in 2023 of an inspection in 2022 under ILACS_2018', () => {
      expect(of('Lancashire')).toEqual([
        {
          sheet: LATEST_2024,
          row: 72,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: '2022-11-28',
          publishedOn: null,
          judgements: judgements('ILACS_2018', G, G, G, G),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 73,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2023-01-26',
          judgements: judgements('ILACS_2018', G, G, G, G),
          theme: null,
        },
      ]);
    });

    it("reads Bradford's inadequate judgements, the later one framed by its 2022 inspection date", () => {
      expect(of('Bradford').filter((r) => r.sheet !== IN_YEAR_2024)).toEqual([
        {
          sheet: LATEST_2024,
          row: 16,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: '2022-11-21',
          publishedOn: null,
          judgements: judgements('ILACS_2018', I, I, I, I),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 17,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2018-10-29',
          judgements: judgements('ILACS_2018', I, RI, I, RI),
          theme: null,
        },
        {
          sheet: HISTORY_2024,
          row: 17,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2023-01-31',
          judgements: judgements('ILACS_2018', I, I, I, I),
          theme: null,
        },
      ]);
      expect(
        of('Bradford')
          .filter((r) => r.sheet === IN_YEAR_2024)
          .map((r) => [r.row, r.kind, r.inspectedOn, r.theme]),
      ).toEqual([
        [38, 'MONITORING_VISIT', '2023-07-18', 'Front door'],
        [70, 'MONITORING_VISIT', '2023-11-08', 'Children in need/subject to a plan'],
        [103, 'MONITORING_VISIT', '2024-02-27', 'Children in need/subject to a plan'],
      ]);
    });

    it('gives no rows for LAs not yet inspected', () => {
      expect(of('Cumberland')).toEqual([]);
      expect(of('Westmorland and Furness')).toEqual([]);
    });

    it('reads the second table of the history sheet, of LAs that no longer exist', () => {
      expect(sut.rows.filter((r) => r.source.row > 159).map((r) => r.laName)).toEqual([
        'Bournemouth',
        'Northamptonshire',
        'Cumbria',
      ]);
      expect(of('Cumbria')).toEqual([
        {
          sheet: HISTORY_2024,
          row: 162,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2022-11-15',
          judgements: judgements('ILACS_2018', RI, RI, RI, G),
          theme: null,
        },
      ]);
    });

    it('reads visits with their themes and no judgements', () => {
      expect(of('Bury').filter((r) => r.sheet === IN_YEAR_2024)).toEqual([
        expect.objectContaining({
          row: 4,
          kind: 'MONITORING_VISIT',
          inspectedOn: '2023-02-28',
          theme: 'Achieving permanence',
          judgements: [],
        }),
        expect.objectContaining({
          row: 41,
          kind: 'MONITORING_VISIT',
          inspectedOn: '2023-08-01',
          theme: 'Vulnerable adolescents',
          judgements: [],
        }),
        expect.objectContaining({
          row: 67,
          kind: 'MONITORING_VISIT',
          inspectedOn: '2023-11-01',
          theme: 'Care leavers',
          judgements: [],
        }),
      ]);
      expect(of('Peterborough').filter((r) => r.kind === 'FOCUSED_VISIT')).toEqual([
        expect.objectContaining({ row: 5, inspectedOn: '2023-03-01', theme: 'Front door' }),
      ]);
    });

    it("lets an importer derive each LA's latest inspection and its graded inspections from the history table", () => {
      const history = sut.rows.filter((r) => r.table === 'HISTORY');
      const graded = sut.rows.filter((r) => r.judgements.length > 0);
      // Merging rows by event leaves exactly the inspections of the history table.
      expect(new Set(graded.map((r) => r.eventKey)).size).toBe(history.length);
      expect(new Set(history.map((r) => r.eventKey)).size).toBe(history.length);
      // Each latest-judgements row is the same event as its LA's last report in the history table.
      for (const latest of sut.rows.filter((r) => r.table === 'LATEST')) {
        const [report] = history.filter((r) => r.eventKey === latest.eventKey);
        const ofLa = history.filter(
          (r) => r.source.sheet === report.source.sheet && r.source.row === report.source.row,
        );
        expect(report.publishedOn).toBe(ofLa[ofLa.length - 1].publishedOn);
        expect(report.judgements).toEqual(latest.judgements);
        expect(report.kind).toBe(latest.kind);
      }
    });
  });

  describe('the March 2025 edition, as published', () => {
    let sut: OfstedPublication;
    beforeAll(() => {
      sut = parseFixture(FILE_2025);
    });

    it('is read as the long edition, without problems', () => {
      expect(sut.edition).toBe('LONG');
      expect(sut.problems).toEqual([]);
      expect(sut.tables).toEqual([
        { sheet: 'Inspections_as_at_31_March', headerRow: 3, role: 'LATEST', rows: 153 },
        { sheet: 'In-year_inspections', headerRow: 3, role: 'IN_YEAR', rows: 112 },
        { sheet: 'ILACS_inspection_history', headerRow: 3, role: 'HISTORY', rows: 271 },
      ]);
    });

    it('reads codes as at publication, statuses and both dates', () => {
      const barnsley = sut.rows.filter((r) => r.laName === 'Barnsley');
      expect(barnsley.map((r) => [r.table, r.laCode, r.laStatus, r.kind])).toEqual([
        ['LATEST', 'E08000016', null, 'SHORT_INSPECTION'],
        ['IN_YEAR', 'E08000016', null, 'FOCUSED_VISIT'],
        ['HISTORY', 'E08000016', 'Current', 'STANDARD_INSPECTION'],
        ['HISTORY', 'E08000016', 'Current', 'SHORT_INSPECTION'],
      ]);
      expect(barnsley.map(summary)[1]).toEqual({
        sheet: 'In-year_inspections',
        row: 6,
        kind: 'FOCUSED_VISIT',
        inspectedOn: '2024-11-05',
        publishedOn: '2024-12-05',
        judgements: [],
        theme: 'Children in care',
      });
      expect(barnsley.map(summary)[3]).toEqual({
        sheet: 'ILACS_inspection_history',
        row: 9,
        kind: 'SHORT_INSPECTION',
        inspectedOn: '2023-09-11',
        publishedOn: '2023-10-27',
        judgements: judgements('ILACS_2023', G, G, RI, G, G),
        theme: null,
      });
      expect(
        sut.rows.filter((r) => r.laStatus === 'No longer exists').map((r) => r.laName),
      ).toEqual(['Bournemouth', 'Cumbria', 'Northamptonshire']);
    });

    it("reads the corrected grade of Staffordshire's 2023 inspection", () => {
      const [latest] = sut.rows.filter((r) => r.laName === 'Staffordshire' && r.table === 'LATEST');
      expect(latest.judgements).toEqual(judgements('ILACS_2023', RI, RI, RI, G, RI));
    });
  });

  describe('a file it does not understand', () => {
    function refusal(buffer: Buffer, fileName: string): string {
      try {
        parseOfstedPublication(buffer, fileName);
      } catch (error) {
        if (error instanceof BadUserInputError) return error.message;
        throw error;
      }
      throw new Error('expected the file to be refused');
    }

    it('refuses a CSV of something else, naming what it looked for and what was missing', () => {
      const message = refusal(
        Buffer.from('Local authority name,Region,Children in need\nBarnsley,Yorkshire,1200\n'),
        'children-in-need.csv',
      );
      expect(message).toContain('"children-in-need.csv" was not imported');
      expect(message).toContain('Looked in sheet(s) "Sheet1" for an inspection history table');
      expect(message).toContain('"First ILACS publication date"');
      expect(message).toContain(
        'The closest was sheet "Sheet1" row 1, with "Local authority name" but without "Inspection date", "Inspection type" or any judgement column (later editions), and without groups of columns such as "First ILACS publication date" (March 2024 edition).',
      );
    });

    it('refuses bytes that are not a spreadsheet', () => {
      expect(refusal(Buffer.from([0, 159, 146, 150, 0, 1]), 'photo.jpg')).toContain(
        'No sheet has any of these headings.',
      );
    });
  });
});
