import {
  contractLotProblem,
  contractReferenceProblems,
  contractTermsProblems,
  rateServiceLine,
  type ContractTerms,
} from './contract.rules';
import type { ServiceLine } from './service-line';

const programme = { startsOn: '2021-05-31', endsOn: '2024-03-31' };
const universal: ServiceLine[] = ['POLITICAL_LEADERSHIP', 'CORPORATE_LEADERSHIP'];
const terms: ContractTerms = {
  valuePence: 250_000_00,
  startsOn: '2021-06-01',
  endsOn: '2024-03-31',
  rates: [
    { serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_SESSION', amountPence: 1_250_00 },
    { serviceLine: 'CORPORATE_LEADERSHIP', unit: 'PER_PARTICIPANT', amountPence: 95_00 },
  ],
};

describe('contractTermsProblems', () => {
  it('accepts terms within the programme, with a rate for each named line of the lot', () => {
    expect(contractTermsProblems(terms, universal, programme)).toEqual([]);
  });

  it('accepts the programme’s own first and last days, a zero value and no rates', () => {
    expect(
      contractTermsProblems(
        { valuePence: 0, startsOn: '2021-05-31', endsOn: '2021-05-31', rates: [] },
        universal,
        programme,
      ),
    ).toEqual([]);
  });

  it('refuses a negative value, and dates in the wrong order', () => {
    expect(
      contractTermsProblems(
        { ...terms, valuePence: -1, startsOn: '2022-01-02', endsOn: '2022-01-01' },
        universal,
        programme,
      ),
    ).toEqual([
      { field: 'value', message: 'must not be negative' },
      { field: 'endsOn', message: 'must not be before startsOn' },
    ]);
  });

  it('names the date that falls outside the programme', () => {
    const within = 'the contract must fall within the programme (2021-05-31 to 2024-03-31)';
    expect(
      contractTermsProblems({ ...terms, startsOn: '2021-05-30' }, universal, programme),
    ).toEqual([{ field: 'startsOn', message: within }]);
    expect(contractTermsProblems({ ...terms, endsOn: '2024-04-01' }, universal, programme)).toEqual(
      [{ field: 'endsOn', message: within }],
    );
  });

  it('lets a rate leave out the service line of a lot of one line', () => {
    expect(
      contractTermsProblems(
        { ...terms, rates: [{ unit: 'PER_DIAGNOSTIC', amountPence: 18_000_00 }] },
        ['CORPORATE_PARENTING_DIAGNOSTIC'],
        programme,
      ),
    ).toEqual([]);
  });

  it('needs the service line where the lot holds several', () => {
    expect(
      contractTermsProblems(
        { ...terms, rates: [{ serviceLine: null, unit: 'FIXED', amountPence: 100 }] },
        universal,
        programme,
      ),
    ).toEqual([
      {
        field: 'rates[0].serviceLine',
        message: 'is needed: the lot holds POLITICAL_LEADERSHIP, CORPORATE_LEADERSHIP',
      },
    ]);
  });

  it('refuses a line outside the lot, a line rated twice, and a negative amount', () => {
    expect(
      contractTermsProblems(
        {
          ...terms,
          rates: [
            { serviceLine: 'COACHING_MENTORING', unit: 'PER_HOUR', amountPence: 100 },
            { serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_SESSION', amountPence: 100 },
            { serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_HOUR', amountPence: -5 },
          ],
        },
        universal,
        programme,
      ),
    ).toEqual([
      {
        field: 'rates[0].serviceLine',
        message:
          'COACHING_MENTORING is not in this lot (it holds POLITICAL_LEADERSHIP, CORPORATE_LEADERSHIP)',
      },
      { field: 'rates[2].serviceLine', message: 'POLITICAL_LEADERSHIP has a rate already' },
      { field: 'rates[2].amount', message: 'must not be negative' },
    ]);
  });
});

describe('rateServiceLine', () => {
  it('is the line named, or the lot’s only one, or null', () => {
    expect(rateServiceLine({ serviceLine: 'CORPORATE_LEADERSHIP' }, universal)).toBe(
      'CORPORATE_LEADERSHIP',
    );
    expect(rateServiceLine({}, ['COACHING_MENTORING'])).toBe('COACHING_MENTORING');
    expect(rateServiceLine({ serviceLine: null }, universal)).toBeNull();
  });
});

describe('contractReferenceProblems', () => {
  it('accepts 1 to 50 characters, spaces aside', () => {
    expect(contractReferenceProblems(' A1 ')).toEqual([]);
    expect(contractReferenceProblems('x'.repeat(50))).toEqual([]);
  });

  it.each(['', '   ', 'x'.repeat(51)])('refuses %j', (reference) => {
    expect(contractReferenceProblems(reference)).toEqual([
      { field: 'reference', message: 'must be 1 to 50 characters' },
    ]);
  });
});

describe('contractLotProblem', () => {
  const lot = { number: 1, validFrom: '2021-05-31', validTo: '2022-03-31' };

  it('is null for a lot in force on the day the contract starts', () => {
    expect(contractLotProblem(lot, '2021-05-31')).toBeNull();
    expect(contractLotProblem(lot, '2022-03-31')).toBeNull();
    expect(contractLotProblem({ ...lot, validTo: null }, '2030-01-01')).toBeNull();
  });

  it('names the lot and its period otherwise', () => {
    expect(contractLotProblem(lot, '2022-04-01')).toEqual({
      field: 'lotId',
      message: 'lot 1 is not in force on 2022-04-01 (it runs from 2021-05-31 to 2022-03-31)',
    });
    expect(
      contractLotProblem({ ...lot, validFrom: '2022-04-01', validTo: null }, '2022-03-31'),
    ).toEqual({
      field: 'lotId',
      message: 'lot 1 is not in force on 2022-03-31 (it runs from 2022-04-01 to no end)',
    });
  });
});
