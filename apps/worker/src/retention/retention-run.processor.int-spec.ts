import type { INestApplicationContext } from '@nestjs/common';
import { RETENTION_RUN } from '@la-tracker/platform/queue';
import {
  createTestDatabase,
  eventually,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createWorker } from '../main';

describe('the retention job in the worker', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let queue: Queue;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    worker = await createWorker(config);
    await worker.init();
    queue = new Queue(RETENTION_RUN.queue, {
      connection: { url: config.redisUrl },
      prefix: config.queuePrefix,
    });
    dataSource = worker.get(DataSource);
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await worker?.close();
    await database?.drop();
  });

  it('erases, as of today, what is past its period (an outbox message sent 30 days ago), keeping the rest', async () => {
    await dataSource.query(
      `INSERT INTO development_outbox_message (reference, email_address, template, personalisation, created_at)
       VALUES ('old', 'old@education.example', 'MONTHLY_RETURN_DUE', '{}', now() - interval '30 days'),
              ('new', 'new@education.example', 'MONTHLY_RETURN_DUE', '{}', now())`,
    );

    const job = await queue.add(RETENTION_RUN.name, { asOf: null });

    await eventually(async () => (await job.getState()) === 'completed', {
      what: 'the retention job to complete',
    });
    expect(
      await dataSource.query(`SELECT reference FROM development_outbox_message ORDER BY reference`),
    ).toEqual([{ reference: 'new' }]);
  });
});
