import { findFreePort } from '@la-tracker/platform/local-services';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { startApi, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

describe('operating the api', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Request lines are logged at info: the level a production api runs at.
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { LOG_LEVEL: 'info' },
    );
    base = api.url.replace(/\/graphql$/, '');
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  describe('health', () => {
    it('is live', async () => {
      const response = await fetch(`${base}/health/live`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('is ready: PostgreSQL and Redis answer, and the schema is current', async () => {
      const response = await fetch(`${base}/health/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'ok',
        details: {
          database: { status: 'up' },
          redis: { status: 'up' },
          schema: { status: 'up' },
        },
      });
    });

    it('is not ready while Redis cannot be reached, and says so', async () => {
      const nowhere = `redis://127.0.0.1:${await findFreePort()}`;
      const other = await startApi({ databaseUrl: database.url, redisUrl: nowhere });
      try {
        const response = await fetch(`${other.url.replace(/\/graphql$/, '')}/health/ready`);
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({
          status: 'error',
          error: { redis: { status: 'down', message: expect.stringMatching(/REDIS_URL/) } },
          info: { database: { status: 'up' }, schema: { status: 'up' } },
        });
      } finally {
        await other.stop();
      }
    });
  });

  describe('metrics', () => {
    it('counts requests and GraphQL operations by name, with latency, in Prometheus form', async () => {
      await api.graphql(`query RegionCount { __typename }`);
      await api.graphql(`query RegionCount { __typename }`);
      await api.graphql(`{ __typename }`);
      await api.graphql(`{ nope }`);
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(
        /^graphql_operations_total\{operation_name="RegionCount",operation_type="query",outcome="success"\} 2$/m,
      );
      expect(text).toMatch(
        /^graphql_operations_total\{operation_name="__anonymous__",operation_type="query",outcome="success"\} 1$/m,
      );
      expect(text).toMatch(
        /^graphql_operations_total\{operation_name="__invalid__",operation_type="unknown",outcome="error"\} 1$/m,
      );
      expect(text).toMatch(
        /^graphql_operation_duration_seconds_bucket\{le="\+Inf",operation_name="RegionCount",operation_type="query"\} 2$/m,
      );
      expect(text).toMatch(
        /^http_requests_total\{method="POST",route="\/graphql",status_code="200"\} \d+$/m,
      );
      expect(text).toMatch(
        /^http_request_duration_seconds_count\{method="POST",route="\/graphql",status_code="200"\} \d+$/m,
      );
      expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    });

    it('labels unknown paths `other`, so a scan cannot multiply the series', async () => {
      await fetch(`${base}/wp-login.php`);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(
        /^http_requests_total\{method="GET",route="other",status_code="404"\} \d+$/m,
      );
      expect(text).not.toContain('wp-login');
    });
  });

  describe('logs', () => {
    it('are JSON lines carrying the request id, and never a bearer token', async () => {
      const token = await tokenFor(database.url, 'ADMIN');
      const secrets = [token, 'not-a-jwt-but-still-secret-8f1d', 'session=cookie-secret-41c7'];
      const requestIds: string[] = [];
      for (const [i, secret] of secrets.entries()) {
        const response = await api.graphql(`{ regions { code } }`, undefined, {
          authorization: i < 2 ? `Bearer ${secret}` : 'Bearer x',
          cookie: secret,
          'x-api-key': secret,
          'x-request-id': `log-safety-${i}`,
        });
        requestIds.push(response.headers.get('x-request-id') ?? '');
      }
      expect(requestIds).toEqual(['log-safety-0', 'log-safety-1', 'log-safety-2']);

      const lines = await api.logLines(/"id":"log-safety-2"/);
      expect(lines).toHaveLength(1);
      const all = await api.logLines(/./);
      for (const id of requestIds) {
        const line = all.find((text) => text.includes(`"id":"${id}"`));
        expect(line).toBeDefined();
        const entry = JSON.parse(line ?? '{}') as {
          req: { id: string; headers: Record<string, string> };
          msg: string;
        };
        expect(entry.msg).toBe('request completed');
        expect(entry.req.headers.authorization).toBe('[Redacted]');
        expect(entry.req.headers.cookie).toBe('[Redacted]');
        expect(entry.req.headers['x-api-key']).toBe('[Redacted]');
      }
      const log = all.join('\n');
      for (const secret of secrets) expect(log).not.toContain(secret);
      // A JWT's parts are each long enough to recognise on their own.
      for (const part of token.split('.')) expect(log).not.toContain(part);
    });
  });
});
