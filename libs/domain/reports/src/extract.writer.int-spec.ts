import type { INestApplicationContext } from '@nestjs/common';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { identityEntities } from '@la-tracker/domain/identity';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { DEFAULT_PROGRAMME, programmeEntities } from '@la-tracker/domain/programmes';
import { sessionEntities } from '@la-tracker/domain/sessions';
import { AuditEvent } from '@la-tracker/platform/audit';
import { OutboxJob, QueueModule } from '@la-tracker/platform/queue';
import { DirectoryFileStorage, StorageModule } from '@la-tracker/platform/storage';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ExtractRepository, extractOf } from './extract.repository';
import { writeCsvExtract, writeXlsxExtract, type ExtractOutput } from './extract.writer';
import { reportEntities } from './report.entity';
import { ReportsModule } from './reports.module';

const PROGRAMME = DEFAULT_PROGRAMME.id;
const SESSIONS = 20_000;

/** Extracts read through a real cursor, written to a store that fails. */
describe('extract writers on a PostgreSQL cursor, when storage fails', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let extracts: ExtractRepository;
  let dataSource: DataSource;

  const pool = () => (dataSource.driver as unknown as { master: Pool }).master;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
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
    });
    extracts = app.get(ExtractRepository);
    dataSource = app.get(DataSource);
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
              DATE '2022-04-01' + (g % 365), '2022-23', 'Planned session ' || g || repeat('.', 200)
         FROM generate_series(1, $4::int) g`,
      [PROGRAMME, supplier.id, contract.id, SESSIONS],
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** Writes the sessions' extract to the store through the cursor, counting rows read. */
  async function extract(
    write: typeof writeXlsxExtract,
    store: ExtractOutput['store'],
  ): Promise<{ outcome: PromiseSettledResult<number>; rowsRead: number }> {
    let rowsRead = 0;
    const { sheetName, columns } = extractOf('SESSIONS_EXTRACT');
    const outcome = await extracts
      .withRows('SESSIONS_EXTRACT', PROGRAMME, '2022-23', (rows) =>
        write({ columns, sheetName, rows, store, onRows: (n) => (rowsRead = n) }),
      )
      .then(
        (value): PromiseSettledResult<number> => ({ status: 'fulfilled', value }),
        (reason: unknown): PromiseSettledResult<number> => ({ status: 'rejected', reason }),
      );
    return { outcome, rowsRead };
  }

  /**
   * Nothing of the extract is left open: no backend is still in the extract's query or its
   * transaction (a cursor left open would be), and the pool hands out a connection.
   */
  async function expectConnectionsFree(): Promise<void> {
    const busy = async () =>
      (
        await dataSource.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND state <> 'idle' AND query LIKE '%JOIN contract k ON k.id = s.contract_id%'`,
        )
      )[0].n;
    // The cursor's close reaches the server just after the connection is handed back.
    let stillBusy = await busy();
    for (let tries = 0; stillBusy > 0 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      stillBusy = await busy();
    }
    expect(stillBusy).toBe(0);
    expect(pool().waitingCount).toBe(0);
  }

  it.each([
    ['XLSX', writeXlsxExtract],
    ['CSV', writeCsvExtract],
  ] as const)(
    '%s: a disk that fills part way fails the build at once and frees the cursor’s connection',
    async (_, write) => {
      const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      let taken = 0;
      const { outcome, rowsRead } = await extract(write, async (file) => {
        for await (const chunk of file) {
          taken += (chunk as Buffer).length;
          if (taken > 64 * 1024) throw full;
        }
        return taken;
      });
      expect(outcome).toEqual({ status: 'rejected', reason: full });
      // It stopped where the disk did, not at the end of the rows.
      expect(rowsRead).toBeLessThan(SESSIONS / 2);
      await expectConnectionsFree();
    },
    60_000,
  );

  it.each([
    ['XLSX', writeXlsxExtract],
    ['CSV', writeCsvExtract],
  ] as const)(
    '%s: storage that cannot write at all fails the build and frees the connection',
    async (_, write) => {
      const storage = new DirectoryFileStorage('/dev/null/reports');
      const { outcome, rowsRead } = await extract(write, (file) =>
        storage.putStream('reports/r1', file),
      );
      expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'ENOTDIR' } });
      expect(rowsRead).toBe(0);
      await expectConnectionsFree();
    },
    60_000,
  );

  it('writes the whole extract when storage keeps up, and frees the connection', async () => {
    let taken = 0;
    const { outcome, rowsRead } = await extract(writeXlsxExtract, async (file) => {
      for await (const chunk of file) taken += (chunk as Buffer).length;
      return taken;
    });
    expect(outcome).toEqual({ status: 'fulfilled', value: taken });
    expect(rowsRead).toBe(SESSIONS);
    await expectConnectionsFree();
  }, 60_000);
});
