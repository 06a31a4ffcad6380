import type { INestApplicationContext } from '@nestjs/common';
import { OperationsServer } from '@la-tracker/platform/observability';
import { QUEUES } from '@la-tracker/platform/queue';
import {
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { createWorker } from './main';

describe('the worker’s health and metrics listener', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let base: string;
  const config = () =>
    testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });

  beforeAll(async () => {
    database = await createTestDatabase();
    const workerConfig = config();
    worker = await createWorker(workerConfig);
    await worker.init();
    base = `http://127.0.0.1:${worker.get(OperationsServer).listeningPort}`;
    // A job far in the future: counted as delayed, never run by this test.
    const queue = new Queue('default', {
      connection: { url: workerConfig.redisUrl },
      prefix: workerConfig.queuePrefix,
    });
    await queue.add('metrics-test', {}, { delay: 3_600_000 });
    await queue.close();
  });

  afterAll(async () => {
    await worker?.close();
    await database?.drop();
  });

  it('listens on a port of its own (WORKER_PORT=0 lets the system choose)', () => {
    expect(worker.get(OperationsServer).listeningPort).toBeGreaterThan(0);
  });

  it('is live', async () => {
    const response = await fetch(`${base}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when PostgreSQL and Redis answer and the schema is current', async () => {
    const response = await fetch(`${base}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      details: {
        database: { status: 'up' },
        redis: { status: 'up' },
        schema: { status: 'up' },
        queues: {
          status: 'up',
          default: { waiting: 0, active: 0, delayed: 3, failed: 0 },
          notifications: { waiting: 0, active: 0, delayed: 0, failed: 0 },
        },
      },
    });
  });

  it('counts jobs per queue and state, and reports the process', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const queue of Object.keys(QUEUES)) {
      expect(text).toContain(`queue_jobs{queue="${queue}",state="waiting"}`);
      expect(text).toContain(`queue_jobs{queue="${queue}",state="failed"}`);
    }
    // This test's job, and the next runs of the daily reminder scan and retention, which the
    // worker scheduled at start.
    expect(text).toContain('queue_jobs{queue="default",state="delayed"} 3');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('answers 404 for anything else', async () => {
    expect((await fetch(`${base}/graphql`)).status).toBe(404);
  });

  it('is not ready, naming the migration, when the database is behind this release', async () => {
    const behind = await createTestDatabase();
    const other = await createWorker(
      testConfig({ databaseUrl: behind.url, redisUrl: testEnvironment().redisUrl }),
    );
    try {
      await other.init();
      const client = new Client({ connectionString: behind.url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>(
        'DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING name',
      );
      await client.end();
      const port = other.get(OperationsServer).listeningPort;
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'error',
        error: { schema: { status: 'down', message: expect.stringContaining(rows[0].name) } },
      });
    } finally {
      await other.close();
      await behind.drop();
    }
  });
});
