import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import {
  InspectionImportRequestService,
  type InspectionImportRequest,
} from '@la-tracker/domain/inspections';
import { INSPECTION_IMPORT, outboxJobId } from '@la-tracker/platform/queue';
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
import { InspectionImportProcessor } from './inspection-import.processor';

const FILE_2025 = 'LA_Inspection_Outcomes_as_at_31_March_2025.ods';
const FIXTURES = join(__dirname, '../../../../libs/domain/inspections/src/ofsted-file/fixtures');

describe('the inspection import job, through the worker', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let queue: Queue;
  let imports: InspectionImportRequestService;
  let dataSource: DataSource;

  async function inspectionsSnapshot(): Promise<unknown> {
    return {
      events: await dataSource.query('SELECT * FROM inspection_event ORDER BY id'),
      judgements: await dataSource.query(
        'SELECT * FROM inspection_judgement ORDER BY inspection_id, area',
      ),
      audit: await dataSource.query('SELECT count(*) FROM audit_event'),
    };
  }

  /** Polls the request until it is finished, noting each percentage it showed on the way. */
  async function followed(id: string): Promise<{ seen: number[]; last: InspectionImportRequest }> {
    const seen: number[] = [];
    let last: InspectionImportRequest | null = null;
    await eventually(
      async () => {
        last = await imports.find(id);
        if (last && seen.at(-1) !== last.progress) seen.push(last.progress);
        return last?.status === 'DONE' || last?.status === 'FAILED';
      },
      { timeoutMs: 30_000, what: 'the import to finish' },
    );
    return { seen, last: last! };
  }

  const bullJobOf = (importId: string) =>
    queue.getJob(outboxJobId(INSPECTION_IMPORT, { importId }));

  beforeAll(async () => {
    // Seeded: the 2024 edition is imported already.
    database = await createTestDatabase();
    const config = {
      ...testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      outboxSweepIntervalMs: 100,
    };
    worker = await createWorker(config);
    await worker.init();
    queue = new Queue('default', {
      connection: { url: testEnvironment().redisUrl },
      prefix: config.queuePrefix,
    });
    imports = worker.get(InspectionImportRequestService);
    dataSource = worker.get(DataSource);
  });

  afterAll(async () => {
    await queue.close();
    await worker.close();
    await database.drop();
  });

  it('imports a queued file, its progress climbing to 100, and says what it changed', async () => {
    const { id } = await imports.request({
      buffer: readFileSync(join(FIXTURES, FILE_2025)),
      fileName: FILE_2025,
    });

    const { seen, last } = await followed(id);

    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(100);
    expect(last).toMatchObject({ status: 'DONE', error: null });
    expect(last.startedAt).toBeInstanceOf(Date);
    expect(last.finishedAt).toBeInstanceOf(Date);
    // The counts of this file over the 2024 edition, from inspection-import.int-spec.ts.
    expect(
      [last.summary?.added, last.summary?.enriched, last.summary?.corrected].map((l) => l?.length),
    ).toEqual([112, 68, 4]);
    expect(last.summary?.unchanged).toBe(147);
    await eventually(async () => (await bullJobOf(id))?.finishedOn !== undefined);
    expect(await (await bullJobOf(id))?.getState()).toBe('completed');

    // Run again (a redelivered job): nothing happens.
    const before = await inspectionsSnapshot();
    await worker
      .get(InspectionImportProcessor)
      .process({ importId: id }, { jobId: 'again', attempt: 1, attempts: 3 });
    expect(await imports.find(id)).toEqual(last);
    expect(await inspectionsSnapshot()).toEqual(before);
  });

  it('fails a file that is not an Ofsted edition at once, saying why, and writes nothing', async () => {
    const before = await inspectionsSnapshot();
    const { id } = await imports.request({
      buffer: Buffer.from('supplier,invoice,amount\nNorth Star,1,1250.00\n'),
      fileName: 'invoices.csv',
    });

    const { last } = await followed(id);

    expect(last).toMatchObject({ status: 'FAILED', summary: null });
    expect(last.error).toMatch(/^"invoices.csv" was not imported/);
    expect(await inspectionsSnapshot()).toEqual(before);
    // Not retried: a file that cannot be read will not read better later.
    await eventually(async () => (await bullJobOf(id))?.finishedOn !== undefined);
    expect(await (await bullJobOf(id))?.getState()).toBe('completed');
    expect((await bullJobOf(id))?.attemptsMade).toBe(1);
  });
});
