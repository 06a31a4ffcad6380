import {
  API_TOKEN_MAX_LIFETIME_MONTHS,
  apiTokenExpiresAt,
  apiTokenSecretFrom,
  apiTokenState,
  isApiTokenBearer,
  isWellFormedApiTokenSecret,
  latestApiTokenExpiry,
  listPrefixOf,
  liveApiTokenLimitProblem,
  newApiTokenProblems,
  secretHashOf,
  shouldRecordApiTokenUse,
} from './api-token.rules';

// 32 bytes 0x00..0x1f, whose base64url is known from any base64 table.
const BYTES = Uint8Array.from({ length: 32 }, (_, i) => i);
const SECRET = 'lat_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';

describe('apiTokenSecretFrom', () => {
  it('is the prefix and the bytes in base64url', () => {
    expect(apiTokenSecretFrom(BYTES)).toBe(SECRET);
  });

  it('refuses fewer or more than 32 bytes', () => {
    expect(() => apiTokenSecretFrom(new Uint8Array(16))).toThrow(RangeError);
    expect(() => apiTokenSecretFrom(new Uint8Array(33))).toThrow(RangeError);
  });
});

describe('isApiTokenBearer', () => {
  it('tells an API token from a JWT by its prefix', () => {
    expect(isApiTokenBearer(SECRET)).toBe(true);
    expect(isApiTokenBearer('lat_short')).toBe(true);
    expect(isApiTokenBearer('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
  });
});

describe('isWellFormedApiTokenSecret', () => {
  it('accepts a secret this service makes', () => {
    expect(isWellFormedApiTokenSecret(SECRET)).toBe(true);
  });

  it.each([
    ['too short', SECRET.slice(0, -1)],
    ['too long', `${SECRET}A`],
    ['not base64url', `${SECRET.slice(0, -1)}+`],
    ['another prefix', `lax_${SECRET.slice(4)}`],
  ])('refuses one %s', (_why, value) => {
    expect(isWellFormedApiTokenSecret(value)).toBe(false);
  });
});

describe('secretHashOf', () => {
  it('is the SHA-256 of the secret in hex', () => {
    // Known answer: SHA-256("abc") from FIPS 180-2.
    expect(secretHashOf('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('listPrefixOf', () => {
  it('shows the prefix and 8 characters of the secret', () => {
    expect(listPrefixOf(SECRET)).toBe('lat_AAECAwQF');
  });
});

describe('latestApiTokenExpiry', () => {
  it('is a year ahead, or the last day of February after a 29th', () => {
    expect(API_TOKEN_MAX_LIFETIME_MONTHS).toBe(12);
    expect(latestApiTokenExpiry('2024-06-01')).toBe('2025-06-01');
    expect(latestApiTokenExpiry('2024-02-29')).toBe('2025-02-28');
  });
});

describe('newApiTokenProblems', () => {
  const today = '2024-06-01';
  const valid = { name: '  Regional dashboard ', expiresOn: '2024-12-31' };

  it('trims the name and finds nothing wrong with a good request', () => {
    expect(newApiTokenProblems(valid, today, ['Laptop'])).toEqual({
      name: 'Regional dashboard',
      problems: [],
    });
  });

  it.each(['', '   ', 'x'.repeat(101)])('refuses the name %j', (name) => {
    expect(newApiTokenProblems({ ...valid, name }, today, []).problems).toEqual([
      { field: 'name', message: 'must be 1 to 100 characters' },
    ]);
  });

  it('takes a name of 100 characters', () => {
    expect(newApiTokenProblems({ ...valid, name: 'x'.repeat(100) }, today, []).problems).toEqual(
      [],
    );
  });

  it('refuses a name one of the live tokens has, in any case', () => {
    expect(newApiTokenProblems(valid, today, ['regional DASHBOARD']).problems).toEqual([
      {
        field: 'name',
        message:
          'you already have a live token named "Regional dashboard": revoke it or choose another name',
      },
    ]);
  });

  it('takes an expiry from today to a year ahead', () => {
    for (const expiresOn of ['2024-06-01', '2025-06-01'])
      expect(newApiTokenProblems({ ...valid, expiresOn }, today, []).problems).toEqual([]);
  });

  it('refuses an expiry in the past or more than a year ahead', () => {
    expect(newApiTokenProblems({ ...valid, expiresOn: '2024-05-31' }, today, []).problems).toEqual([
      { field: 'expiresOn', message: 'must not be in the past (today is 2024-06-01)' },
    ]);
    expect(newApiTokenProblems({ ...valid, expiresOn: '2025-06-02' }, today, []).problems).toEqual([
      { field: 'expiresOn', message: 'must be at most a year ahead (2025-06-01 at the latest)' },
    ]);
  });

  it('refuses what is not a date, and reports every problem at once', () => {
    expect(newApiTokenProblems({ name: '', expiresOn: '2024-02-30' }, today, []).problems).toEqual([
      { field: 'name', message: 'must be 1 to 100 characters' },
      { field: 'expiresOn', message: 'must be a date, YYYY-MM-DD' },
    ]);
  });
});

describe('apiTokenState', () => {
  const token = { revokedAt: null, expiresOn: '2024-07-14' };

  it('is live through the last day in England', () => {
    // 22:59 UTC on 14 July is 23:59 in England.
    expect(apiTokenState(token, new Date('2024-07-14T22:59:59Z'))).toBe('LIVE');
  });

  it('is expired once that day ends in England, though not yet in UTC', () => {
    expect(apiTokenState(token, new Date('2024-07-14T23:00:00Z'))).toBe('EXPIRED');
  });

  it('is revoked once revoked, whatever its expiry', () => {
    const revokedAt = new Date('2024-07-01T09:00:00Z');
    expect(apiTokenState({ ...token, revokedAt }, new Date('2024-07-02T09:00:00Z'))).toBe(
      'REVOKED',
    );
    expect(apiTokenState({ ...token, revokedAt }, new Date('2024-08-01T09:00:00Z'))).toBe(
      'REVOKED',
    );
  });
});

describe('apiTokenExpiresAt', () => {
  it('is midnight in England after the last day', () => {
    expect(apiTokenExpiresAt('2024-07-14').toISOString()).toBe('2024-07-14T23:00:00.000Z');
    expect(apiTokenExpiresAt('2024-12-31').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('shouldRecordApiTokenUse', () => {
  const now = new Date('2024-06-01T12:00:00Z');

  it('records the first use', () => {
    expect(shouldRecordApiTokenUse(null, now)).toBe(true);
  });

  it('records nothing within a minute of the last record, and records after', () => {
    expect(shouldRecordApiTokenUse(new Date('2024-06-01T11:59:00.001Z'), now)).toBe(false);
    expect(shouldRecordApiTokenUse(new Date('2024-06-01T11:59:00Z'), now)).toBe(true);
  });
});

describe('liveApiTokenLimitProblem', () => {
  it('lets a person hold up to 10 live tokens', () => {
    expect(liveApiTokenLimitProblem(0)).toBeNull();
    expect(liveApiTokenLimitProblem(9)).toBeNull();
  });

  it('refuses an 11th, saying what to do', () => {
    expect(liveApiTokenLimitProblem(10)).toBe(
      'You already have 10 live API tokens, the most one person may hold: revoke one you no longer use first.',
    );
  });
});
