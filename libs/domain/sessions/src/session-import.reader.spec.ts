import { utils, write } from '@e965/xlsx';
import { readSessionFile } from './session-import.reader';

describe('readSessionFile', () => {
  it('reads CSV as text, keeping blank lines so rows keep the numbers a spreadsheet gives them', () => {
    const csv =
      '\ufeffsession_reference,topic\r\nS1,"Scrutiny, and ""call-in"""\r\n\r\nS2,Budgets\r\n';
    expect(readSessionFile(Buffer.from(csv), 'june.csv')).toEqual({
      rows: [
        ['session_reference', 'topic'],
        ['S1', 'Scrutiny, and "call-in"'],
        [''],
        ['S2', 'Budgets'],
      ],
      date1904: false,
    });
  });

  it('reads the Sessions sheet of a workbook, dates as the serials its cells hold', () => {
    const workbook = utils.book_new();
    utils.book_append_sheet(workbook, utils.aoa_to_sheet([['notes']]), 'Guidance');
    utils.book_append_sheet(
      workbook,
      utils.aoa_to_sheet(
        [
          ['session_reference', 'delivered_on', 'lead_member'],
          ['S1', new Date(Date.UTC(2022, 5, 14)), 2],
        ],
        {
          cellDates: true,
        },
      ),
      'Sessions',
    );
    const xlsx = write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    expect(readSessionFile(xlsx, 'june.xlsx')).toEqual({
      rows: [
        ['session_reference', 'delivered_on', 'lead_member'],
        ['S1', 44726, 2],
      ],
      date1904: false,
    });
  });

  it('refuses a file too big to import', () => {
    expect(readSessionFile(Buffer.alloc(64 * 1024 + 1, 'a'), 'big.csv')).toEqual({
      problem:
        '"big.csv" is 65 KB; files of at most 64 KB are imported. Split it into smaller files.',
    });
  });

  it('refuses an empty file, and one named as a workbook that is not one', () => {
    expect(readSessionFile(Buffer.alloc(0), 'none.csv')).toEqual({
      problem: '"none.csv" is empty.',
    });
    expect(readSessionFile(Buffer.from('a,b\n'), 'june.xlsx')).toEqual({
      problem:
        '"june.xlsx" is named as a workbook but is not one (XLSX, ODS or XLS), so nothing was imported.',
    });
  });

  it('refuses CSV it cannot read', () => {
    expect(readSessionFile(Buffer.from('a,"b\n'), 'broken.csv')).toEqual({
      problem: expect.stringMatching(
        /^"broken.csv" is not readable CSV, so nothing was imported: /,
      ),
    });
  });
});
