import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Redis } from 'ioredis';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { tokenForStranger } from '../support/tokens';

const REGIONS = `{ regions { code } }`;
const TWO_FIELDS = `{ regions { code } me { grants { role } } }`;

/** Limits small enough to reach in a test; the harness otherwise sets them far out of reach. */
const PER_PERSON = { RATE_LIMIT_PER_USER_PER_MINUTE: '3', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' };
const PER_ADDRESS = { RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '3', RATE_LIMIT_PER_USER_PER_MINUTE: '0' };

function expectRateLimited(response: GraphQLResponse): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.errors).toEqual([
    expect.objectContaining({
      message: `Too many requests: try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
    }),
  ]);
}

describe('rate limits', () => {
  let database: TestDatabase;
  let redis: Redis;
  const apis: RunningApi[] = [];
  const services = () => ({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });

  async function api(env: Record<string, string>): Promise<RunningApi> {
    const started = await startApi(services(), env);
    apis.push(started);
    return started;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = new Redis(testEnvironment().redisUrl);
  });

  afterAll(async () => {
    await Promise.all(apis.map((started) => started.stop()));
    redis?.disconnect();
    await database?.drop();
  });

  describe('per person', () => {
    it('refuses a person’s 4th operation in a minute with 429, leaving another person alone', async () => {
      const sut = await api(PER_PERSON);
      const first = { authorization: `Bearer ${await tokenForStranger()}` };
      const second = { authorization: `Bearer ${await tokenForStranger()}` };

      // An operation counts once, however many fields it asks for.
      for (const query of [TWO_FIELDS, REGIONS, REGIONS]) {
        const response = await sut.graphql(query, undefined, first);
        expect(response.status).toBe(200);
        expect(response.errors).toBeUndefined();
      }
      expectRateLimited(await sut.graphql(REGIONS, undefined, first));

      const other = await sut.graphql(REGIONS, undefined, second);
      expect(other.status).toBe(200);
      expect(other.data?.regions).toHaveLength(9);
    });

    it('is one count across api processes sharing Redis, kept under the deployment’s prefix', async () => {
      const prefix = `la-tracker-e2e-${randomBytes(6).toString('hex')}`;
      const [one, two] = [
        await api({ ...PER_PERSON, QUEUE_PREFIX: prefix }),
        await api({ ...PER_PERSON, QUEUE_PREFIX: prefix }),
      ];
      const person = { authorization: `Bearer ${await tokenForStranger()}` };

      expect((await one.graphql(REGIONS, undefined, person)).status).toBe(200);
      expect((await two.graphql(REGIONS, undefined, person)).status).toBe(200);
      expect((await one.graphql(REGIONS, undefined, person)).status).toBe(200);
      expectRateLimited(await two.graphql(REGIONS, undefined, person));

      const keys = await redis.keys(`${prefix}:rate-limit:*`);
      expect(keys).toEqual([
        expect.stringMatching(new RegExp(`^${prefix}:rate-limit:person:[0-9a-f]{64}$`)),
      ]);
    });
  });

  describe('per address', () => {
    async function post(sut: RunningApi, forwardedFor: string): Promise<Response> {
      return fetch(sut.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    }

    it('counts requests before sign-in, believes no X-Forwarded-For by default, and spares health', async () => {
      const sut = await api(PER_ADDRESS);
      // A client that makes up a new address each time is still one address.
      for (const forwardedFor of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        expect((await post(sut, forwardedFor)).status).toBe(200);
      }
      const refused = await post(sut, '203.0.113.4');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(/^Too many requests: try again in \d+ seconds?\.$/),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
          },
        ],
      });

      const download = await fetch(
        `${sut.base}/reports/00000000-0000-0000-0000-000000000000/download`,
      );
      expect(download.status).toBe(429);
      expect(await download.json()).toEqual({
        statusCode: 429,
        message: expect.stringMatching(/^Too many requests/),
      });

      expect((await fetch(`${sut.base}/health/live`)).status).toBe(200);
      expect((await fetch(`${sut.base}/metrics`)).status).toBe(200);
    });

    it('counts each client apart behind a trusted proxy (TRUST_PROXY)', async () => {
      const sut = await api({ ...PER_ADDRESS, TRUST_PROXY: 'loopback' });
      for (const forwardedFor of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
        expect((await post(sut, forwardedFor)).status).toBe(200);
      }
      for (let i = 0; i < 3; i += 1) expect((await post(sut, '203.0.113.9')).status).toBe(200);
      expect((await post(sut, '203.0.113.9')).status).toBe(429);
    });
  });
});
