import { Inject, type INestApplicationContext } from '@nestjs/common';
import {
  defineJob,
  OutboxWriter,
  ProcessorFor,
  TransactionRunner,
  type JobContext,
  type JobProcessor,
} from '@la-tracker/platform/queue';
import {
  createTestDatabase,
  eventually,
  sleep,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createWorker } from './main';

const SLOW_JOB = defineJob<{ changeId: string }>('test.slow');

let release!: () => void;
const released = new Promise<void>((resolve) => (release = resolve));
const started: string[] = [];

// Writes with the worker's own pool once released, so it also shows the pool outlives the job.
@ProcessorFor(SLOW_JOB)
class SlowProcessor implements JobProcessor<{ changeId: string }> {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async process({ changeId }: { changeId: string }, { jobId }: JobContext): Promise<void> {
    started.push(changeId);
    await released;
    await this.dataSource.query('INSERT INTO test_run (job_id) VALUES ($1)', [jobId]);
  }
}

describe('closing the worker (what SIGTERM does)', () => {
  let database: TestDatabase;
  let queue: Queue;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await queue?.close();
    await database.drop();
  });

  it('lets a job in progress finish, and it is not run again', async () => {
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const options = { jobs: [SLOW_JOB], processors: [SlowProcessor] };
    const worker = await createWorker(config, options);
    await worker.init();
    await worker.get(DataSource).query('CREATE TABLE test_run (job_id text NOT NULL)');
    const outbox = worker.get(OutboxWriter);
    const { jobId } = await worker
      .get(TransactionRunner)
      .run((manager) => outbox.enqueue(manager, SLOW_JOB, { changeId: 's1' }));
    await eventually(() => started.length === 1, { what: 'the job to start' });

    let closed = false;
    const closing = worker.close().then(() => (closed = true));
    await sleep(500);
    expect(closed).toBe(false); // still waiting for the job
    release();
    await closing;

    queue = new Queue('default', {
      connection: { url: testEnvironment().redisUrl },
      prefix: config.queuePrefix,
    });
    expect(await queue.getJobState(jobId)).toBe('completed');
    // A worker started afterwards finds nothing to run again.
    let next: INestApplicationContext | undefined = await createWorker(config, options);
    await next.init();
    await sleep(1000);
    await next.close();
    next = undefined;

    expect(started).toEqual(['s1']);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ job_id: string }>('SELECT job_id FROM test_run');
      expect(rows).toEqual([{ job_id: jobId }]);
    } finally {
      await client.end();
    }
  }, 30_000);
});
