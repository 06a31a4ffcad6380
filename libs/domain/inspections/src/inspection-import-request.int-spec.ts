import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role, type Caller } from '@la-tracker/platform/auth';
import type { AppConfig } from '@la-tracker/platform/config';
import { BadUserInputError, ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import { OutboxJob, OutboxWriter, QueueModule } from '@la-tracker/platform/queue';
import { FileStorage, StorageModule } from '@la-tracker/platform/storage';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { FixedClock } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { InspectionImportRequestRepository } from './inspection-import-request.repository';
import { MAX_IMPORT_FILE_BYTES } from './inspection-import-request.rules';
import {
  InspectionImportRequestService,
  type InspectionImportRequest,
} from './inspection-import-request.service';
import { InspectionImportRequestsModule } from './inspection-import-requests.module';
import { inspectionEntities } from './inspections.entities';

const FILE_2025 = 'LA_Inspection_Outcomes_as_at_31_March_2025.ods';
const file2025 = () => ({
  buffer: readFileSync(join(__dirname, 'ofsted-file', 'fixtures', FILE_2025)),
  fileName: FILE_2025,
});
const notOfsted = () => ({
  buffer: Buffer.from('supplier,invoice,amount\nNorth Star,1,1250.00\n'),
  fileName: 'invoices.csv',
});
const ONLY_ATTEMPT = { number: 1, of: 1 };
const NOW = new Date('2025-06-02T09:30:00Z');

const callerWith = (role: Role): Caller => ({
  userId: null,
  issuer: 'test',
  subject: role,
  email: null,
  grants: [{ role, supplierId: null, regionCode: null, programmeId: null }],
});

describe('InspectionImportRequestService', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let app: INestApplicationContext;
  let sut: InspectionImportRequestService;
  let dataSource: DataSource;
  let storage: FileStorage;

  /** The inspections and the audit log, to prove that nothing changed. */
  async function inspectionsSnapshot(): Promise<unknown> {
    return {
      events: await dataSource.query('SELECT * FROM inspection_event ORDER BY id'),
      judgements: await dataSource.query(
        'SELECT * FROM inspection_judgement ORDER BY inspection_id, area',
      ),
      audit: await dataSource.query('SELECT count(*) FROM audit_event'),
    };
  }

  const storedFiles = () => {
    try {
      return readdirSync(join(config.fileStorageDir, 'inspection-imports'));
    } catch {
      return [];
    }
  };
  const requestRow = async (id: string) => (await sut.find(id)) as InspectionImportRequest;

  beforeEach(async () => {
    // The template is migrated and seeded: the seed has imported the 2024 edition.
    database = await createTestDatabase();
    config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    app = await createDomainTestContext({
      config,
      entities: [...localAuthorityEntities, ...inspectionEntities, AuditEvent, OutboxJob],
      imports: [
        QueueModule.forRoot(config),
        StorageModule.forRoot(config),
        InspectionImportRequestsModule,
      ],
      clock: new FixedClock(NOW),
    });
    sut = app.get(InspectionImportRequestService);
    dataSource = app.get(DataSource);
    storage = app.get(FileStorage);
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  describe('request', () => {
    it('stores the file and queues its import, in one go', async () => {
      const requested = await sut.request(file2025(), { dryRun: true });

      expect(requested).toMatchObject({
        fileName: FILE_2025,
        dryRun: true,
        requestedByUserId: null,
        status: 'QUEUED',
        progress: 0,
        summary: null,
        startedAt: null,
      });
      expect(storedFiles()).toEqual([requested.id]);
      expect(await storage.get(`inspection-imports/${requested.id}`)).toEqual(file2025().buffer);
      const jobs = await dataSource.getRepository(OutboxJob).findBy({ name: 'inspections.import' });
      expect(jobs.map((job) => job.payload)).toEqual([{ importId: requested.id }]);
    });

    it.each([
      ['an empty file', { buffer: Buffer.alloc(0), fileName: 'empty.ods' }, /file: is empty/],
      [
        'a file over 20 MB',
        { buffer: Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1), fileName: 'huge.ods' },
        /file: is larger than 20 MB/,
      ],
    ])('refuses %s, storing and queuing nothing', async (_case, file, message) => {
      const attempt = sut.request(file);
      await expect(attempt).rejects.toThrow(BadUserInputError);
      await expect(attempt).rejects.toThrow(message);
      expect(storedFiles()).toEqual([]);
      expect(await dataSource.getRepository(OutboxJob).count()).toBe(0);
    });

    it('deletes the stored file when the request cannot be recorded', async () => {
      jest
        .spyOn(app.get(OutboxWriter), 'enqueue')
        .mockRejectedValueOnce(new Error('the outbox is full'));

      await expect(sut.request(file2025())).rejects.toThrow('the outbox is full');

      expect(storedFiles()).toEqual([]);
      expect(await dataSource.query('SELECT id FROM inspection_import')).toEqual([]);
    });
  });

  describe('run', () => {
    it('imports the file, recording progress and what it changed, and says DONE', async () => {
      const { id } = await sut.request(file2025());

      await sut.run(id, ONLY_ATTEMPT);

      const done = await requestRow(id);
      expect(done).toMatchObject({
        status: 'DONE',
        progress: 100,
        progressMessage: 'Finished: 112 added, 68 enriched, 4 corrected, 147 unchanged',
        error: null,
        startedAt: NOW,
        finishedAt: NOW,
      });
      // The counts of the same file's dry run in inspection-import.int-spec.ts.
      expect(done.summary).toMatchObject({ fileName: FILE_2025, dryRun: false, unchanged: 147 });
      expect(
        [done.summary?.added, done.summary?.enriched, done.summary?.corrected].map(
          (l) => l?.length,
        ),
      ).toEqual([112, 68, 4]);
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE after ->> 'file' = $1`,
        [FILE_2025],
      );
      expect(count).toBe(112 + 68 + 4);
      // The summary is what is kept; the file handed in is not.
      expect(storedFiles()).toEqual([]);
    });

    it('writes progress as the import runs, once per percentage, only ever forward', async () => {
      const { id } = await sut.request(file2025());
      const reported = jest.spyOn(
        app.get(InspectionImportRequestRepository, { strict: false }),
        'reportProgress',
      );

      await sut.run(id, ONLY_ATTEMPT);

      // 112 + 68 + 4 = 184 events written, in steps of 5%; DONE then sets 100.
      expect(reported.mock.calls.map(([, percent]) => percent)).toEqual([
        20, 40, 60, 65, 70, 75, 80, 85, 90, 95,
      ]);
      expect(reported.mock.calls[2][2]).toMatch(/^Found \d+ events in the file/);
    });

    it('leaves a finished request as it is when run again', async () => {
      const { id } = await sut.request(file2025());
      await sut.run(id, ONLY_ATTEMPT);
      const done = await requestRow(id);
      const before = await inspectionsSnapshot();

      await sut.run(id, ONLY_ATTEMPT);

      expect(await requestRow(id)).toEqual(done);
      expect(await inspectionsSnapshot()).toEqual(before);
    });

    it('fails a request the queue gave up on, unless it had finished', async () => {
      const { id } = await sut.request(file2025());
      await dataSource.query(`UPDATE inspection_import SET status = 'RUNNING' WHERE id = $1`, [id]);
      await sut.giveUp(id);
      expect(await requestRow(id)).toMatchObject({
        status: 'FAILED',
        error: expect.stringMatching(/^The import was stopped too often before it could finish/),
      });
      expect(storedFiles()).toEqual([]);

      const finished = await sut.request(file2025());
      await sut.run(finished.id, ONLY_ATTEMPT);
      const done = await requestRow(finished.id);
      await sut.giveUp(finished.id);
      expect(await requestRow(finished.id)).toEqual(done);
    });

    it('runs again a request a stopped worker left RUNNING', async () => {
      const { id } = await sut.request(file2025());
      await dataSource.query(
        `UPDATE inspection_import SET status = 'RUNNING', progress = 40 WHERE id = $1`,
        [id],
      );

      await sut.run(id, ONLY_ATTEMPT);

      expect((await requestRow(id)).summary?.added).toHaveLength(112);
    });

    it('counts what one import changed when two runs of it race', async () => {
      const { id } = await sut.request(file2025());

      await Promise.all([sut.run(id, ONLY_ATTEMPT), sut.run(id, ONLY_ATTEMPT)]);

      const done = await requestRow(id);
      expect(done.status).toBe('DONE');
      expect(done.summary?.added).toHaveLength(112);
    });

    it('fails a file that is not an Ofsted edition for good, saying why, and imports nothing', async () => {
      const before = await inspectionsSnapshot();
      const { id } = await sut.request(notOfsted());

      await expect(sut.run(id, { number: 1, of: 3 })).resolves.toBeUndefined();

      expect(await requestRow(id)).toMatchObject({
        status: 'FAILED',
        error: expect.stringMatching(/^"invoices.csv" was not imported/),
        summary: null,
        finishedAt: NOW,
      });
      expect(await inspectionsSnapshot()).toEqual(before);
      expect(storedFiles()).toEqual([]);
    });

    it('throws an unexpected error for the queue to retry, and fails the request on the last attempt', async () => {
      const { id } = await sut.request(file2025());
      await storage.delete(`inspection-imports/${id}`);

      await expect(sut.run(id, { number: 1, of: 3 })).rejects.toThrow(/No file is stored/);
      expect(await requestRow(id)).toMatchObject({
        status: 'QUEUED',
        progress: 0,
        progressMessage: 'Attempt 1 of 3 stopped on an unexpected error; it will be tried again',
        error: null,
      });

      await expect(sut.run(id, { number: 3, of: 3 })).rejects.toThrow(/No file is stored/);
      expect(await requestRow(id)).toMatchObject({
        status: 'FAILED',
        error:
          "The import stopped on an unexpected error 3 times, so nothing was imported; the worker's log says why.",
      });
    });
  });

  describe('get', () => {
    it('answers programme managers and admins', async () => {
      const { id } = await sut.request(file2025());
      for (const role of [Role.PROGRAMME_MANAGER, Role.ADMIN])
        expect((await sut.get(callerWith(role), id)).id).toBe(id);
    });

    it('refuses suppliers and regional advisers', async () => {
      const { id } = await sut.request(file2025());
      for (const role of [Role.SUPPLIER, Role.REGIONAL_ADVISER])
        await expect(sut.get(callerWith(role), id)).rejects.toThrow(ForbiddenError);
    });

    it.each(['0b6f4c1e-3f5d-4c1a-9a8e-1f2d3c4b5a69', 'not-an-id'])(
      'answers NOT_FOUND for %p',
      async (id) => {
        await expect(sut.get(callerWith(Role.ADMIN), id)).rejects.toThrow(NotFoundError);
      },
    );
  });

  describe('list', () => {
    it('pages through the requests, newest first', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push((await sut.request(file2025())).id);
      const admin = callerWith(Role.ADMIN);

      const first = await sut.list(admin, { first: 2 });
      const second = await sut.list(admin, { first: 2, after: first.edges[1].cursor });

      expect(first.totalCount).toBe(3);
      expect([...first.edges, ...second.edges].map((edge) => edge.node.id)).toEqual(
        [...ids].reverse(),
      );
      expect([first.hasNextPage, second.hasNextPage]).toEqual([true, false]);
    });

    it('refuses a cursor it did not give out', async () => {
      const cursor = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
      await expect(sut.list(callerWith(Role.ADMIN), { after: cursor })).rejects.toThrow(
        BadUserInputError,
      );
    });

    it('refuses suppliers', async () => {
      await expect(sut.list(callerWith(Role.SUPPLIER), {})).rejects.toThrow(ForbiddenError);
    });
  });
});
