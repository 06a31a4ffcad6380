import type { INestApplicationContext } from '@nestjs/common';
import { findFreePort } from '@la-tracker/platform/local-services';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Queue, Worker } from 'bullmq';
import { Registry } from 'prom-client';
import { MetricsModule } from './metrics.module';
import { QueueMetricsModule } from './queue-metrics';
import { HealthModule, ReadinessService } from './readiness';

describe('ReadinessService with queue counts', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: ReadinessService;
  // Each test's own prefix, so no worker of the product or another test touches these queues.
  const config = () =>
    testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
  let prefix: string;
  let redisUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const appConfig = config();
    prefix = appConfig.queuePrefix;
    redisUrl = appConfig.redisUrl;
    app = await createDomainTestContext({
      config: appConfig,
      entities: [],
      imports: [
        MetricsModule.forRoot(),
        QueueMetricsModule.forRoot({ queues: ['default', 'notifications'], redisUrl, prefix }),
        HealthModule,
      ],
    });
    sut = app.get(ReadinessService);

    // Two waiting, one delayed, and two that failed for good on 'default'.
    const queue = new Queue('default', { connection: { url: redisUrl }, prefix });
    await queue.add('waits', { n: 1 });
    await queue.add('waits', { n: 2 });
    await queue.add('later', {}, { delay: 3_600_000 });
    await queue.close();
    const failing = new Queue('notifications', { connection: { url: redisUrl }, prefix });
    await failing.add('fails', { n: 1 }, { attempts: 1 });
    await failing.add('fails', { n: 2 }, { attempts: 1 });
    let failed = 0;
    const worker = new Worker(
      'notifications',
      () => Promise.reject(new Error('the mail service said no')),
      { connection: { url: redisUrl }, prefix },
    );
    await new Promise<void>((resolve) =>
      worker.on('failed', () => {
        failed += 1;
        if (failed === 2) resolve();
      }),
    );
    await worker.close();
    await failing.close();
  });

  afterAll(async () => {
    for (const name of ['default', 'notifications']) {
      const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await app?.close();
    await database?.drop();
  });

  it('reports each queue’s waiting, active, delayed and failed jobs, and stays ready with jobs failed', async () => {
    const report = await sut.check();
    expect(report.httpStatus).toBe(200);
    expect(report.body).toMatchObject({
      status: 'ok',
      details: {
        database: { status: 'up' },
        redis: { status: 'up' },
        queues: {
          status: 'up',
          default: { waiting: 2, active: 0, delayed: 1, failed: 0 },
          notifications: { waiting: 0, active: 0, delayed: 0, failed: 2 },
        },
      },
    });
  });

  it('counts on the connections metrics use: the failed jobs show in queue_jobs too', async () => {
    const text = await app.get(Registry).metrics();
    expect(text).toContain('queue_jobs{queue="notifications",state="failed"} 2');
    expect(text).toContain('queue_jobs{queue="default",state="waiting"} 2');
  });

  it('with Redis away, is not ready because of Redis, and says the counts could not be read', async () => {
    const nowhere = `redis://127.0.0.1:${await findFreePort()}`;
    const away = await createDomainTestContext({
      config: { ...config(), redisUrl: nowhere },
      entities: [],
      imports: [
        MetricsModule.forRoot(),
        QueueMetricsModule.forRoot({ queues: ['default'], redisUrl: nowhere, prefix }),
        HealthModule,
      ],
    });
    try {
      const started = Date.now();
      const report = await away.get(ReadinessService).check();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(report.httpStatus).toBe(503);
      expect(report.body).toMatchObject({
        error: { redis: { status: 'down' } },
        info: { queues: { status: 'up', default: { error: expect.any(String) } } },
      });
    } finally {
      await away.close();
    }
  });
});
