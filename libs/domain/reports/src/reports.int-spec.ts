import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { read, utils } from '@e965/xlsx';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { identityEntities } from '@la-tracker/domain/identity';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { DEFAULT_PROGRAMME, programmeEntities } from '@la-tracker/domain/programmes';
import { sessionEntities } from '@la-tracker/domain/sessions';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import type { AppConfig } from '@la-tracker/platform/config';
import { ErrorCode } from '@la-tracker/platform/errors';
import { OutboxJob, QueueModule } from '@la-tracker/platform/queue';
import { FileStorage, StorageModule } from '@la-tracker/platform/storage';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  refusedWith,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { FixedClock } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { reportEntities } from './report.entity';
import { ReportRepository } from './report.repository';
import { ReportsModule } from './reports.module';
import { ReportsService } from './reports.service';

const PROGRAMME = DEFAULT_PROGRAMME.id;
const ADMIN = callerWith([grant(Role.ADMIN)]);
const MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })]);
const OTHER_MANAGER = callerWith([
  grant(Role.PROGRAMME_MANAGER, { programmeId: '00000000-0000-4000-8000-000000000001' }),
]);
const SUPPLIER = callerWith([
  grant(Role.SUPPLIER, { supplierId: '00000000-0000-4000-8000-000000000002' }),
]);
const ADVISER = callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })]);
const ONLY_ATTEMPT = { number: 1, of: 1 };
const SESSIONS = 50_000;

