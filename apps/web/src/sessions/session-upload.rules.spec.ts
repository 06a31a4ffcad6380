import { problemRows, uploadFileName, uploadProblem } from './session-upload.rules';

const file = (originalname: string, size: number) => ({
  originalname,
  size,
  buffer: Buffer.alloc(size),
});

describe('uploadProblem', () => {
  it('takes a CSV or XLSX file of up to 64 KB', () => {
    expect(uploadProblem(file('june.csv', 100))).toBeNull();
    expect(uploadProblem(file('June.XLSX', 64 * 1024))).toBeNull();
  });

  it('says what is wrong with any other', () => {
    expect(uploadProblem(undefined)).toBe('Select a spreadsheet of sessions');
    expect(uploadProblem(file('', 0))).toBe('Select a spreadsheet of sessions');
    expect(uploadProblem(file('june.pdf', 100))).toBe(
      'The selected file must be a CSV or XLSX spreadsheet',
    );
    expect(uploadProblem(file('june.csv', 0))).toBe('The selected file is empty');
    expect(uploadProblem(file('june.csv', 64 * 1024 + 1))).toBe(
      'The selected file must be smaller than 64 KB',
    );
  });
});

describe('uploadFileName', () => {
  it('keeps the name without folders or unprintable characters', () => {
    expect(uploadFileName('C:\\Users\\me\\june.csv')).toBe('june.csv');
    expect(uploadFileName('reports/june\u0000.csv')).toBe('june.csv');
    expect(uploadFileName('\u0001')).toBe('sessions.xlsx');
  });
});

describe('problemRows', () => {
  it('lists problems by row, the file’s own first', () => {
    expect(
      problemRows([
        { row: 6, column: 'delivered_on', message: 'must not be in the future' },
        { row: null, column: null, message: 'is not a sessions template' },
        { row: 2, column: 'duration_minutes', message: 'must be a whole number' },
      ]),
    ).toEqual([
      { row: 'Whole file', field: '', problem: 'is not a sessions template' },
      { row: '2', field: 'duration_minutes', problem: 'must be a whole number' },
      { row: '6', field: 'delivered_on', problem: 'must not be in the future' },
    ]);
  });
});
