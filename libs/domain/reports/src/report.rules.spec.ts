import {
  contentTypeOf,
  fileExtensionOf,
  formatsOf,
  monthlyPackOf,
  progressBetween,
  reportFileName,
  reportRequestProblems,
} from './report.rules';

const programme = { startsOn: '2021-05-31', endsOn: '2025-03-31' };

describe('monthlyPackOf', () => {
  it('on 1 April gives the year just ended its pack with March in it', () => {
    expect(monthlyPackOf('2024-04-01')).toEqual({
      month: '2024-03',
      financialYear: '2023-24',
      startsOn: '2024-03-01',
      endsOn: '2024-03-31',
      scheduleKey: 'MONTHLY_MI/covering/2024-03',
    });
  });

  it('covers the month just ended, across the turn of the calendar year and a leap February', () => {
    expect(monthlyPackOf('2024-01-01')).toMatchObject({
      month: '2023-12',
      financialYear: '2023-24',
      startsOn: '2023-12-01',
      endsOn: '2023-12-31',
    });
    expect(monthlyPackOf('2024-03-01')).toMatchObject({
      month: '2024-02',
      startsOn: '2024-02-01',
      endsOn: '2024-02-29',
    });
    // April is the first month of 2023-24, so its pack, made on 1 May, is that year's.
    expect(monthlyPackOf('2023-05-01')).toMatchObject({
      month: '2023-04',
      financialYear: '2023-24',
      endsOn: '2023-04-30',
    });
  });

  it('asks for the same month on a late run in the month, a retry or a worker that was down', () => {
    expect(monthlyPackOf('2024-04-02')).toEqual(monthlyPackOf('2024-04-01'));
    expect(monthlyPackOf('2023-11-30')).toMatchObject({
      month: '2023-10',
      scheduleKey: 'MONTHLY_MI/covering/2023-10',
    });
  });
});

describe('formatsOf', () => {
  it('makes the pack in any format and extracts only as CSV or XLSX', () => {
    expect(formatsOf('MONTHLY_MI')).toEqual(['ODS', 'XLSX', 'CSV']);
    expect(formatsOf('SESSIONS_EXTRACT')).toEqual(['CSV', 'XLSX']);
    expect(formatsOf('ENGAGEMENTS_EXTRACT')).toEqual(['CSV', 'XLSX']);
  });
});

describe('reportRequestProblems', () => {
  it('accepts a year the programme runs in, in a format the kind is made in', () => {
    expect(
      reportRequestProblems(
        { kind: 'MONTHLY_MI', format: 'ODS', financialYear: '2022-23' },
        programme,
      ),
    ).toEqual([]);
    // The programme starts in May 2021, within 2021-22.
    expect(
      reportRequestProblems(
        { kind: 'SESSIONS_EXTRACT', format: 'CSV', financialYear: '2021-22' },
        programme,
      ),
    ).toEqual([]);
  });

  it('refuses a year that is not one, or that the programme does not run in', () => {
    expect(
      reportRequestProblems(
        { kind: 'MONTHLY_MI', format: 'ODS', financialYear: '2022' },
        programme,
      ),
    ).toEqual([{ field: 'financialYear', message: 'must be a financial year such as 2022-23' }]);
    expect(
      reportRequestProblems(
        { kind: 'MONTHLY_MI', format: 'ODS', financialYear: '2025-26' },
        programme,
      ),
    ).toEqual([
      {
        field: 'financialYear',
        message: 'the programme runs from 2021-05-31 to 2025-03-31, which does not include 2025-26',
      },
    ]);
  });

  it('refuses an extract as ODS, saying which formats it comes in', () => {
    expect(
      reportRequestProblems(
        { kind: 'ENGAGEMENTS_EXTRACT', format: 'ODS', financialYear: '2022-23' },
        programme,
      ),
    ).toEqual([{ field: 'format', message: 'ENGAGEMENTS_EXTRACT comes as CSV or XLSX' }]);
  });
});

describe('fileExtensionOf and contentTypeOf', () => {
  it('zips a pack in CSV, one file per sheet, and leaves an extract in CSV as one file', () => {
    expect(fileExtensionOf('MONTHLY_MI', 'CSV')).toBe('zip');
    expect(contentTypeOf('MONTHLY_MI', 'CSV')).toBe('application/zip');
    expect(fileExtensionOf('SESSIONS_EXTRACT', 'CSV')).toBe('csv');
    expect(contentTypeOf('SESSIONS_EXTRACT', 'CSV')).toBe('text/csv; charset=utf-8');
  });

  it('names the spreadsheet formats by their own types', () => {
    expect(contentTypeOf('MONTHLY_MI', 'ODS')).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
    expect(contentTypeOf('SESSIONS_EXTRACT', 'XLSX')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
});

describe('reportFileName', () => {
  it('says the programme, the kind, the year and, for the pack, the month it was made', () => {
    expect(
      reportFileName({
        programmeName: 'Children’s Services Improvement: Leadership & Governance',
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'ODS',
        requestedOn: '2026-11-26',
      }),
    ).toBe('children-s-services-improvement-leadership-governance-monthly-mi-2022-23-2026-11.ods');
    expect(
      reportFileName({
        programmeName: 'LA Delivery',
        kind: 'SESSIONS_EXTRACT',
        financialYear: '2022-23',
        format: 'CSV',
        requestedOn: '2026-11-26',
      }),
    ).toBe('la-delivery-sessions-extract-2022-23.csv');
  });

  it('keeps only letters, digits and hyphens, so the name needs no quoting', () => {
    const name = reportFileName({
      programmeName: '"; rm -rf / ; echo "',
      kind: 'MONTHLY_MI',
      financialYear: '2022-23',
      format: 'CSV',
      requestedOn: '2026-01-01',
    });
    expect(name).toBe('rm-rf-echo-monthly-mi-2022-23-2026-01.zip');
    expect(
      reportFileName({
        programmeName: '£££',
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'XLSX',
        requestedOn: '2026-01-01',
      }),
    ).toBe('programme-monthly-mi-2022-23-2026-01.xlsx');
  });
});

describe('progressBetween', () => {
  it('spreads the rows over the range, never past its end', () => {
    expect(progressBetween(5, 95, 0, 1000)).toBe(5);
    expect(progressBetween(5, 95, 500, 1000)).toBe(50);
    expect(progressBetween(5, 95, 1000, 1000)).toBe(95);
    // Rows added while the extract was being written.
    expect(progressBetween(5, 95, 1200, 1000)).toBe(95);
  });

  it('is at the end when there is nothing to count', () => {
    expect(progressBetween(5, 95, 0, 0)).toBe(95);
  });
});
