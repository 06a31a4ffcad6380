import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { PRODUCTION_ENV, startApi, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

const ALLOWED_ORIGIN = 'https://tracker.education.gov.example';

type Policy = Map<string, string[]>;

function policyOf(response: Response): Policy {
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name ?? '', sources]),
  );
}

/** Whether a policy lets a page at `pageUrl` load `resource` under `directive`. */
function allows(policy: Policy, directive: string, resource: URL, pageUrl: URL): boolean {
  const sources = policy.get(directive) ?? policy.get('default-src') ?? [];
  if (resource.protocol === 'data:') return sources.includes('data:');
  if (resource.origin === pageUrl.origin && sources.includes("'self'")) return true;
  return sources.includes(resource.origin);
}

/** What a page loads by its markup: scripts, style sheets, icons and manifests, with the directive that governs each. */
function resourcesOf(html: string, pageUrl: URL): Array<{ directive: string; url: URL }> {
  const base = new URL(/<base href="([^"]+)"/.exec(html)?.[1] ?? pageUrl.pathname, pageUrl);
  const found: Array<{ directive: string; url: URL }> = [];
  for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g))
    found.push({ directive: 'script-src', url: new URL(src ?? '', base) });
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /rel="([^"]+)"/.exec(tag)?.[1] ?? '';
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    const directive = rel.includes('stylesheet')
      ? 'style-src'
      : rel.includes('icon')
        ? 'img-src'
        : rel === 'manifest'
          ? 'manifest-src'
          : undefined;
    if (href && directive) found.push({ directive, url: new URL(href, base) });
  }
  return found;
}

describe('security headers and CORS', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { CORS_ALLOWED_ORIGINS: ALLOWED_ORIGIN },
    );
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('sets helmet’s headers on every response, with a strict policy where no page is served', async () => {
    for (const path of ['/health/live', '/metrics', '/reports/nothing/download']) {
      const response = await fetch(`${api.base}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-powered-by')).toBeNull();
      // Outside production the api is plain http: no HSTS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
      );
    }
    const graphql = await api.graphql('{ __typename }');
    expect(graphql.headers.get('x-content-type-options')).toBe('nosniff');
    expect(graphql.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('lets the sandbox page load what it asks for, and nothing frame it', async () => {
    const pageUrl = new URL(api.url);
    const response = await fetch(pageUrl, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(html).toMatch(/embeddable-sandbox/);
    const policy = policyOf(response);
    const resources = resourcesOf(html, pageUrl);
    expect(resources.map(({ url }) => url.origin)).toContain(
      'https://embeddable-sandbox.cdn.apollographql.com',
    );
    for (const { directive, url } of resources)
      expect({
        directive,
        url: url.href,
        allowed: allows(policy, directive, url, pageUrl),
      }).toEqual({
        directive,
        url: url.href,
        allowed: true,
      });
    // Its inline script and style carry a nonce from the page's own policy: ours lets them run.
    expect(policy.get('script-src')).toContain("'unsafe-inline'");
    expect(policy.get('frame-src')).toEqual(['https://sandbox.embed.apollographql.com']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets Bull Board load its scripts, styles, fonts and images, and nothing frame it', async () => {
    const token = await tokenFor(database.url, 'ADMIN');
    const pageUrl = new URL(`${api.base}/admin/queues/`);
    const response = await fetch(pageUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const policy = policyOf(response);
    const resources = resourcesOf(html, pageUrl);
    expect(resources.filter(({ directive }) => directive === 'script-src').length).toBeGreaterThan(
      0,
    );
    for (const { directive, url } of resources)
      expect({
        directive,
        url: url.href,
        allowed: allows(policy, directive, url, pageUrl),
      }).toEqual({
        directive,
        url: url.href,
        allowed: true,
      });
    // Inline style attributes and inlined images (data:) in its style sheets.
    expect(html).toMatch(/style="/);
    expect(policy.get('style-src')).toContain("'unsafe-inline'");
    expect(policy.get('img-src')).toContain('data:');
    expect(policy.get('font-src')).toContain('https://fonts.gstatic.com');
    // No inline script may run: its only inline <script> is JSON data.
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);

    const signIn = await fetch(`${api.base}/admin/queues/sign-in`);
    expect(policyOf(signIn).get('form-action')).toEqual(["'self'"]);
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(api.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const corsHeaders = (response: Response) =>
      [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

    it('answers a preflight from an allowed origin', async () => {
      const response = await preflight(ALLOWED_ORIGIN);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'content-type,authorization',
      );
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('gives another origin no CORS header at all', async () => {
      expect(corsHeaders(await preflight('https://elsewhere.example'))).toEqual([]);
      const post = await fetch(api.url, {
        method: 'POST',
        headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(corsHeaders(post)).toEqual([]);
    });

    it('lets an allowed origin read the answer', async () => {
      const post = await api.graphql('{ __typename }', undefined, { origin: ALLOWED_ORIGIN });
      expect(post.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(post.data).toEqual({ __typename: 'Query' });
    });
  });
});

describe('security headers in production', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      PRODUCTION_ENV,
    );
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('asks browsers for https only (HSTS) and serves /graphql under the strict policy', async () => {
    const response = await api.graphql('{ __typename }');
    expect(response.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
  });

  it('sends no CORS header when no origin is allowed (same-origin only)', async () => {
    const response = await fetch(api.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://tracker.education.gov.example',
        'access-control-request-method': 'POST',
      },
    });
    expect(
      [...response.headers.keys()].filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
  });
});
