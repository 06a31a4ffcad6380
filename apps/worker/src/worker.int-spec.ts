import type { INestApplicationContext } from '@nestjs/common';
import { findFreePort } from '@la-tracker/platform/local-services';
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
import { DataSource } from 'typeorm';
import { createWorker } from './main';

const NOTE_CHANGE = defineJob<{ changeId: string }>('test.note-change');
const ALWAYS_FAIL = defineJob<{ changeId: string }>('test.always-fail', {
  attempts: 2,
  backoff: { type: 'fixed', delayMs: 20 },
});

// Known to the outbox but to no processor here, as in a rolling deploy of a release adding it.
const FROM_NEWER_RELEASE = defineJob<{ changeId: string }>('test.from-newer-release');

const runs: Array<{ changeId: string } & JobContext> = [];
const givenUp: Array<{ changeId: string; reason: string }> = [];

@ProcessorFor(NOTE_CHANGE)
class NoteChangeProcessor implements JobProcessor<{ changeId: string }> {
  process(payload: { changeId: string }, context: JobContext): Promise<void> {
    runs.push({ ...payload, ...context });
    return Promise.resolve();
  }
}

@ProcessorFor(ALWAYS_FAIL)
class AlwaysFailProcessor implements JobProcessor<{ changeId: string }> {
  process(payload: { changeId: string }, context: JobContext): Promise<void> {
    runs.push({ ...payload, ...context });
    return Promise.reject(new Error(`cannot process ${payload.changeId}`));
  }

  gaveUp(payload: { changeId: string }, reason: string): Promise<void> {
    givenUp.push({ ...payload, reason });
    return Promise.resolve();
  }
}

describe('createWorker', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('starts against real PostgreSQL and Redis, and stops cleanly', async () => {
    const worker = await createWorker(
      testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
    );
    await worker.init();
    await worker.close();
  });

  it('holds a database connection for each job it runs at once, and one for the outbox', async () => {
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const worker = await createWorker({ ...config, databasePoolSize: 10 });
    const bigger = await createWorker({ ...config, databasePoolSize: 40 });
    try {
      // 20 notifications and 5 default jobs at once, and the relay: more than DATABASE_POOL_SIZE.
      expect(worker.get(DataSource).options.extra).toMatchObject({ max: 26 });
      expect(bigger.get(DataSource).options.extra).toMatchObject({ max: 40 });
    } finally {
      await worker.close();
      await bigger.close();
    }
  });

  it('refuses to start when Redis cannot be reached, saying to check REDIS_URL', async () => {
    const nothingThere = `redis://127.0.0.1:${await findFreePort()}`;
    await expect(
      createWorker(testConfig({ databaseUrl: database.url, redisUrl: nothingThere })),
    ).rejects.toThrow(/REDIS_URL/);
  });

  it('refuses to start when a job has no processor, or two', async () => {
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    await expect(
      createWorker(config, { jobs: [NOTE_CHANGE, ALWAYS_FAIL], processors: [NoteChangeProcessor] }),
    ).rejects.toThrow('job "test.always-fail" has no processor');
    @ProcessorFor(NOTE_CHANGE)
    class SecondNoteChangeProcessor extends NoteChangeProcessor {}
    await expect(
      createWorker(config, {
        jobs: [NOTE_CHANGE],
        processors: [NoteChangeProcessor, SecondNoteChangeProcessor],
      }),
    ).rejects.toThrow('job "test.note-change" has 2 processors');
  });
});

describe('a job from the outbox to the worker', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let queue: Queue;
  let dataSource: DataSource;
  let outbox: OutboxWriter;
  let transactions: TransactionRunner;

  const runsOf = (changeId: string) => runs.filter((run) => run.changeId === changeId);

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = {
      ...testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      outboxSweepIntervalMs: 100,
    };
    worker = await createWorker(config, {
      jobs: [NOTE_CHANGE, ALWAYS_FAIL],
      processors: [NoteChangeProcessor, AlwaysFailProcessor],
    });
    await worker.init();
    queue = new Queue('default', {
      connection: { url: testEnvironment().redisUrl },
      prefix: config.queuePrefix,
    });
    dataSource = worker.get(DataSource);
    outbox = worker.get(OutboxWriter);
    transactions = worker.get(TransactionRunner);
    await dataSource.query('CREATE TABLE test_change (id text PRIMARY KEY)');
  });

  afterAll(async () => {
    await queue.close();
    await worker.close();
    await database.drop();
  });

  it('runs a job enqueued with a committed change, once', async () => {
    const { jobId } = await transactions.run(async (manager) => {
      await manager.query(`INSERT INTO test_change (id) VALUES ('c1')`);
      return outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'c1' });
    });

    await eventually(() => runsOf('c1').length > 0, { what: 'the job to run' });
    await eventually(async () => (await queue.getJobState(jobId)) === 'completed');
    await sleep(300);
    expect(runsOf('c1')).toEqual([{ changeId: 'c1', jobId, attempt: 1, attempts: 5 }]);
  });

  it('runs a job once when its row is relayed again', async () => {
    const { jobId } = await transactions.run((manager) =>
      outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'c2' }),
    );
    await eventually(() => runsOf('c2').length > 0, { what: 'the job to run' });

    // As if the relay had died after BullMQ took the job: the sweep relays it again.
    await dataSource.query(`UPDATE outbox_job SET relayed_at = NULL WHERE job_id = $1`, [jobId]);
    await eventually(
      async () =>
        (
          await dataSource.query<unknown[]>(
            `SELECT 1 FROM outbox_job WHERE job_id = $1 AND relay_attempts = 2`,
            [jobId],
          )
        ).length === 1,
      { what: 'the sweep to relay the row again' },
    );
    await sleep(300);
    expect(runsOf('c2')).toHaveLength(1);
  });

  it('does not queue a job enqueued twice with one job id', async () => {
    for (let time = 1; time <= 2; time += 1)
      await transactions.run((manager) =>
        outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'c3' }, { jobId: 'c3' }),
      );
    await eventually(() => runsOf('c3').length > 0, { what: 'the job to run' });
    await sleep(300);
    expect(runsOf('c3')).toHaveLength(1);
  });

  it('retries a failing job with back-off, then keeps it as failed', async () => {
    const { jobId } = await transactions.run((manager) =>
      outbox.enqueue(manager, ALWAYS_FAIL, { changeId: 'f1' }),
    );

    await eventually(async () => (await queue.getJobState(jobId)) === 'failed', {
      what: 'the job to fail for good',
    });
    expect(runsOf('f1').map((run) => run.attempt)).toEqual([1, 2]);
    const job = await queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(2);
    expect(job?.failedReason).toBe('cannot process f1');
    // Its processor is told once, after the last attempt, not after the first.
    await eventually(() => Promise.resolve(givenUp.some((g) => g.changeId === 'f1')), {
      what: 'the processor to be told',
    });
    expect(givenUp.filter((g) => g.changeId === 'f1')).toEqual([
      { changeId: 'f1', reason: 'cannot process f1' },
    ]);
    expect(runsOf('f1').map((run) => run.attempts)).toEqual([2, 2]);
  });

  it('leaves a job it has no processor for to a worker that has one, without failing it', async () => {
    const { jobId } = await transactions.run((manager) =>
      outbox.enqueue(manager, FROM_NEWER_RELEASE, { changeId: 'n1' }),
    );

    await eventually(async () => (await queue.getJobState(jobId)) === 'delayed', {
      what: 'the job to be put back',
    });
    expect((await queue.getJob(jobId))?.attemptsMade).toBe(0);
  });
});
