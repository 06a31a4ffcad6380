import type { INestApplicationContext } from '@nestjs/common';
import { statementCounter } from '@la-tracker/platform/database';
import { findFreePort } from '@la-tracker/platform/local-services';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { defineJob } from './jobs';
import { OutboxJob } from './outbox-job.entity';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import { QueueModule } from './queue.module';
import { TransactionRunner } from './transaction-runner';

const NOTE_CHANGE = defineJob<{ changeId: string }>('test.note-change');

async function startContext(
  database: TestDatabase,
  redisUrl: string,
): Promise<{ app: INestApplicationContext; prefix: string }> {
  const config = testConfig({ databaseUrl: database.url, redisUrl });
  const app = await createDomainTestContext({
    config,
    entities: [OutboxJob],
    imports: [QueueModule.forRoot(config, { jobs: [NOTE_CHANGE], relayTimeoutMs: 500 })],
  });
  return { app, prefix: config.queuePrefix };
}

describe('the transactional outbox', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let queue: Queue;
  let dataSource: DataSource;
  let outbox: OutboxWriter;
  let transactions: TransactionRunner;
  let relay: OutboxRelay;

  const outboxRow = (jobId: string) => dataSource.getRepository(OutboxJob).findOneBy({ jobId });

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = await startContext(database, testEnvironment().redisUrl);
    app = started.app;
    queue = new Queue('default', {
      connection: { url: testEnvironment().redisUrl },
      prefix: started.prefix,
    });
    dataSource = app.get(DataSource);
    outbox = app.get(OutboxWriter);
    transactions = app.get(TransactionRunner);
    relay = app.get(OutboxRelay);
    await dataSource.query('CREATE TABLE test_change (id text PRIMARY KEY)');
  });

  afterAll(async () => {
    await queue.close();
    await app.close();
    await database.drop();
  });

  describe('OutboxWriter.enqueue', () => {
    it('refuses to write outside a transaction, where the job could outlive a failed change', async () => {
      await expect(
        outbox.enqueue(dataSource.manager, NOTE_CHANGE, { changeId: 'loose' }),
      ).rejects.toThrow(/inside a transaction/);
    });

    it('writes nothing when the change rolls back', async () => {
      const attempt = transactions.run(async (manager) => {
        await manager.query(`INSERT INTO test_change (id) VALUES ('rolled-back')`);
        await outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'rolled-back' });
        throw new Error('the change fails');
      });
      await expect(attempt).rejects.toThrow('the change fails');
      await relay.settled();
      expect(await outboxRow('test.note-change/rolled-back')).toBeNull();
      expect(await dataSource.getRepository(OutboxJob).countBy({ name: NOTE_CHANGE.name })).toBe(0);
    });

    it('keeps one row for one job id, saying the second was not added', async () => {
      const first = await transactions.run((manager) =>
        outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'twice' }),
      );
      const second = await transactions.run((manager) =>
        outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'twice' }),
      );
      expect(first).toEqual({ jobId: second.jobId, added: true });
      expect(second.added).toBe(false);
      expect(await dataSource.getRepository(OutboxJob).countBy({ jobId: first.jobId })).toBe(1);
    });
  });

  describe('OutboxWriter.enqueueMany', () => {
    it('writes many jobs in one statement, skipping ids already held, answering in order', async () => {
      await transactions.run((manager) =>
        outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'm2' }, { jobId: 'm2' }),
      );
      const statements = statementCounter.run(() =>
        dataSource.transaction(async (manager) => {
          const enqueued = await outbox.enqueueMany(
            manager,
            NOTE_CHANGE,
            ['m1', 'm2', 'm3'].map((id) => ({ payload: { changeId: id }, jobId: id })),
          );
          return { enqueued, statements: statementCounter.current() };
        }),
      );

      const { enqueued, statements: count } = await statements;
      expect(enqueued).toEqual([
        { jobId: 'test.note-change/m1', added: true },
        { jobId: 'test.note-change/m2', added: false },
        { jobId: 'test.note-change/m3', added: true },
      ]);
      // Begin and the insert, before the commit.
      expect(count).toBe(2);
      expect((await outboxRow('test.note-change/m3'))?.payload).toEqual({ changeId: 'm3' });
    });

    it('refuses to write outside a transaction', async () => {
      await expect(
        outbox.enqueueMany(dataSource.manager, NOTE_CHANGE, [{ payload: { changeId: 'loose' } }]),
      ).rejects.toThrow(/inside a transaction/);
    });
  });

  describe('TransactionRunner.run', () => {
    it('relays the job to BullMQ once the change has committed', async () => {
      const { jobId } = await transactions.run(async (manager) => {
        await manager.query(`INSERT INTO test_change (id) VALUES ('c1')`);
        return outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'c1' }, { jobId: 'c1' });
      });
      await relay.settled();

      const job = await queue.getJob(jobId);
      expect(job?.name).toBe('test.note-change');
      expect(job?.data).toEqual({ changeId: 'c1' });
      expect(job?.opts).toMatchObject({ attempts: 5, removeOnFail: false });
      const row = await outboxRow(jobId);
      expect(row?.relayedAt).toBeInstanceOf(Date);
      expect(row).toMatchObject({ relayAttempts: 1, lastError: null, queue: 'default' });
    });
  });

  describe('OutboxRelay.sweep', () => {
    it('relays rows the relay after commit missed, and a row relayed again stays one job', async () => {
      const { jobId } = await transactions.run((manager) =>
        outbox.enqueue(manager, NOTE_CHANGE, { changeId: 'swept' }),
      );
      await relay.settled();
      // As if the process had died after BullMQ took the job but before the row was marked.
      await dataSource.query(`UPDATE outbox_job SET relayed_at = NULL WHERE job_id = $1`, [jobId]);

      const result = await relay.sweep();

      expect(result.failed).toBe(0);
      expect((await outboxRow(jobId))?.relayedAt).toBeInstanceOf(Date);
      const jobs = await queue.getJobs(['waiting']);
      expect(jobs.filter((job) => job.id === jobId)).toHaveLength(1);
    });

    it('keeps rows it cannot relay, saying why, and relays them once Redis answers', async () => {
      const away = await startContext(database, `redis://127.0.0.1:${await findFreePort()}`);
      try {
        const awayOutbox = away.app.get(OutboxWriter);
        const { jobId } = await away.app
          .get(TransactionRunner)
          .run((manager) => awayOutbox.enqueue(manager, NOTE_CHANGE, { changeId: 'while-away' }));
        await away.app.get(OutboxRelay).settled();
        const result = await away.app.get(OutboxRelay).sweep();

        expect(result.failed).toBeGreaterThanOrEqual(1);
        const row = await outboxRow(jobId);
        expect(row?.relayedAt).toBeNull();
        expect(row?.relayAttempts).toBe(2);
        expect(row?.lastError).toMatch(/did not accept job/);

        await relay.sweep();
        expect((await outboxRow(jobId))?.relayedAt).toBeInstanceOf(Date);
        expect((await queue.getJob(jobId))?.data).toEqual({ changeId: 'while-away' });
      } finally {
        await away.app.close();
      }
    });

    it('lets two processes sweep at once, each row relayed once', async () => {
      const ids = Array.from({ length: 30 }, (_, i) => `many-${i}`);
      // Written with a plain transaction, so only the sweeps relay them.
      await dataSource.transaction(async (manager) => {
        for (const changeId of ids) await outbox.enqueue(manager, NOTE_CHANGE, { changeId });
      });
      const other = await startContext(database, testEnvironment().redisUrl);
      try {
        const [mine, theirs] = await Promise.all([
          relay.sweep(),
          other.app.get(OutboxRelay).sweep(),
        ]);
        expect(mine.relayed + theirs.relayed).toBe(ids.length);
        const attempts = await dataSource.query<Array<{ relay_attempts: number }>>(
          `SELECT relay_attempts FROM outbox_job WHERE payload->>'changeId' LIKE 'many-%'`,
        );
        expect(attempts.map((row) => row.relay_attempts)).toEqual(ids.map(() => 1));
      } finally {
        await other.app.close();
      }
    });
  });

  describe('OutboxRelay.prune', () => {
    it('deletes rows relayed before the deduplication window, and only those', async () => {
      await dataSource.query(
        `INSERT INTO outbox_job (queue, name, job_id, payload, relayed_at) VALUES
           ('default', 'test.note-change', 'test.note-change/old', '{}', now() - interval '8 days'),
           ('default', 'test.note-change', 'test.note-change/recent', '{}', now() - interval '6 days'),
           ('default', 'test.note-change', 'test.note-change/waiting-long', '{}', NULL)`,
      );
      await dataSource.query(
        `UPDATE outbox_job SET created_at = now() - interval '9 days' WHERE job_id = 'test.note-change/waiting-long'`,
      );

      expect(await relay.prune()).toBe(1);
      expect(await outboxRow('test.note-change/old')).toBeNull();
      expect(await outboxRow('test.note-change/recent')).not.toBeNull();
      expect(await outboxRow('test.note-change/waiting-long')).not.toBeNull();
    });
  });
});
