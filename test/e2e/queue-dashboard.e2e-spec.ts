import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '@la-tracker/platform/auth';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Queue } from 'bullmq';
import { SignJWT } from 'jose';
import { startApi, type RunningApi } from '../support/api';
import { insertSupplier } from '../support/suppliers';
import { TEST_SECRET, tokenFor, tokenForStranger } from '../support/tokens';

/** Bull Board at /admin/queues: admins only, by bearer header or by the cookie signing in sets. */
describe('the queue dashboard', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let base: string;
  const prefix = `la-tracker-test-${randomBytes(6).toString('hex')}`;
  const tokens: Record<string, string> = {};

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers, redirect: 'manual' });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  function signed(secret: string, expiresAt: number): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(DEVELOPMENT_ISSUER)
      .setAudience(DEVELOPMENT_AUDIENCE)
      .setSubject(`someone-${randomUUID()}`)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { QUEUE_PREFIX: prefix },
    );
    base = api.url.replace(/\/graphql$/, '');
    // A job under this api's prefix, far in the future: the board must show it.
    const queue = new Queue('default', { connection: { url: testEnvironment().redisUrl }, prefix });
    await queue.add('dashboard-test', {}, { delay: 3_600_000 });
    await queue.close();
    tokens.ADMIN = await tokenFor(database.url, 'ADMIN');
    tokens.PROGRAMME_MANAGER = await tokenFor(
      database.url,
      'PROGRAMME_MANAGER',
      '--programme',
      DEFAULT_PROGRAMME.id,
    );
    const supplierId = await insertSupplier(database.url, 'Dashboard Supplier Ltd');
    tokens.SUPPLIER = await tokenFor(database.url, 'SUPPLIER', '--supplier', supplierId);
    tokens.REGIONAL_ADVISER = await tokenFor(
      database.url,
      'REGIONAL_ADVISER',
      '--region',
      'E12000001',
    );
    tokens.noRole = await tokenForStranger();
    const now = Math.floor(Date.now() / 1000);
    tokens.expired = await signed(TEST_SECRET, now - 3600);
    tokens.forged = await signed('not-the-secret-of-this-service-0123456789', now + 3600);
  });

  afterAll(async () => {
    const queue = new Queue('default', { connection: { url: testEnvironment().redisUrl }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
    await api?.stop();
    await database?.drop();
  });

  it('shows an admin every queue of the product, under the deployment’s prefix, and the readiness counts agree', async () => {
    const response = await get('/admin/queues/api/queues', bearer(tokens.ADMIN));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      queues: Array<{ name: string; counts: Record<string, number> }>;
    };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(['default', 'notifications']);
    expect(body.queues.find((queue) => queue.name === 'default')?.counts.delayed).toBe(1);

    const page = await get('/admin/queues', bearer(tokens.ADMIN));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/" />');
    // Its scripts are served too, to the same admin (a browser sends the cookie with them).
    const script = /src="(static\/js\/main\.[\w.]+\.js)"/.exec(html)?.[1];
    expect((await get(`/admin/queues/${script}`, bearer(tokens.ADMIN))).status).toBe(200);
    expect((await get(`/admin/queues/${script}`)).status).toBe(401);

    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      details: {
        queues: { status: 'up', default: { waiting: 0, active: 0, delayed: 1, failed: 0 } },
      },
    });
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toContain('queue_jobs{queue="default",state="delayed"} 1');
    expect(metrics).toContain('queue_jobs{queue="notifications",state="failed"} 0');
  });

  describe.each([
    ['no token', undefined, 401],
    ['a token from no trusted issuer (forged)', 'forged', 401],
    ['an expired token', 'expired', 401],
    ['someone with no role', 'noRole', 403],
    ['a programme manager', 'PROGRAMME_MANAGER', 403],
    ['a supplier', 'SUPPLIER', 403],
    ['a regional adviser', 'REGIONAL_ADVISER', 403],
  ])('refuses %s', (_who, token, status) => {
    const headers = () => (token ? bearer(tokens[token]) : {});

    it.each([
      '/admin/queues',
      '/admin/queues/',
      '/admin/queues/api/queues',
      '/admin/queues/queue/default',
    ])(`GET %s answers ${status}`, async (path) => {
      const response = await get(path, headers());
      expect(response.status).toBe(status);
      expect(await response.text()).not.toContain('"queues"');
    });

    it(`refuses Bull Board's actions with ${status}, and nothing runs`, async () => {
      const response = await fetch(`${base}/admin/queues/api/queues/default/retry/failed`, {
        method: 'PUT',
        headers: headers(),
      });
      expect(response.status).toBe(status);
    });
  });

  it('shows a browser with no token where to sign in', async () => {
    const response = await get('/admin/queues', { accept: 'text/html' });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('href="/admin/queues/sign-in"');
  });

  it('never takes a token from the query string', async () => {
    const response = await get(`/admin/queues/api/queues?token=${tokens.ADMIN}`);
    expect(response.status).toBe(401);
  });

  describe('signing in with a browser', () => {
    const signIn = (token: string) =>
      fetch(`${base}/admin/queues/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });

    it('shows a form that posts the token', async () => {
      const response = await get('/admin/queues/sign-in');
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<form method="post" action="/admin/queues/sign-in">');
      expect(html).toContain('name="token" type="password"');
    });

    it('keeps an admin’s token in a cookie for the dashboard’s paths only, HttpOnly and SameSite=Strict, expiring with the token', async () => {
      const response = await signIn(tokens.ADMIN);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/admin/queues/');
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^la_tracker_queues=[\w.-]+; /);
      expect(cookie).toContain('Path=/admin/queues');
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      // Outside production the api runs on plain http, so the cookie cannot be Secure.
      expect(cookie).not.toContain('Secure');
      // The development token lasts 8 hours.
      const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
      expect(maxAge).toBeGreaterThan(8 * 3600 - 120);
      expect(maxAge).toBeLessThanOrEqual(8 * 3600);

      const pair = cookie.split(';')[0];
      const queues = await get('/admin/queues/api/queues', { cookie: pair });
      expect(queues.status).toBe(200);

      const signedOut = await fetch(`${base}/admin/queues/sign-out`, {
        method: 'POST',
        headers: { cookie: pair },
        redirect: 'manual',
      });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('set-cookie')).toMatch(/^la_tracker_queues=; .*Max-Age=0/);
    });

    it.each([
      ['PROGRAMME_MANAGER', 403],
      ['forged', 401],
      ['expired', 401],
    ])('sets no cookie for %s (%i)', async (who, status) => {
      const response = await signIn(tokens[who]);
      expect(response.status).toBe(status);
      expect(response.headers.get('set-cookie')).toBeNull();
    });

    it('does not let a cookie of a non-admin through', async () => {
      const response = await get('/admin/queues/api/queues', {
        cookie: `la_tracker_queues=${tokens.SUPPLIER}`,
      });
      expect(response.status).toBe(403);
    });
  });

  it('is not served at all when BULL_BOARD_ENABLED=false', async () => {
    const off = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { QUEUE_PREFIX: prefix, BULL_BOARD_ENABLED: 'false' },
    );
    try {
      const offBase = off.url.replace(/\/graphql$/, '');
      for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/sign-in'])
        expect((await fetch(`${offBase}${path}`, { headers: bearer(tokens.ADMIN) })).status).toBe(
          404,
        );
    } finally {
      await off.stop();
    }
  });
});
