import { BadUserInputError } from '@la-tracker/platform/errors';
import { parseLocalAuthorityFile } from './local-authority-file.parser';

const header =
  'gss_code,dfe_code,name,region_code,region_name,type,valid_from,valid_to,earlier_gss_codes,replaced_by';

function problemsOf(text: string): string {
  try {
    parseLocalAuthorityFile(text);
  } catch (error) {
    if (error instanceof BadUserInputError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('parseLocalAuthorityFile', () => {
  it('reads a row with its lists of codes', () => {
    const sut = parseLocalAuthorityFile(
      `${header}\nE10000006,909,Cumbria,E12000002,North West,county,,2023-03-31,,E06000063;E06000064\n`,
    );
    expect(sut).toEqual([
      {
        line: 2,
        gssCode: 'E10000006',
        dfeCode: '909',
        name: 'Cumbria',
        regionCode: 'E12000002',
        type: 'county',
        validFrom: null,
        validTo: '2023-03-31',
        earlierGssCodes: [],
        replacedBy: ['E06000063', 'E06000064'],
      },
    ]);
  });

  it('reads quoted names with commas', () => {
    const [sut] = parseLocalAuthorityFile(
      `${header}\nE06000023,801,"Bristol, City of",E12000009,South West,unitary,,,,\n`,
    );
    expect(sut.name).toBe('Bristol, City of');
  });

  it('refuses a file without the expected columns', () => {
    expect(problemsOf('code,name\nE1,Leeds\n')).toMatch(/lacks the column\(s\) gss_code, dfe_code/);
  });

  it('refuses an empty file', () => {
    expect(problemsOf(`${header}\n`)).toMatch(/no rows/);
  });

  it('lists every bad row by line', () => {
    const message = problemsOf(
      `${header}\nE1,9,Leeds,E12000003,,unitary,,,,\nE08000035,383,Leeds,E12000003,,unitary,2020-02-30,,,\nE08000036,384,X,E12000003,,unitary,,,,E08000037\n`,
    );
    expect(message).toContain('line 2: gss_code "E1" is not an ONS code');
    expect(message).toContain('line 2: dfe_code "9" is not a 3-digit DfE code');
    expect(message).toContain('line 3: valid_from "2020-02-30" is not a date');
    expect(message).toContain('line 4: replaced_by is given but valid_to is not');
  });

  it('refuses the same code twice', () => {
    expect(
      problemsOf(
        `${header}\nE08000035,383,Leeds,E12000003,,unitary,,,,\nE08000035,384,Leeds 2,E12000003,,unitary,,,,\n`,
      ),
    ).toContain('line 3: gss_code E08000035 is also on line 2');
  });
});
