import { utils, write, type BookType, type CellObject } from '@e965/xlsx';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { JUDGEMENT_AREAS, type Framework, type Grade, type Judgement } from '../inspection.types';
import { parseOfstedPublication } from './ofsted-file.parser';
import type { OfstedPublication, ParsedInspectionRow } from './ofsted-file.types';

type Cell = string | number | CellObject | null;
type Sheet = { name: string; rows: Cell[][] };

/** A date cell as Ofsted's workbooks hold them: a serial number shown as dd/mm/yyyy. */
function date(iso: string): CellObject {
  const serial = (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return { t: 'n', v: serial, z: 'dd/mm/yyyy' };
}

function workbook(sheets: Sheet[], bookType: BookType): Buffer {
  const book = utils.book_new();
  for (const sheet of sheets)
    utils.book_append_sheet(book, utils.aoa_to_sheet(sheet.rows), sheet.name);
  return write(book, { type: 'buffer', bookType }) as Buffer;
}

function csv(sheet: Sheet): Buffer {
  return Buffer.from(utils.sheet_to_csv(utils.aoa_to_sheet(sheet.rows)));
}

const O: Grade = 'OUTSTANDING';
const G: Grade = 'GOOD';
const RI: Grade = 'REQUIRES_IMPROVEMENT';
const I: Grade = 'INADEQUATE';

function judgements(framework: Framework, ...grades: Array<Grade | null>): Judgement[] {
  return grades.flatMap((grade, i) =>
    grade ? [{ framework, area: JUDGEMENT_AREAS[i], grade }] : [],
  );
}

function summary(row: ParsedInspectionRow) {
  return {
    row: row.source.row,
    laName: row.laName,
    laCode: row.laCode,
    laStatus: row.laStatus,
    kind: row.kind,
    inspectedOn: row.inspectedOn,
    publishedOn: row.publishedOn,
    judgements: row.judgements,
    theme: row.theme,
  };
}

const LINK = 'Ofsted Local Authority Webpage';
const NEYH = 'North East, Yorkshire and the Humber';
const RI_TEXT = 'Requires improvement to be good';
const JUDGEMENT_HEADINGS = [
  'Overall effectiveness',
  'The impact of leaders on social work practice with children and families',
  'The experiences and progress of children who need help and protection',
  'The experiences and progress of children in care',
  'The experiences and progress of care leavers',
];

// The later editions' layout, from the headings the issue names (and the 2025 edition has).
const LATEST: Sheet = {
  name: 'Inspections_as_at_31_March',
  // prettier-ignore
  rows: [
    ['Local authority inspection judgements as at 31 March 2026'],
    ['This worksheet contains one table with no blank rows or columns. This table begins in cell A3.'],
    ['Web link', 'Local authority area code', 'Local authority name', 'Ofsted region', 'Inspection date', 'Publication date', ...JUDGEMENT_HEADINGS],
    [LINK, 'E08000016', 'Barnsley', NEYH, date('2023-09-11'), date('2023-10-27'), 'Good', 'Good', RI_TEXT, 'Good', 'Good'],
    [LINK, 'E06000063', 'Cumberland', 'North West', 'Not yet inspected'],
    [LINK, 'E06000064', 'Westmorland and Furness', 'North West', date('2025-01-20'), date('2025-03-10'), 'Good', 'Good', RI_TEXT, 'Good', 'Good'],
  ],
};

const IN_YEAR: Sheet = {
  name: 'In-year_inspections',
  // prettier-ignore
  rows: [
    ['Local authority in-year inspection activity 2025-26'],
    ['Blank cells are due to judgements only being provided for short and standard inspections.'],
    ['Web link', 'Local authority area code', 'Local authority name', 'Region', 'Inspection/Visit date', 'Publication date', 'Inspection/Visit type', ...JUDGEMENT_HEADINGS, 'Visit Theme'],
    [LINK, 'E08000016', 'Barnsley', NEYH, date('2025-11-04'), '05/12/2025', 'ILACS Focused Visit', null, null, null, null, null, 'Children in care'],
    [LINK, 'E08000032', 'Bradford', NEYH, date('2025-07-02'), '01/08/2025', 'LA Monitoring visit', null, null, null, null, null, 'Front door'],
    [LINK, 'E08000016', 'Barnsley', NEYH, date('2026-01-12'), '20/02/2026', 'Joint targeted area inspection', null, null, null, null, null, "Children's mental health"],
    [LINK, 'E08000017', 'Doncaster', NEYH, date('2025-06-09'), '25/07/2025', 'ILACS Standard Inspection', 'Good', 'Good', 'Good', 'Outstanding', 'Good'],
  ],
};

// Barnsley's code is its earlier one (E08000016 until May 2025), as the editions then printed it.
const HISTORY: Sheet = {
  name: 'ILACS_inspection_history',
  // prettier-ignore
  rows: [
    ['ILACS inspection history from 2018-2026'],
    ['For local authorities that no longer exist, they are recorded as "No longer exists" under the Local Authority Status column.'],
    ['Web link', 'Local authority area code', 'Local authority name', 'Local authority status', 'Ofsted region', 'Inspection date', 'Publication date', 'Inspection type', ...JUDGEMENT_HEADINGS],
    [LINK, 'E08000016', 'Barnsley', 'Current', NEYH, date('2018-10-08'), date('2018-11-19'), 'ILACS Standard Inspection', 'Good', 'Good', 'Good', 'Good', null],
    [LINK, 'E08000016', 'Barnsley', 'Current', NEYH, date('2023-09-11'), date('2023-10-27'), 'ILACS Short Inspection', 'Good', 'Good', RI_TEXT, 'Good', 'Good'],
    [LINK, 'E10000021', 'Northamptonshire', 'No longer exists', 'East Midlands', date('2019-06-17'), '29/07/2019', 'ILACS Standard Inspection', 'Inadequate', RI_TEXT, 'Inadequate', 'Inadequate', null],
    [LINK, 'E08000019', 'Sheffield', 'Current', NEYH, '31/02/2024', '2024-04-26', 'ILACS Standard Inspection', 'Good', 'Good', 'Good', 'Outstanding', 'Good'],
    [LINK, 'E06000064', 'Westmorland and Furness', 'Current', 'North West', date('2025-01-20'), '10/03/2025', 'ILACS Short Inspection', 2, 2, 3, 2, 'Good*'],
    [LINK, 'E08000017', 'Doncaster', 'Current', NEYH, date('2025-06-09'), date('2025-07-25'), 'ILACS Standard Inspection', 'Good', 'Good', 'Good', 'Outstanding', 'Good'],
    [LINK, 'E08000036', 'Wakefield', 'Current', NEYH, date('2026-04-13'), date('2026-05-29'), 'ILACS Standard Inspection', 'N/A', 'Good', 'Good [note 3]', 'Outstanding', 'Good'],
  ],
};

const EXPECTED_HISTORY = [
  {
    row: 4,
    laName: 'Barnsley',
    laCode: 'E08000016',
    laStatus: 'Current',
    kind: 'STANDARD_INSPECTION',
    inspectedOn: '2018-10-08',
    publishedOn: '2018-11-19',
    judgements: judgements('ILACS_2018', G, G, G, G),
    theme: null,
  },
  {
    row: 5,
    laName: 'Barnsley',
    laCode: 'E08000016',
    laStatus: 'Current',
    kind: 'SHORT_INSPECTION',
    inspectedOn: '2023-09-11',
    publishedOn: '2023-10-27',
    judgements: judgements('ILACS_2023', G, G, RI, G, G),
    theme: null,
  },
  {
    row: 6,
    laName: 'Northamptonshire',
    laCode: 'E10000021',
    laStatus: 'No longer exists',
    kind: 'STANDARD_INSPECTION',
    inspectedOn: '2019-06-17',
    publishedOn: '2019-07-29',
    judgements: judgements('ILACS_2018', I, RI, I, I),
    theme: null,
  },
  {
    row: 7,
    laName: 'Sheffield',
    laCode: 'E08000019',
    laStatus: 'Current',
    kind: 'STANDARD_INSPECTION',
    inspectedOn: null,
    publishedOn: '2024-04-26',
    // With no inspection date, the framework comes from the publication date.
    judgements: judgements('ILACS_2023', G, G, G, O, G),
    theme: null,
  },
  {
    row: 8,
    laName: 'Westmorland and Furness',
    laCode: 'E06000064',
    laStatus: 'Current',
    kind: 'SHORT_INSPECTION',
    inspectedOn: '2025-01-20',
    publishedOn: '2025-03-10',
    judgements: judgements('ILACS_2023', G, G, RI, G, G),
    theme: null,
  },
  {
    row: 9,
    laName: 'Doncaster',
    laCode: 'E08000017',
    laStatus: 'Current',
    kind: 'STANDARD_INSPECTION',
    inspectedOn: '2025-06-09',
    publishedOn: '2025-07-25',
    judgements: judgements('ILACS_2023', G, G, G, O, G),
    theme: null,
  },
  {
    row: 10,
    laName: 'Wakefield',
    laCode: 'E08000036',
    laStatus: 'Current',
    kind: 'STANDARD_INSPECTION',
    inspectedOn: '2026-04-13',
    publishedOn: '2026-05-29',
    judgements: judgements('ILACS_2026', null, G, G, O, G),
    theme: null,
  },
];

const BAD_DATE = 'ILACS_inspection_history row 7: "Inspection date": "31/02/2024" is not a date';

describe('parseOfstedPublication', () => {
  describe.each<BookType>(['xlsx', 'ods'])("the later editions' layout, as %s", (bookType) => {
    let sut: OfstedPublication;
    beforeAll(() => {
      sut = parseOfstedPublication(
        workbook([LATEST, IN_YEAR, HISTORY], bookType),
        `LA_Inspection_Outcomes_as_at_31_March_2026.${bookType}`,
      );
    });
    const ofTable = (table: ParsedInspectionRow['table']) =>
      sut.rows.filter((r) => r.table === table);

    it('finds the three tables below their title and note rows', () => {
      expect(sut.edition).toBe('LONG');
      expect(sut.tables).toEqual([
        { sheet: LATEST.name, headerRow: 3, role: 'LATEST', rows: 2 },
        { sheet: IN_YEAR.name, headerRow: 3, role: 'IN_YEAR', rows: 4 },
        { sheet: HISTORY.name, headerRow: 3, role: 'HISTORY', rows: 7 },
      ]);
    });

    it('reads each history row with its code as published, status, both dates and judgements', () => {
      expect(ofTable('HISTORY').map(summary)).toEqual(EXPECTED_HISTORY);
      expect(ofTable('HISTORY').every((r) => r.identifiedBy === 'INSPECTION_DATE')).toBe(true);
    });

    it('makes a bad date a problem of its row, not of the file', () => {
      const [sheffield] = sut.rows.filter((r) => r.laName === 'Sheffield');
      expect(sheffield.problems).toEqual(['"Inspection date": "31/02/2024" is not a date']);
      expect(sut.problems).toEqual([BAD_DATE]);
    });

    it('reads visits and a JTAI with their themes', () => {
      expect(ofTable('IN_YEAR').map(summary)).toEqual([
        {
          row: 4,
          laName: 'Barnsley',
          laCode: 'E08000016',
          laStatus: null,
          kind: 'FOCUSED_VISIT',
          inspectedOn: '2025-11-04',
          publishedOn: '2025-12-05',
          judgements: [],
          theme: 'Children in care',
        },
        {
          row: 5,
          laName: 'Bradford',
          laCode: 'E08000032',
          laStatus: null,
          kind: 'MONITORING_VISIT',
          inspectedOn: '2025-07-02',
          publishedOn: '2025-08-01',
          judgements: [],
          theme: 'Front door',
        },
        {
          row: 6,
          laName: 'Barnsley',
          laCode: 'E08000016',
          laStatus: null,
          kind: 'JTAI',
          inspectedOn: '2026-01-12',
          publishedOn: '2026-02-20',
          judgements: [],
          theme: "Children's mental health",
        },
        {
          row: 7,
          laName: 'Doncaster',
          laCode: 'E08000017',
          laStatus: null,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: '2025-06-09',
          publishedOn: '2025-07-25',
          judgements: judgements('ILACS_2023', G, G, G, O, G),
          theme: null,
        },
      ]);
    });

    it('takes the kind of a latest-judgements row from the same inspection in the history', () => {
      expect(ofTable('LATEST').map((r) => [r.laName, r.kind, r.kindStated, r.inspectedOn])).toEqual(
        [
          ['Barnsley', 'SHORT_INSPECTION', false, '2023-09-11'],
          ['Westmorland and Furness', 'SHORT_INSPECTION', false, '2025-01-20'],
        ],
      );
      const eventOf = (table: ParsedInspectionRow['table'], row: number) =>
        sut.rows.find((r) => r.table === table && r.source.row === row)?.eventKey;
      expect(eventOf('LATEST', 4)).toBe(eventOf('HISTORY', 5));
      expect(eventOf('IN_YEAR', 7)).toBe(eventOf('HISTORY', 9));
      expect(eventOf('IN_YEAR', 4)).not.toBe(eventOf('IN_YEAR', 6));
    });
  });

  describe('the later history table as CSV', () => {
    it('reads the same rows as the workbook, with title and note rows above the header', () => {
      const sut = parseOfstedPublication(csv(HISTORY), 'ILACS_inspection_history.csv');
      expect(sut.edition).toBe('LONG');
      expect(sut.rows.map(summary)).toEqual(EXPECTED_HISTORY);
      expect(sut.problems).toEqual([BAD_DATE.replace(HISTORY.name, 'Sheet1')]);
    });
  });

  describe('the 2024 wide layout', () => {
    const header = [
      'Local authority name',
      ...['First', 'Second', 'Third'].flatMap((n) => [
        `${n} ILACS publication date`,
        `${n} ILACS inspection type`,
        `${n} ILACS overall effectiveness`,
        `${n} ILACS impact of leaders`,
        `${n} ILACS experiences and progress of children who need help and protection`,
        `${n} ILACS experiences and progress of children in care`,
        `${n} ILACS experiences and progress of care leavers`,
      ]),
    ];
    const history: Sheet = {
      name: 'ILACS_inspections',
      // prettier-ignore
      rows: [
        ['ILACS inspections 2018-2027'],
        ['This worksheet contains one table.'],
        header,
        ['Barnsley',
          '19/11/2018', 'ILACS Standard Inspection', 2, 2, 2, 2, 'N/A',
          date('2023-10-27'), 'ILACS Short Inspection', 2, 2, 3, 2, 2,
          '2027-02-01', 'ILACS Standard Inspection', null, 1, 1, 1, 1],
        ['Cumberland'],
        ['York', '99/99/2019', 'ILACS Standard Inspection', 3, 3, 3, 3, null],
      ],
    };

    it('expands every numbered group into a row, framed by publication date', () => {
      const sut = parseOfstedPublication(workbook([history], 'xlsx'), 'history.xlsx');
      expect(sut.edition).toBe('WIDE_2024');
      expect(sut.rows.map(summary)).toEqual([
        {
          row: 4,
          laName: 'Barnsley',
          laCode: null,
          laStatus: null,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2018-11-19',
          judgements: judgements('ILACS_2018', G, G, G, G),
          theme: null,
        },
        {
          row: 4,
          laName: 'Barnsley',
          laCode: null,
          laStatus: null,
          kind: 'SHORT_INSPECTION',
          inspectedOn: null,
          publishedOn: '2023-10-27',
          judgements: judgements('ILACS_2023', G, G, RI, G, G),
          theme: null,
        },
        {
          row: 4,
          laName: 'Barnsley',
          laCode: null,
          laStatus: null,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: '2027-02-01',
          judgements: judgements('ILACS_2026', null, O, O, O, O),
          theme: null,
        },
        {
          row: 6,
          laName: 'York',
          laCode: null,
          laStatus: null,
          kind: 'STANDARD_INSPECTION',
          inspectedOn: null,
          publishedOn: null,
          judgements: judgements('ILACS_2018', RI, RI, RI, RI),
          theme: null,
        },
      ]);
      expect(sut.rows[2].source.columns[1]).toBe('Third ILACS publication date');
      expect(sut.problems).toEqual([
        'ILACS_inspections row 6: "First ILACS publication date": "99/99/2019" is not a date',
      ]);
    });

    it('says which tables a workbook lacks besides the history', () => {
      const other: Sheet = { name: 'Cover', rows: [['Local authority inspection outcomes']] };
      const sut = parseOfstedPublication(workbook([other, history], 'ods'), 'history.ods');
      expect(sut.problems.slice(-2)).toEqual([
        'No sheet has a table of each LA\'s latest judgements (a header row with "Local authority name", "Inspection date" and judgement columns, without a type column), so none were read.',
        'No sheet has a table of the year\'s inspections and visits (a header row with "Local authority name", "Inspection/Visit date" and "Inspection/Visit type" or "Visit Theme"), so no focused or monitoring visits were read.',
      ]);
    });
  });

  describe('a layout it does not understand', () => {
    function refusal(buffer: Buffer, fileName: string): BadUserInputError {
      try {
        parseOfstedPublication(buffer, fileName);
      } catch (error) {
        if (error instanceof BadUserInputError) return error;
        throw error;
      }
      throw new Error('expected the file to be refused');
    }

    it('refuses a workbook of unrelated headings, naming the sheets and headings looked for', () => {
      const { message } = refusal(
        workbook(
          [
            { name: 'Suppliers', rows: [['Supplier', 'Lot', 'Contract start date']] },
            { name: 'Notes', rows: [['Nothing here']] },
          ],
          'xlsx',
        ),
        'suppliers.xlsx',
      );
      expect(message).toBe(
        '"suppliers.xlsx" was not imported: it is not in a layout of Ofsted\'s "Local authority inspection outcomes" that this import understands. ' +
          'Looked in sheet(s) "Suppliers", "Notes" for an inspection history table, with a header row holding either "Local authority name", "Inspection date", "Inspection type" and judgement columns ("Overall effectiveness", "Impact of leaders", "Experiences and progress of children who need help and protection", …) (editions from 2025), ' +
          'or "Local authority name" and a group of columns per inspection such as "First ILACS publication date", "First ILACS inspection type" and "First ILACS overall effectiveness" (the March 2024 edition). No sheet has any of these headings.',
      );
    });

    it('imports nothing from a workbook with the latest and in-year tables but no history', () => {
      const { message } = refusal(workbook([LATEST, IN_YEAR], 'xlsx'), 'partial.xlsx');
      expect(message).toContain(
        'Looked in sheet(s) "Inspections_as_at_31_March", "In-year_inspections"',
      );
      expect(message).toContain('The closest was sheet "In-year_inspections" row 3');
    });

    it('refuses a history table that lacks its type column, saying so', () => {
      const rows = HISTORY.rows.map((row) => row.filter((_, i) => i !== 7));
      const { message } = refusal(csv({ name: 'History', rows }), 'history.csv');
      expect(message).toContain(
        'The closest was sheet "Sheet1" row 3, with "Local authority area code", "Local authority name", "Local authority status", "Inspection date", "Publication date", "Overall effectiveness",',
      );
      expect(message).toContain('but without "Inspection type" (later editions)');
    });
  });
});
