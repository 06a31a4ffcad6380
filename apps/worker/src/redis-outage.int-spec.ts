import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import {
  findFreePort,
  startRedisServer,
  type LocalService,
} from '@la-tracker/platform/local-services';
import {
  defineJob,
  OutboxWriter,
  ProcessorFor,
  TransactionRunner,
  type JobProcessor,
} from '@la-tracker/platform/queue';
import {
  createTestDatabase,
  eventually,
  sleep,
  testConfig,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { createWorker } from './main';

const NOTE_CHANGE = defineJob<{ changeId: string }>('test.note-change');

const runs = new Map<string, number>();

@ProcessorFor(NOTE_CHANGE)
class NoteChangeProcessor implements JobProcessor<{ changeId: string }> {
  process({ changeId }: { changeId: string }): Promise<void> {
    runs.set(changeId, (runs.get(changeId) ?? 0) + 1);
    return Promise.resolve();
  }
}

// A redis-server of this test's own, never the machine's shared one, so it can be stopped.
describe('when Redis is down while changes commit', () => {
  let database: TestDatabase;
  let redisDir: string;
  let redis: LocalService | undefined;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    redisDir = mkdtempSync(join(tmpdir(), 'la-tracker-redis-outage-'));
  });

  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
    await database.drop();
  });

  it('keeps every job in the outbox, then runs each once when Redis is back', async () => {
    const port = await findFreePort();
    redis = await startRedisServer({ dir: redisDir, persist: false, port });
    worker = await createWorker(
      {
        ...testConfig({ databaseUrl: database.url, redisUrl: redis.url }),
        outboxSweepIntervalMs: 200,
      },
      { jobs: [NOTE_CHANGE], processors: [NoteChangeProcessor] },
    );
    await worker.init();
    const dataSource = worker.get(DataSource);
    const outbox = worker.get(OutboxWriter);
    const transactions = worker.get(TransactionRunner);
    await dataSource.query('CREATE TABLE test_change (id text PRIMARY KEY)');
    const change = (changeId: string) =>
      transactions.run(async (manager) => {
        await manager.query('INSERT INTO test_change (id) VALUES ($1)', [changeId]);
        await outbox.enqueue(manager, NOTE_CHANGE, { changeId });
      });

    await change('before');
    await eventually(() => runs.get('before') === 1, { what: 'the job before the outage' });

    await redis.stop();
    redis = undefined;
    const during = ['during-1', 'during-2', 'during-3', 'during-4', 'during-5'];
    for (const changeId of during) await change(changeId);
    await sleep(1000); // relays after commit and sweeps fail meanwhile

    const waiting = await dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) FROM outbox_job WHERE relayed_at IS NULL AND relay_attempts > 0`,
    );
    expect(Number(waiting[0].count)).toBe(during.length);
    expect(during.filter((changeId) => runs.has(changeId))).toEqual([]);

    // A new, empty redis-server on the same port: what is not relayed lives only in the outbox.
    redis = await startRedisServer({ dir: redisDir, persist: false, port });
    await eventually(() => during.every((changeId) => runs.has(changeId)), {
      timeoutMs: 20_000,
      what: 'every job to run once Redis is back',
    });
    await sleep(1000);

    expect(Object.fromEntries(runs)).toEqual(
      Object.fromEntries(['before', ...during].map((changeId) => [changeId, 1])),
    );
    const unrelayed = await dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) FROM outbox_job WHERE relayed_at IS NULL`,
    );
    expect(Number(unrelayed[0].count)).toBe(0);
  }, 30_000);

  it('still stops promptly when Redis is down at shutdown', async () => {
    const outage = await startRedisServer({
      dir: join(redisDir, 'second'),
      persist: false,
      port: await findFreePort(),
    });
    const stopping = await createWorker(
      testConfig({ databaseUrl: database.url, redisUrl: outage.url }),
      { jobs: [NOTE_CHANGE], processors: [NoteChangeProcessor] },
    );
    await stopping.init();
    await sleep(300);
    await outage.stop();

    const startedAt = Date.now();
    await stopping.close();
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  }, 15_000);
});
