import { read, utils } from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { csvOf, csvZipOf, workbookOf } from './report.writers';
import { count, money, text, type Sheet } from './sheet';

const spend: Sheet = {
  name: 'Spend',
  columns: [text('Service line'), count('Sessions'), money('Spend')],
  rows: [
    ['POLITICAL_LEADERSHIP', 2, 2_500_00],
    ['COACHING_MENTORING, "mentoring"', 2, 197_92],
    ['Unknown', null, null],
  ],
};
const other: Sheet = { name: 'Overdue', columns: [text('Item')], rows: [] };

describe('workbookOf', () => {
  it.each(['ODS', 'XLSX'] as const)(
    'writes %s with numbers as numbers and money in pounds',
    (format) => {
      const workbook = read(workbookOf([spend, other], format));
      expect(workbook.SheetNames).toEqual(['Spend', 'Overdue']);
      const sheet = workbook.Sheets.Spend;
      expect(utils.sheet_to_json(sheet, { header: 1 })).toEqual([
        ['Service line', 'Sessions', 'Spend'],
        ['POLITICAL_LEADERSHIP', 2, 2500],
        ['COACHING_MENTORING, "mentoring"', 2, 197.92],
        ['Unknown'],
      ]);
      expect(sheet.C3).toMatchObject({ t: 'n', v: 197.92 });
    },
  );
});

describe('csvOf', () => {
  it('writes money with two places and quotes what needs it', () => {
    expect(csvOf(spend)).toBe(
      'Service line,Sessions,Spend\n' +
        'POLITICAL_LEADERSHIP,2,2500.00\n' +
        '"COACHING_MENTORING, ""mentoring""",2,197.92\n' +
        'Unknown,,\n',
    );
  });
});

describe('csvZipOf', () => {
  it('zips one CSV per sheet, numbered in order', () => {
    const files = unzipSync(new Uint8Array(csvZipOf([spend, other])));
    expect(Object.keys(files)).toEqual(['01-spend.csv', '02-overdue.csv']);
    expect(strFromU8(files['02-overdue.csv'])).toBe('Item\n');
    expect(strFromU8(files['01-spend.csv'])).toBe(csvOf(spend));
  });
});
