import { assertStorageKey, storageKeyProblem } from './storage-key.rules';

describe('storageKeyProblem', () => {
  it.each([
    'report.ods',
    'inspection-imports/0b6f4c1e-3f5d-4c1a-9a8e-1f2d3c4b5a69',
    'reports/2024-25/MONTHLY_MI.v2.xlsx',
    'a',
  ])('accepts %p', (key) => {
    expect(storageKeyProblem(key)).toBeNull();
  });

  it.each([
    ['..', 'a parent directory'],
    ['../etc/passwd', 'a climb out of the root'],
    ['reports/../../secret', 'a climb in the middle'],
    ['reports/..', 'a trailing parent'],
    ['./report.ods', 'a current directory'],
    ['/etc/passwd', 'an absolute path'],
    ['C:/Windows/win.ini', 'a drive letter'],
    ['reports\\..\\secret', 'backslashes'],
    ['.hidden', 'a hidden file'],
    ['reports/.tmp/x', 'the temporary directory'],
    ['reports//x', 'an empty part'],
    ['reports/', 'a trailing slash'],
    ['report ods', 'a space'],
    ['rapport-été.ods', 'a letter outside ASCII'],
    ['report.ods\0.txt', 'a NUL'],
    ['x'.repeat(256), 'a key too long'],
    ['', 'nothing'],
  ])('refuses %p (%s)', (key) => {
    expect(storageKeyProblem(key)).not.toBeNull();
  });
});

describe('assertStorageKey', () => {
  it('names the key it refuses', () => {
    expect(() => assertStorageKey('../x')).toThrow(
      'Storage key "../x" must be parts joined by "/"',
    );
  });
});
