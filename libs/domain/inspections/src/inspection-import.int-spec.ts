import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { AuditEvent } from '@la-tracker/platform/audit';
import { BadUserInputError } from '@la-tracker/platform/errors';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import type { InspectionImportProgress } from './inspection-import-progress.rules';
import { InspectionImportService } from './inspection-import.service';
import { inspectionEntities } from './inspections.entities';
import { InspectionsModule } from './inspections.module';

const FILE_2025 = 'LA_Inspection_Outcomes_as_at_31_March_2025.ods';
const file2025 = () => readFileSync(join(__dirname, 'ofsted-file', 'fixtures', FILE_2025));
const USER = '5b0e7a9c-1d2f-4e3a-8b4c-6d7e8f9a0b1c';

describe('InspectionImportService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: InspectionImportService;
  let dataSource: DataSource;

  /** Every inspection row and the audit log, to prove that nothing changed. */
  async function snapshot(): Promise<unknown> {
    return {
      events: await dataSource.query('SELECT * FROM inspection_event ORDER BY id'),
      judgements: await dataSource.query(
        'SELECT * FROM inspection_judgement ORDER BY inspection_id, area',
      ),
      audit: await dataSource.query('SELECT count(*) FROM audit_event'),
    };
  }

  const eventsOf = (gssCode: string): Promise<Array<Record<string, unknown>>> =>
    dataSource.query(
      `SELECT e.id, e.kind, e.inspected_on, e.published_on, e.theme, e.source, e.source_file, e.source_sheet, e.source_row
         FROM inspection_event e JOIN local_authority la ON la.id = e.local_authority_id
        WHERE la.gss_code = $1 ORDER BY e.inspected_on NULLS FIRST, e.published_on`,
      [gssCode],
    );

  beforeEach(async () => {
    // The template is migrated and seeded: the seed has imported the 2024 edition.
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, ...inspectionEntities, AuditEvent],
      imports: [InspectionsModule],
    });
    sut = app.get(InspectionImportService);
    dataSource = app.get(DataSource);
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  describe('importBundled', () => {
    it('recorded the 2024 edition once, each event with its file, sheet and row, and audited', async () => {
      expect(await eventsOf('E08000038')).toEqual([
        expect.objectContaining({
          kind: 'STANDARD_INSPECTION',
          inspected_on: null,
          published_on: '2018-11-19',
          source: 'FILE',
          source_file: 'LA_Inspection_Outcomes_as_at_March_2024.ods',
          source_sheet: 'ILACS_inspections_2018-2024',
          source_row: 7,
        }),
        expect.objectContaining({
          kind: 'SHORT_INSPECTION',
          inspected_on: '2023-09-11',
          published_on: '2023-10-27',
          source_sheet: 'Inspections_31_March_2024',
          source_row: 6,
        }),
      ]);
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE action = 'inspection.import.add' AND actor_user_id IS NULL`,
      );
      expect(count).toBe(284);
    });

    it('changes nothing the second time', async () => {
      const before = await snapshot();
      const progress: InspectionImportProgress[] = [];
      const summary = await sut.importBundled({ onProgress: (p) => progress.push(p) });
      expect(summary).toMatchObject({
        added: [],
        enriched: [],
        corrected: [],
        unchanged: 284,
        notPlaced: [],
        problems: [],
      });
      expect(progress).toEqual([
        {
          percent: 20,
          message: expect.stringMatching(
            /^Read 4 tables: Inspections_31_March_2024 \(latest, 151 rows\)/,
          ),
        },
        { percent: 40, message: 'Matched 477 of 477 rows to local authorities' },
        { percent: 60, message: expect.stringMatching(/^Found \d+ events in the file/) },
        {
          percent: 100,
          message: 'Finished: 0 added, 0 enriched, 0 corrected, 284 unchanged',
        },
      ]);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('importFile', () => {
    it('writes nothing on a dry run, and says what it would do', async () => {
      const before = await snapshot();
      const summary = await sut.importFile(file2025(), FILE_2025, { dryRun: true });
      expect(summary).toMatchObject({ dryRun: true, unchanged: 147 });
      expect([summary.added.length, summary.enriched.length, summary.corrected.length]).toEqual([
        112, 68, 4,
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a file it does not understand, saying what was missing, and writes nothing', async () => {
      const before = await snapshot();
      const csv = Buffer.from('Local authority name,Children in need\nBarnsley,1200\n');
      await expect(sut.importFile(csv, 'cin.csv')).rejects.toThrow(BadUserInputError);
      await expect(sut.importFile(csv, 'cin.csv')).rejects.toThrow(/"cin.csv" was not imported/);
      expect(await snapshot()).toEqual(before);
    });

    it('matches a visit first recorded by hand and enriches it, never duplicating it', async () => {
      const [{ id }] = await dataSource.query(
        `INSERT INTO inspection_event (local_authority_id, kind, inspected_on, source, recorded_by_user_id)
         SELECT id, 'FOCUSED_VISIT', '2024-11-05', 'USER', $1 FROM local_authority WHERE gss_code = 'E08000038'
         RETURNING id`,
        [USER],
      );
      const summary = await sut.importFile(file2025(), FILE_2025, { actorUserId: USER });
      expect(summary.enriched.filter((e) => e.id === id)).toEqual([
        expect.objectContaining({
          firstRecordedBy: 'USER',
          matchedBy: 'SAME_INSPECTION_DATE',
          fills: [
            { field: 'publishedOn', before: null, after: '2024-12-05' },
            { field: 'theme', before: null, after: 'Children in care' },
          ],
        }),
      ]);
      const visits = (await eventsOf('E08000038')).filter((e) => e.kind === 'FOCUSED_VISIT');
      expect(visits).toEqual([
        expect.objectContaining({
          id,
          inspected_on: '2024-11-05',
          published_on: '2024-12-05',
          theme: 'Children in care',
          source: 'USER',
          source_file: null,
        }),
      ]);
      const audit = await dataSource.getRepository(AuditEvent).findBy({ entityId: id });
      expect(audit).toEqual([
        expect.objectContaining({
          actorUserId: USER,
          action: 'inspection.import.enrich',
          before: { publishedOn: null, theme: null },
          after: expect.objectContaining({
            publishedOn: '2024-12-05',
            theme: 'Children in care',
            file: FILE_2025,
            rows: ['In-year_inspections row 6'],
          }),
        }),
      ]);
    });

    it("applies a newer edition's corrections, audited and reported, and keeps them when the older one is imported again", async () => {
      const progress: InspectionImportProgress[] = [];
      const summary = await sut.importFile(file2025(), FILE_2025, {
        onProgress: (p) => progress.push(p),
      });
      // 112 added, 68 enriched and 4 corrected (as the dry run above says): 184 events written.
      expect(progress.map((p) => p.percent)).toEqual([
        20, 40, 60, 60, 65, 70, 75, 80, 85, 90, 95, 100,
      ]);
      expect(progress.slice(3, 5).map((p) => p.message)).toEqual([
        'Writing 184 events',
        'Wrote 27 of 184 events',
      ]);
      expect(progress.at(-2)?.message).toBe('Wrote 184 of 184 events');
      expect(summary.corrected.map((e) => [e.localAuthority, e.matchedBy, e.corrections])).toEqual([
        [
          'Isles of Scilly (E06000053)',
          'NEARBY_GRADED_INSPECTION',
          [{ field: 'inspectedOn', before: '2023-07-10', after: '2023-07-11' }],
        ],
        [
          'Merton (E09000024)',
          'NEARBY_GRADED_INSPECTION',
          [{ field: 'kind', before: 'STANDARD_INSPECTION', after: 'SHORT_INSPECTION' }],
        ],
        [
          'Nottingham (E06000018)',
          'SAME_INSPECTION_DATE',
          [{ field: 'publishedOn', before: '2022-11-05', after: '2022-09-05' }],
        ],
        [
          'Staffordshire (E10000028)',
          'SAME_INSPECTION_DATE',
          [
            {
              field: 'CARE_LEAVERS',
              before: 'GOOD (ILACS_2023)',
              after: 'REQUIRES_IMPROVEMENT (ILACS_2023)',
            },
          ],
        ],
      ]);
      const nottingham = summary.corrected[2].id;
      expect(await dataSource.getRepository(AuditEvent).findBy({ entityId: nottingham })).toEqual([
        expect.objectContaining({ action: 'inspection.import.add' }),
        expect.objectContaining({
          action: 'inspection.import.correct',
          actorUserId: null,
          before: { publishedOn: '2022-11-05' },
          after: expect.objectContaining({ publishedOn: '2022-09-05', edition: '2025-05-14' }),
        }),
      ]);
      // Graded inspections: exactly those of the 2025 history table, none twice.
      const [{ graded }] = await dataSource.query(
        `SELECT count(*)::int AS graded FROM inspection_event WHERE kind IN ('STANDARD_INSPECTION', 'SHORT_INSPECTION')`,
      );
      expect(graded).toBe(271);

      const after2025 = await snapshot();
      const again = await sut.importBundled();
      expect(again).toMatchObject({ added: [], enriched: [], corrected: [], unchanged: 284 });
      expect(again.keptNewer.map((e) => e.localAuthority)).toEqual([
        'Isles of Scilly (E06000053)',
        'Merton (E09000024)',
        'Nottingham (E06000018)',
        'Staffordshire (E10000028)',
      ]);
      expect(await snapshot()).toEqual(after2025);
      expect((await sut.importFile(file2025(), FILE_2025)).unchanged).toBe(331);
      expect(await snapshot()).toEqual(after2025);
    });
  });
});
