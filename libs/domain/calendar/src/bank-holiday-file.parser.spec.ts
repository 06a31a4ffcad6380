import { parseBankHolidayFile } from './bank-holiday-file.parser';

const header = 'date,title,notes';

function problemsOf(text: string): string {
  try {
    parseBankHolidayFile(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('parseBankHolidayFile', () => {
  it('reads rows in date order, with notes only where there are some', () => {
    const sut = parseBankHolidayFile(
      `${header}\n2022-12-27,Christmas Day,Substitute day\n2022-12-26,Boxing Day,\n`,
    );
    expect(sut).toEqual([
      { date: '2022-12-26', title: 'Boxing Day' },
      { date: '2022-12-27', title: 'Christmas Day', notes: 'Substitute day' },
    ]);
  });

  it('reads quoted titles with commas, a byte order mark and blank lines', () => {
    const sut = parseBankHolidayFile(
      `\uFEFF${header}\n\n2023-05-08,"Coronation, King Charles III",\n`,
    );
    expect(sut).toEqual([{ date: '2023-05-08', title: 'Coronation, King Charles III' }]);
  });

  it('refuses the whole file, naming every bad line', () => {
    const sut = problemsOf(
      `${header}\n2023-02-29,Not a day,\n2023-01-02,New Year’s Day,\n2023-01-02,Again,\n2023-04-07,,\n`,
    );
    expect(sut).toBe(
      'The bank holiday file has problems: line 2: date "2023-02-29" is not a date (YYYY-MM-DD); ' +
        'line 4: 2023-01-02 is listed twice; line 5: the title is empty.',
    );
  });

  it('refuses a file without rows', () => {
    expect(problemsOf(`${header}\n`)).toBe('The bank holiday file has no rows.');
  });

  it('refuses a file without its columns', () => {
    expect(problemsOf('date,name\n2023-01-02,New Year’s Day\n')).toBe(
      'The bank holiday file lacks the column(s) title, notes.',
    );
  });

  it('refuses what is not CSV', () => {
    expect(problemsOf(`${header}\n2023-01-02,"unclosed,\n`)).toMatch(
      /^The bank holiday file is not readable CSV/,
    );
  });
});
