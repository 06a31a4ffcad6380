import {
  importFileProblems,
  isFinished,
  MAX_IMPORT_FILE_BYTES,
} from './inspection-import-request.rules';

describe('importFileProblems', () => {
  const file = { fileName: 'LA_Inspection_Outcomes_as_at_31_March_2025.ods', size: 180_000 };

  it('lets a plausible file through', () => {
    expect(importFileProblems(file)).toEqual([]);
    expect(importFileProblems({ ...file, size: MAX_IMPORT_FILE_BYTES })).toEqual([]);
  });

  it('refuses an empty file', () => {
    expect(importFileProblems({ ...file, size: 0 })).toEqual([
      { field: 'file', message: 'is empty' },
    ]);
  });

  it('refuses a file over 20 MB', () => {
    expect(importFileProblems({ ...file, size: MAX_IMPORT_FILE_BYTES + 1 })).toEqual([
      { field: 'file', message: 'is larger than 20 MB, so it is not an Ofsted edition' },
    ]);
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    [`${'x'.repeat(252)}.ods`, 'is longer than 255 characters'],
    ['outcomes\n.ods', 'has control characters'],
  ])('refuses the file name %p', (fileName, message) => {
    expect(importFileProblems({ ...file, fileName })).toEqual([{ field: 'fileName', message }]);
  });

  it('names every problem at once', () => {
    expect(importFileProblems({ fileName: '', size: 0 }).map((p) => p.field)).toEqual([
      'fileName',
      'file',
    ]);
  });
});

describe('isFinished', () => {
  it.each([
    ['QUEUED', false],
    ['RUNNING', false],
    ['DONE', true],
    ['FAILED', true],
  ] as const)('%s: %p', (status, finished) => {
    expect(isFinished(status)).toBe(finished);
  });
});
