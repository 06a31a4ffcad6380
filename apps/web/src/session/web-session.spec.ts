import { csrfTokenMatches, sessionExpiry, SESSION_MAX_SECONDS, SessionSealer } from './web-session';

describe('SessionSealer', () => {
  const sut = new SessionSealer('s'.repeat(32));
  const inAnHour = Math.floor(Date.now() / 1000) + 3600;

  describe('seal and open', () => {
    it('opens what it sealed, with a fresh CSRF token', async () => {
      const cookie = await sut.seal({ token: 'abc.def.ghi', name: 'Ann', expiresAt: inAnHour });
      const session = await sut.open(cookie);
      expect(session).toMatchObject({ token: 'abc.def.ghi', name: 'Ann', expiresAt: inAnHour });
      expect(session?.csrfToken).toMatch(/^[\w-]{32}$/);
    });

    it('does not show the token in the cookie', async () => {
      const cookie = await sut.seal({ token: 'secret-token', name: 'Ann', expiresAt: inAnHour });
      expect(Buffer.from(cookie.replace(/\./g, ''), 'base64url').toString()).not.toContain(
        'secret-token',
      );
    });

    it('refuses a cookie altered by hand', async () => {
      const cookie = await sut.seal({ token: 't', name: 'Ann', expiresAt: inAnHour });
      const parts = cookie.split('.');
      parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith('AA') ? 'BA' : 'AA');
      await expect(sut.open(parts.join('.'))).resolves.toBeUndefined();
    });

    it('refuses a cookie sealed with another secret', async () => {
      const other = new SessionSealer('o'.repeat(32));
      const cookie = await other.seal({ token: 't', name: 'Ann', expiresAt: inAnHour });
      await expect(sut.open(cookie)).resolves.toBeUndefined();
    });

    it('refuses an expired cookie', async () => {
      const past = Math.floor(Date.now() / 1000) - 120;
      const cookie = await sut.seal({ token: 't', name: 'Ann', expiresAt: past });
      await expect(sut.open(cookie)).resolves.toBeUndefined();
    });

    it('treats no cookie and rubbish alike', async () => {
      await expect(sut.open(undefined)).resolves.toBeUndefined();
      await expect(sut.open('not-a-cookie')).resolves.toBeUndefined();
    });
  });
});

describe('csrfTokenMatches', () => {
  const session = { token: 't', name: 'Ann', csrfToken: 'abcdef', expiresAt: 0 };
  it('accepts the same token only', () => {
    expect(csrfTokenMatches(session, 'abcdef')).toBe(true);
    expect(csrfTokenMatches(session, 'abcdeg')).toBe(false);
    expect(csrfTokenMatches(session, 'abc')).toBe(false);
    expect(csrfTokenMatches(session, undefined)).toBe(false);
    expect(csrfTokenMatches(session, ['abcdef'])).toBe(false);
  });
});

describe('sessionExpiry', () => {
  const now = Date.UTC(2026, 10, 26, 9, 0, 0);
  const nowSeconds = now / 1000;
  it('ends with the token when the token ends first', () => {
    expect(sessionExpiry(now, nowSeconds + 600)).toBe(nowSeconds + 600);
  });
  it('ends after a working day when the token lasts longer', () => {
    expect(sessionExpiry(now, nowSeconds + 30 * 86400)).toBe(nowSeconds + SESSION_MAX_SECONDS);
    expect(sessionExpiry(now, undefined)).toBe(nowSeconds + 8 * 3600);
  });
});

describe('SessionSealer values', () => {
  const sut = new SessionSealer('s'.repeat(32));
  const inTenMinutes = Math.floor(Date.now() / 1000) + 600;

  it('opens a value it sealed, and nothing else', async () => {
    const sealed = await sut.sealValue({ state: 'abc', returnTo: '/x' }, inTenMinutes);
    await expect(sut.openValue(sealed)).resolves.toEqual({ state: 'abc', returnTo: '/x' });
    await expect(sut.openValue(sealed.slice(0, -3) + 'AAA')).resolves.toBeUndefined();
    await expect(sut.openValue(undefined)).resolves.toBeUndefined();
  });

  it('refuses an expired value', async () => {
    const sealed = await sut.sealValue({ state: 'abc' }, Math.floor(Date.now() / 1000) - 120);
    await expect(sut.openValue(sealed)).resolves.toBeUndefined();
  });

  it('does not take a session cookie for a value, or a value for a session', async () => {
    const session = await sut.seal({ token: 't', name: 'Ann', expiresAt: inTenMinutes });
    await expect(sut.openValue(session)).resolves.toBeUndefined();
    const value = await sut.sealValue({ token: 't', name: 'Ann', csrf: 'c' }, inTenMinutes);
    await expect(sut.open(value)).resolves.toBeUndefined();
  });
});
