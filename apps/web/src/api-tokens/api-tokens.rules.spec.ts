import {
  apiTokenFormErrorsOf,
  apiTokenRowOf,
  checkNewTokenForm,
  dateFromParts,
  newTokenFormOf,
  type ApiTokenNode,
} from './api-tokens.rules';

describe('dateFromParts', () => {
  const date = (day: string, month: string, year: string) =>
    dateFromParts({ day, month, year }, 'Expiry date');

  it('combines day, month and year as YYYY-MM-DD', () => {
    expect(date('31', '3', '2027')).toEqual({ date: '2027-03-31' });
    expect(date(' 01 ', '12', '2026')).toEqual({ date: '2026-12-01' });
    expect(date('29', '2', '2028')).toEqual({ date: '2028-02-29' });
  });

  it('asks for a date when none is given', () => {
    expect(date('', ' ', '')).toEqual({
      problem: 'Enter the expiry date',
      parts: ['day', 'month', 'year'],
    });
  });

  it('names the parts left out', () => {
    expect(date('31', '', '2027')).toEqual({
      problem: 'Expiry date must include a month',
      parts: ['month'],
    });
    expect(date('31', '', '')).toEqual({
      problem: 'Expiry date must include a month and year',
      parts: ['month', 'year'],
    });
  });

  it('refuses impossible dates', () => {
    expect(date('31', '2', '2027')).toEqual({
      problem: 'Expiry date must be a real date',
      parts: ['day'],
    });
    expect(date('29', '2', '2027')).toEqual({
      problem: 'Expiry date must be a real date',
      parts: ['day'],
    });
    expect(date('1', '13', '2027')).toEqual({
      problem: 'Expiry date must be a real date',
      parts: ['month'],
    });
    expect(date('0', '1', '2027')).toEqual({
      problem: 'Expiry date must be a real date',
      parts: ['day'],
    });
    expect(date('1', 'March', '2027')).toEqual({
      problem: 'Expiry date must be a real date',
      parts: ['month'],
    });
  });

  it('wants a 4-digit year', () => {
    expect(date('1', '3', '27')).toEqual({
      problem: 'Expiry date must include a 4-digit year',
      parts: ['year'],
    });
  });
});

describe('newTokenFormOf', () => {
  it('reads the form as typed, ignoring anything not text', () => {
    expect(
      newTokenFormOf({
        name: 'Reporting script',
        'expiresOn-day': '31',
        'expiresOn-month': '3',
        'expiresOn-year': ['2027'],
      }),
    ).toEqual({ name: 'Reporting script', expiresOn: { day: '31', month: '3', year: '' } });
  });
});

describe('checkNewTokenForm', () => {
  it("gives the api's input for a good form", () => {
    expect(
      checkNewTokenForm({
        name: '  Reporting script ',
        expiresOn: { day: '31', month: '3', year: '2027' },
      }),
    ).toEqual({ input: { name: 'Reporting script', expiresOn: '2027-03-31' } });
  });

  it('lists each problem, linked to its field, and marks the date parts at fault', () => {
    expect(
      checkNewTokenForm({ name: ' ', expiresOn: { day: '30', month: '2', year: '2027' } }),
    ).toEqual({
      errors: {
        errorList: [
          { text: 'Enter a name for the token', href: '#name' },
          { text: 'Expiry date must be a real date', href: '#expiresOn-day' },
        ],
        byField: {
          name: { text: 'Enter a name for the token' },
          expiresOn: { text: 'Expiry date must be a real date' },
        },
      },
      dateParts: ['day'],
    });
  });

  it('refuses a name longer than the api takes', () => {
    const checked = checkNewTokenForm({
      name: 'x'.repeat(101),
      expiresOn: { day: '31', month: '3', year: '2027' },
    });
    expect(checked).toMatchObject({
      errors: { byField: { name: { text: 'Name must be 100 characters or fewer' } } },
    });
  });
});

describe('apiTokenFormErrorsOf', () => {
  it("puts the api's words after the field's label, or makes a sentence of them", () => {
    expect(
      apiTokenFormErrorsOf(
        [
          { field: 'expiresOn', message: 'must not be in the past (today is 2026-11-26)' },
          { field: 'name', message: 'you already have a live token named "Script"' },
        ],
        'Invalid input.',
      ),
    ).toEqual({
      errorList: [
        {
          text: 'Expiry date must not be in the past (today is 2026-11-26)',
          href: '#expiresOn-day',
        },
        { text: 'You already have a live token named "Script"', href: '#name' },
      ],
      byField: {
        expiresOn: { text: 'Expiry date must not be in the past (today is 2026-11-26)' },
        name: { text: 'You already have a live token named "Script"' },
      },
    });
  });

  it('shows a refusal with no field (too many live tokens) against the name', () => {
    expect(apiTokenFormErrorsOf([], 'You have 10 live tokens: revoke one first')).toEqual({
      errorList: [{ text: 'You have 10 live tokens: revoke one first', href: '#name' }],
      byField: { name: { text: 'You have 10 live tokens: revoke one first' } },
    });
  });
});

describe('apiTokenRowOf', () => {
  const token: ApiTokenNode = {
    id: 't1',
    name: 'Script',
    prefix: 'lat_ab12',
    createdAt: '2026-06-30T23:30:00.000Z',
    expiresOn: '2026-11-26',
    lastUsedAt: null,
    revokedAt: null,
  };

  it('dates times in England (23:30 UTC in summer is the next day there)', () => {
    const row = apiTokenRowOf(token, new Date('2026-11-26T12:00:00Z'));
    expect(row).toEqual({
      id: 't1',
      name: 'Script',
      prefix: 'lat_ab12',
      createdOn: '2026-07-01',
      expiresOn: '2026-11-26',
      lastUsedOn: null,
      status: 'Active',
    });
  });

  it('counts a token active through its last day, expired after', () => {
    expect(apiTokenRowOf(token, new Date('2026-11-26T23:59:00Z')).status).toBe('Active');
    expect(apiTokenRowOf(token, new Date('2026-11-27T00:00:00Z')).status).toBe('Expired');
  });

  it('shows a revoked token as revoked, expired or not', () => {
    expect(
      apiTokenRowOf(
        { ...token, revokedAt: '2026-11-20T10:00:00Z', lastUsedAt: '2026-11-19T09:00:00Z' },
        new Date('2026-11-21T12:00:00Z'),
      ),
    ).toMatchObject({ status: 'Revoked', lastUsedOn: '2026-11-19' });
  });
});
