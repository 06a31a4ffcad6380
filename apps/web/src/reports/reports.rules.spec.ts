import { apiFileUrl, fileSize, parseReportRequest, reportProgress } from './reports.rules';

describe('parseReportRequest', () => {
  it('takes a kind, a year and a format', () => {
    expect(
      parseReportRequest({ kind: 'MONTHLY_MI', financialYear: '2022-23', format: 'ODS' }),
    ).toEqual({
      values: { kind: 'MONTHLY_MI', financialYear: '2022-23', format: 'ODS' },
      problems: [],
    });
  });

  it('names what is missing or made up', () => {
    expect(parseReportRequest({ kind: 'EVERYTHING', format: 'PDF' }).problems).toEqual([
      { field: 'kind', message: 'Select the report you want' },
      { field: 'financialYear', message: 'Select a financial year' },
      { field: 'format', message: 'Select a file format' },
    ]);
  });
});

describe('apiFileUrl', () => {
  const link = '/reports/3f0c/download?expires=1700000000&signature=abc';

  it('puts the api’s relative link on the api’s address', () => {
    expect(apiFileUrl('http://api.internal:3000', link)).toBe(
      'http://api.internal:3000/reports/3f0c/download?expires=1700000000&signature=abc',
    );
  });

  it('keeps an absolute link to the api itself', () => {
    expect(apiFileUrl('http://api.internal:3000', `http://api.internal:3000${link}`)).toBe(
      `http://api.internal:3000${link}`,
    );
  });

  it('refuses a link to anywhere else, or none', () => {
    expect(apiFileUrl('http://api.internal:3000', `https://elsewhere.example${link}`)).toBeNull();
    expect(
      apiFileUrl('http://api.internal:3000', '//elsewhere.example/reports/1/download'),
    ).toBeNull();
    expect(apiFileUrl('http://api.internal:3000', '/graphql')).toBeNull();
    expect(apiFileUrl('http://api.internal:3000', null)).toBeNull();
  });
});

describe('reportProgress', () => {
  it('says how far a report has got, and whether to refresh', () => {
    expect(reportProgress({ status: 'QUEUED', progress: 0 })).toEqual({
      finished: false,
      text: 'Waiting to be built',
    });
    expect(reportProgress({ status: 'RUNNING', progress: 40 })).toEqual({
      finished: false,
      text: 'Being built: 40% done',
    });
    expect(reportProgress({ status: 'DONE', progress: 100 }).finished).toBe(true);
    expect(reportProgress({ status: 'FAILED', progress: 10 }).finished).toBe(true);
  });
});

describe('fileSize', () => {
  it('writes sizes people read', () => {
    expect(fileSize(512)).toBe('512 bytes');
    expect(fileSize(12_800)).toBe('13 KB');
    expect(fileSize(3_250_000)).toBe('3.1 MB');
    expect(fileSize(null)).toBe('');
  });
});