describe('ReportsService', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let app: INestApplicationContext;
  let sut: ReportsService;
  let dataSource: DataSource;

  const row = async (id: string) =>
    (
      await dataSource.query<
        Array<{
          status: string;
          progress: number;
          error: string | null;
          storage_key: string;
          byte_size: string | null;
        }>
      >(`SELECT status, progress, error, storage_key, byte_size FROM report WHERE id = $1`, [id])
    )[0];
  /** The files the report's runs left in storage. */
  const filesOf = (id: string) => {
    const directory = join(config.fileStorageDir, 'reports', id);
    return existsSync(directory) ? readdirSync(directory) : [];
  };
  const stored = (key: string) => readFileSync(join(config.fileStorageDir, key));

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    app = await createDomainTestContext({
      config,
      entities: [
        ...localAuthorityEntities,
        ...identityEntities,
        ...programmeEntities,
        ...engagementEntities,
        ...sessionEntities,
        ...reportEntities,
        AuditEvent,
        OutboxJob,
      ],
      imports: [QueueModule.forRoot(config), StorageModule.forRoot(config), ReportsModule],
      clock: new FixedClock(new Date('2026-11-01T06:00:00Z')),
    });
    sut = app.get(ReportsService);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('request', () => {
    it('writes the report and its build job in one transaction', async () => {
      const report = await sut.request(MANAGER, {
        programmeId: PROGRAMME,
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'ODS',
      });
      expect(report).toMatchObject({ status: 'QUEUED', progress: 0, fileName: null });
      const jobs = await dataSource.query<Array<{ name: string; payload: unknown }>>(
        `SELECT name, payload FROM outbox_job WHERE job_id = $1`,
        [`reports.build/${report.id}`],
      );
      expect(jobs).toEqual([{ name: 'reports.build', payload: { reportId: report.id } }]);
    });

    it('refuses suppliers and advisers, and answers NOT_FOUND for another manager’s programme', async () => {
      const input = {
        programmeId: PROGRAMME,
        kind: 'MONTHLY_MI' as const,
        financialYear: '2022-23',
        format: 'ODS' as const,
      };
      await refusedWith(sut.request(SUPPLIER, input), ErrorCode.FORBIDDEN);
      await refusedWith(sut.request(ADVISER, input), ErrorCode.FORBIDDEN);
      await refusedWith(sut.request(OTHER_MANAGER, input), ErrorCode.NOT_FOUND);
      const mine = await sut.request(ADMIN, input);
      await refusedWith(sut.get(OTHER_MANAGER, mine.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.get(SUPPLIER, mine.id), ErrorCode.FORBIDDEN);
      expect((await sut.get(MANAGER, mine.id)).id).toBe(mine.id);
    });
  });

  describe('build', () => {
    it('builds the pack, rebuilds nothing once DONE, and gives a link only then', async () => {
      const report = await sut.request(MANAGER, {
        programmeId: PROGRAMME,
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'XLSX',
      });
      expect(sut.downloadUrlOf(report)).toBeNull();
      await sut.build(report.id, ONLY_ATTEMPT);
      const done = await sut.get(MANAGER, report.id);
      expect(done).toMatchObject({ status: 'DONE', progress: 100, error: null });
      expect(done.fileName).toMatch(/-monthly-mi-2022-23-2026-11\.xlsx$/);
      const workbook = read(stored((await row(report.id)).storage_key));
      expect(workbook.SheetNames).toContain('Service lines');
      expect(sut.downloadUrlOf(done)).toMatch(/^\/reports\/.+\/download\?expires=\d+&signature=/);

      // A second run of the job (a retry that arrives late) leaves it as it is.
      await sut.build(report.id, ONLY_ATTEMPT);
      expect((await row(report.id)).status).toBe('DONE');
    });

    it('builds again from the start a report a stopped worker left RUNNING', async () => {
      const report = await sut.request(MANAGER, {
        programmeId: PROGRAMME,
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'CSV',
      });
      // The stopped run had stored its file but not yet recorded it.
      const stoppedRun = '00000000-0000-4000-8000-0000000000aa';
      await dataSource.query(
        `UPDATE report SET status = 'RUNNING', progress = 40, run_id = $2 WHERE id = $1`,
        [report.id, stoppedRun],
      );
      mkdirSync(join(config.fileStorageDir, 'reports', report.id), { recursive: true });
      writeFileSync(join(config.fileStorageDir, 'reports', report.id, stoppedRun), 'stale');

      await sut.build(report.id, { number: 2, of: 3 });
      const done = await row(report.id);
      expect(done).toMatchObject({ status: 'DONE', progress: 100 });
      // Only the new run's file is left, and it is the one the row names.
      expect(filesOf(report.id)).toEqual([done.storage_key.split('/').at(-1)]);
      expect(done.storage_key).not.toContain(stoppedRun);
    });

    it('keeps the row and its file together when two runs of one build overlap', async () => {
      const report = await sut.request(MANAGER, {
        programmeId: PROGRAMME,
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'CSV',
      });
      // As when a job's lock is lost: the queue starts it again while the first run still goes,
      // and the first stores its file only after the second has finished.
      const storage = app.get(FileStorage);
      const put = storage.put.bind(storage);
      let letFirstStore!: () => void;
      const firstMayStore = new Promise<void>((resolve) => (letFirstStore = resolve));
      let firstIsStoring!: () => void;
      const firstStoring = new Promise<void>((resolve) => (firstIsStoring = resolve));
      const spy = jest.spyOn(storage, 'put').mockImplementationOnce(async (key, data) => {
        firstIsStoring();
        await firstMayStore;
        return put(key, data);
      });
      try {
        const first = sut.build(report.id, ONLY_ATTEMPT);
        await firstStoring;
        await sut.build(report.id, ONLY_ATTEMPT);
        const done = await row(report.id);
        letFirstStore();
        await first;

        expect(await row(report.id)).toEqual(done);
        expect(done.status).toBe('DONE');
        // The first run's file is gone; the one left is the second's, as long as the row says.
        expect(spy.mock.calls.map(([key]) => key)).toEqual([
          expect.stringMatching(`^reports/${report.id}/`),
          done.storage_key,
        ]);
        expect(spy.mock.calls[0][0]).not.toBe(done.storage_key);
        expect(filesOf(report.id)).toEqual([done.storage_key.split('/').at(-1)]);
        expect(stored(done.storage_key).length).toBe(Number(done.byte_size));
      } finally {
        spy.mockRestore();
      }
    });

    it('lets only the run holding the report record progress, finish it or put it back', async () => {
      const report = await sut.request(MANAGER, {
        programmeId: PROGRAMME,
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'ODS',
      });
      const repository = app.get(ReportRepository);
      const [first, second] = [
        '00000000-0000-4000-8000-0000000000a1',
        '00000000-0000-4000-8000-0000000000a2',
      ];
      const at = new Date('2026-11-01T06:00:00Z');
      expect((await repository.start(report.id, first, at))?.previousRunId).toBeNull();
      expect((await repository.start(report.id, second, at))?.previousRunId).toBe(first);
      await repository.reportProgress(report.id, first, 60);
      await repository.requeue(report.id, first);
      await repository.fail(report.id, 'the first run failed', at, first);
      expect(await row(report.id)).toMatchObject({ status: 'RUNNING', progress: 0, error: null });
      const file = { byteSize: 5, fileName: 'pack.ods' };
      expect(
        await repository.finish(
          report.id,
          first,
          { ...file, storageKey: `reports/${report.id}/${first}` },
          at,
        ),
      ).toBe(false);
      expect(
        await repository.finish(
          report.id,
          second,
          { ...file, storageKey: `reports/${report.id}/${second}` },
          at,
        ),
      ).toBe(true);
      expect(await row(report.id)).toMatchObject({
        status: 'DONE',
        storage_key: `reports/${report.id}/${second}`,
      });
      // Finished: no run starts it again.
      expect(await repository.start(report.id, first, at)).toBeNull();
    });

    it('fails the report when the queue gives up, saying so, and leaves a finished one alone', async () => {
      const report = await sut.request(MANAGER, {
        programmeId: PROGRAMME,
        kind: 'ENGAGEMENTS_EXTRACT',
        financialYear: '2022-23',
        format: 'CSV',
      });
      await sut.giveUp(report.id, 'stalled 3 times');
      const failed = await sut.get(MANAGER, report.id);
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toMatch(/could not be built \(stalled 3 times\)/);
      expect(sut.downloadUrlOf(failed)).toBeNull();
      // Too late to build it now.
      await sut.build(report.id, ONLY_ATTEMPT);
      expect((await row(report.id)).status).toBe('FAILED');
    });

    it(`streams an extract of ${SESSIONS.toLocaleString('en-GB')} sessions, its progress climbing as it goes`, async () => {
      const [lot] = await dataSource.query<Array<{ id: string }>>(
        `SELECT l.id FROM lot l JOIN lot_service_line s ON s.lot_id = l.id
          WHERE l.programme_id = $1 AND s.service_line = 'POLITICAL_LEADERSHIP'
          ORDER BY l.valid_from LIMIT 1`,
        [PROGRAMME],
      );
      const [supplier] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO supplier (name, name_key) VALUES ('Bulk Delivery Ltd', 'bulk delivery ltd') RETURNING id`,
      );
      const [contract] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO contract (programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on)
         VALUES ($1, $2, $3, 'BULK-1', 100000000, '2021-06-01', '2024-03-31') RETURNING id`,
        [PROGRAMME, supplier.id, lot.id],
      );
      await dataSource.query(
        `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                       planned_on, financial_year, topic)
         SELECT $1, 'POLITICAL_LEADERSHIP', $2, $3, 'PLANNED',
                DATE '2022-04-01' + (g % 365), '2022-23', 'Planned session ' || g
           FROM generate_series(1, $4::int) g`,
        [PROGRAMME, supplier.id, contract.id, SESSIONS],
      );

      for (const format of ['CSV', 'XLSX'] as const) {
        const report = await sut.request(ADMIN, {
          programmeId: PROGRAMME,
          kind: 'SESSIONS_EXTRACT',
          financialYear: '2022-23',
          format,
        });
        const seen: number[] = [];
        let building = true;
        const watching = (async () => {
          while (building) {
            seen.push((await row(report.id)).progress);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        })();
        await sut.build(report.id, ONLY_ATTEMPT);
        building = false;
        await watching;

        const done = await row(report.id);
        expect({ format, status: done.status, progress: done.progress }).toEqual({
          format,
          status: 'DONE',
          progress: 100,
        });
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(seen.some((percent) => percent > 5 && percent < 95)).toBe(true);
        const file = stored(done.storage_key);
        if (format === 'CSV') {
          const lines = file.toString('utf8').trimEnd().split('\n');
          expect(lines).toHaveLength(1 + SESSIONS);
          expect(lines[0]).toMatch(/^Session id,Status,Service line,Supplier,Contract,/);
          expect(lines.filter((line) => line.includes(',BULK-1,'))).toHaveLength(SESSIONS);
        } else {
          const sheet = read(file, { dense: true }).Sheets.Sessions;
          expect(utils.sheet_to_json(sheet, { header: 1 })).toHaveLength(1 + SESSIONS);
        }
      }
    }, 180_000);
  });

  describe('requestMonthly', () => {
    it('asks once a month for each running programme’s pack, however often it runs', async () => {
      const packs = () =>
        dataSource.query<Array<{ programme_id: string; format: string; financial_year: string }>>(
          `SELECT programme_id, format, financial_year FROM report WHERE schedule_key IS NOT NULL`,
        );
      // 1 November 2023: the default programme runs then; the year is 2023-24.
      expect(await sut.requestMonthly('2023-11-01')).toBe(1);
      expect(await sut.requestMonthly('2023-11-01')).toBe(0);
      expect(await packs()).toEqual([
        { programme_id: PROGRAMME, format: 'ODS', financial_year: '2023-24' },
      ]);
      // The next month gets its own.
      expect(await sut.requestMonthly('2023-12-01')).toBe(1);
      const [queued] = await dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM outbox_job j JOIN report r ON j.job_id = 'reports.build/' || r.id
          WHERE r.schedule_key IS NOT NULL`,
      );
      expect(queued.n).toBe(2);
    });

    it('on 1 April asks for the pack of the year just ended, even for a programme ended in March', async () => {
      const packFor = (month: string) =>
        dataSource.query<Array<{ financial_year: string }>>(
          `SELECT financial_year FROM report WHERE schedule_key = $1`,
          [`MONTHLY_MI/covering/${month}`],
        );
      // The default programme runs from 31 May 2021 to 31 March 2024.
      expect(await sut.requestMonthly('2024-04-01')).toBe(1);
      expect(await packFor('2024-03')).toEqual([{ financial_year: '2023-24' }]);
      // It ran in no day of April 2024, so there is nothing on 1 May.
      expect(await sut.requestMonthly('2024-05-01')).toBe(0);
      // It ran on one day of May 2021, its first, which gets the pack of 2021-22.
      expect(await sut.requestMonthly('2021-06-01')).toBe(1);
      expect(await packFor('2021-05')).toEqual([{ financial_year: '2021-22' }]);
      // A late run in April 2024 (a retry the next day) asks for nothing more.
      expect(await sut.requestMonthly('2024-04-02')).toBe(0);
    });
  });
});
