import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
  startOidcIssuer,
  type LocalOidcIssuer,
} from '@la-tracker/platform/testing';
import { PRODUCTION_ENV, startApi, type RunningApi } from '../support/api';
import { startWeb, type RunningWeb } from '../support/web';

/** The session cookie a response sets, as a Cookie header would send it back. */
const sessionCookieOf = (response: Response) =>
  /la_tracker_session=[^;]*/.exec(response.headers.get('set-cookie') ?? '')?.[0];

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** The web app over plain HTTP: sign-in, its cookie, CSRF and headers (no browser needed). */
describe('the web app over HTTP', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let web: RunningWeb;

  const get = (path: string, cookie?: string) =>
    fetch(`${web.base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    fetch(`${web.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
  const signIn = async (user = 'ADMIN') => {
    const response = await post('/sign-in', { user, returnTo: '/programmes' });
    expect(response.status).toBe(303);
    const cookie = sessionCookieOf(response);
    expect(cookie).toBeDefined();
    return cookie!;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    web = await startWeb(api, database.url);
  });

  afterAll(async () => {
    await web?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('sends someone not signed in to sign in, remembering where they were going', async () => {
    const response = await get('/programmes?x=1');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?returnTo=%2Fprogrammes%3Fx%3D1');
  });

  it('seals the session in an HttpOnly, SameSite cookie that does not show the token', async () => {
    const response = await post('/sign-in', { user: 'ADMIN', returnTo: '/' });
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).not.toMatch(/Secure/i); // plain http outside production
    const value = sessionCookieOf(response)!.split('=')[1];
    expect(value.split('.')).toHaveLength(5); // an encrypted JWT, not a signed one
    expect((await get('/programmes', sessionCookieOf(response))).status).toBe(200);
  });

  it('treats a cookie altered by hand as no sign-in', async () => {
    const cookie = await signIn();
    const altered = cookie.slice(0, -4) + (cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const response = await get('/programmes', altered);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/sign-in/);
  });

  it('never sends people to another site after sign-in', async () => {
    for (const returnTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const response = await post('/sign-in', { user: 'ADMIN', returnTo });
      expect(response.headers.get('location')).toBe('/');
    }
  });

  it('refuses a form without the session’s CSRF token, and signs out only with it', async () => {
    const cookie = await signIn();
    const page = await (await get('/programmes', cookie)).text();
    const csrf = csrfOf(page);
    expect(csrf).toBeDefined();

    const forged = await post('/sign-out', { _csrf: 'not-the-token' }, cookie);
    expect(forged.headers.get('set-cookie')).toBeNull();
    expect((await get('/programmes', cookie)).status).toBe(200);

    const signedOut = await post('/sign-out', { _csrf: csrf! }, cookie);
    expect(signedOut.headers.get('set-cookie')).toMatch(/la_tracker_session=;/);
  });

  it('answers a form too large to read with a GOV.UK page, not a stack trace', async () => {
    const cookie = await signIn();
    const response = await post('/sign-out', { _csrf: 'x'.repeat(200_000) }, cookie);
    expect(response.status).toBe(413);
    const page = await response.text();
    expect(page).toContain('That was too large');
    expect(page).not.toMatch(/at .*\(.*\.js:\d+/);
  });

  it('answers an unknown page with a GOV.UK “page not found”', async () => {
    const response = await get('/no-such-page', await signIn());
    expect(response.status).toBe(404);
    await expect(response.text()).resolves.toContain('Page not found');
  });

  it('sends a strict Content-Security-Policy with a fresh nonce for the template’s one inline script', async () => {
    const [one, two] = await Promise.all([get('/sign-in'), get('/sign-in')]);
    const policy = one.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self'");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(two.headers.get('content-security-policy')).not.toContain(nonce);
    await expect(one.text()).resolves.toContain(`<script nonce="${nonce}">`);
  });
});

describe('the web app in production: sign-in with DfE Sign-in', () => {
  let database: TestDatabase;
  let issuer: LocalOidcIssuer;
  let api: RunningApi;
  let web: RunningWeb;
  const CLIENT_ID = 'la-delivery-tracker';

  const productionWeb = (overrides: Record<string, string> = {}) =>
    startWeb(api, '', (base) => ({
      ...PRODUCTION_ENV,
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: CLIENT_ID,
      OIDC_CLIENT_SECRET: issuer.clientSecret,
      WEB_PUBLIC_URL: base,
      DATABASE_URL: '',
      ...overrides,
    }));
  const cookieOf = (response: Response, name: string) =>
    new RegExp(`${name}=[^;]*`).exec(response.headers.get('set-cookie') ?? '')?.[0];
  const get = (url: string, cookie?: string) =>
    fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });

  /** Start → the issuer → back: the callback's response, with the attempt cookie sent or not. */
  const signInThroughIssuer = async (sendAttempt = true, returnTo = '/programmes') => {
    const start = await get(`${web.base}/sign-in/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(303);
    const attempt = cookieOf(start, 'la_tracker_sign_in');
    expect(attempt).toBeDefined();
    const atIssuer = await get(start.headers.get('location')!);
    expect(atIssuer.status).toBe(302);
    const callback = atIssuer.headers.get('location')!;
    expect(callback.startsWith(`${web.base}/sign-in/callback?`)).toBe(true);
    return get(callback, sendAttempt ? attempt : undefined);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    issuer = await startOidcIssuer();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { ...PRODUCTION_ENV, OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: CLIENT_ID },
    );
    web = await productionWeb();
  });

  afterAll(async () => {
    await web?.stop();
    await api?.stop();
    await issuer?.close();
    await database?.drop();
  });

  it('offers DfE Sign-in, not development users, and signs no one in through them', async () => {
    const page = await (await fetch(`${web.base}/sign-in?returnTo=%2Fprogrammes`)).text();
    expect(page).not.toContain('name="user"');
    expect(page).toContain('Sign in with DfE Sign-in');
    expect(page).toContain('href="/sign-in/start?returnTo=%2Fprogrammes"');
    const response = await fetch(`${web.base}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=ADMIN&returnTo=%2F',
    });
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('signs a person in with the code flow; the api accepts their id token', async () => {
    issuer.signInAs({
      subject: 'dfe-sign-in-person-1',
      email: 'sam.jones@education.gov.uk',
      givenName: 'Sam',
      familyName: 'Jones',
    });
    const back = await signInThroughIssuer();
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/programmes');
    const session = cookieOf(back, 'la_tracker_session');
    expect(back.headers.get('set-cookie')).toMatch(/Secure/);
    // New to the service, so no role yet: the api knew them (the guard's `me` worked).
    const home = await get(`${web.base}/`, session);
    expect(home.headers.get('location')).toBe('/no-role');
    const noRole = await (await get(`${web.base}/no-role`, session)).text();
    expect(noRole).toContain('You have no role yet');
    expect(noRole).toContain('Signed in as Sam Jones');
  });

  it('takes people back only to a page of its own', async () => {
    const back = await signInThroughIssuer(true, '//evil.example/');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/');
  });

  it('refuses an answer used a second time', async () => {
    const start = await get(`${web.base}/sign-in/start`);
    const attempt = cookieOf(start, 'la_tracker_sign_in');
    const callback = (await get(start.headers.get('location')!)).headers.get('location')!;
    expect((await get(callback, attempt)).status).toBe(303);
    const again = await get(callback, attempt);
    expect(again.status).toBe(400);
    expect(cookieOf(again, 'la_tracker_session')).toBeUndefined();
  });

  it('says so when DfE Sign-in cannot be reached', async () => {
    const unreachable = await startWeb(api, '', (base) => ({
      ...PRODUCTION_ENV,
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_AUDIENCE: CLIENT_ID,
      OIDC_CLIENT_SECRET: issuer.clientSecret,
      WEB_PUBLIC_URL: base,
      DATABASE_URL: '',
    }));
    try {
      const response = await get(`${unreachable.base}/sign-in/start`);
      expect(response.status).toBe(503);
      await expect(response.text()).resolves.toContain('Sorry, sign-in is unavailable');
    } finally {
      await unreachable.stop();
    }
  });

  it('refuses an answer this browser did not ask for: no sign-in', async () => {
    const back = await signInThroughIssuer(false);
    expect(back.status).toBe(400);
    expect(cookieOf(back, 'la_tracker_session')).toBeUndefined();
    await expect(back.text()).resolves.toContain('You could not be signed in');
  });

  it('refuses an answer whose state was changed on the way', async () => {
    const start = await get(`${web.base}/sign-in/start`);
    const attempt = cookieOf(start, 'la_tracker_sign_in');
    const callback = new URL((await get(start.headers.get('location')!)).headers.get('location')!);
    callback.searchParams.set('state', 'another-state');
    const back = await get(callback.href, attempt);
    expect(back.status).toBe(400);
    expect(cookieOf(back, 'la_tracker_session')).toBeUndefined();
  });

  it('refuses to start without WEB_SESSION_SECRET, or without its DfE Sign-in client', async () => {
    await expect(productionWeb({ WEB_SESSION_SECRET: '' })).rejects.toThrow(
      /WEB_SESSION_SECRET is required in production/,
    );
    await expect(productionWeb({ OIDC_CLIENT_SECRET: '', WEB_PUBLIC_URL: '' })).rejects.toThrow(
      /OIDC_CLIENT_SECRET and WEB_PUBLIC_URL are required in production/,
    );
  });
});
