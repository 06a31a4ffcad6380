import type { INestApplicationContext } from '@nestjs/common';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { AuditEvent } from '@la-tracker/platform/audit';
import { localAuthorityEntities } from './local-authorities.entities';
import { LocalAuthoritiesModule } from './local-authorities.module';
import { DataSource } from 'typeorm';
import { LocalAuthoritiesService } from './local-authorities.service';
import { LocalAuthorityImportService } from './local-authority-import.service';

const HEADER =
  'gss_code,dfe_code,name,region_code,region_name,type,valid_from,valid_to,earlier_gss_codes,replaced_by';

// A made-up split of Surrey into two unitary councils from 1 April 2027.
const SURREY_SPLIT = [
  HEADER,
  'E10000030,936,Surrey,E12000008,South East,county,,2027-03-31,,E06000071;E06000072',
  'E06000071,944,East Surrey,E12000008,South East,unitary,2027-04-01,,,',
  'E06000072,945,West Surrey,E12000008,South East,unitary,2027-04-01,,,',
].join('\n');

describe('LocalAuthorityImportService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: LocalAuthorityImportService;
  let las: LocalAuthoritiesService;

  /** Every row of every local-authority table, to prove that nothing changed. */
  async function snapshot(): Promise<unknown> {
    const dataSource = app.get(DataSource);
    const tables = [
      'local_authority',
      'local_authority_earlier_code',
      'local_authority_succession',
      'local_authority_alias',
      'region',
    ];
    const rows: Record<string, unknown> = {};
    for (const table of tables)
      rows[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
    return rows;
  }

  const count = async (activeOn: string) => (await las.list({ activeOn }, { first: 1 })).totalCount;

  beforeEach(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, AuditEvent],
      imports: [LocalAuthoritiesModule],
    });
    sut = app.get(LocalAuthorityImportService);
    las = app.get(LocalAuthoritiesService);
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  describe('importFile', () => {
    it('splits Surrey in two from 1 April 2027, keeping its history', async () => {
      const surreyBefore = await las.get('E10000030');

      const summary = await sut.importFile(SURREY_SPLIT);

      expect(summary.created.map((la) => la.name)).toEqual(['East Surrey', 'West Surrey']);
      expect(summary.updated).toEqual([
        {
          gssCode: 'E10000030',
          changes: [{ field: 'validTo', before: null, after: '2027-03-31' }],
          addedEarlierGssCodes: [],
        },
      ]);
      expect(await count('2027-03-31')).toBe(153);
      expect(await count('2027-04-01')).toBe(154);
      expect(await count('2023-04-01')).toBe(153);

      const surrey = await las.get('E10000030');
      expect(surrey).toMatchObject({
        id: surreyBefore.id,
        name: 'Surrey',
        validFrom: null,
        validTo: '2027-03-31',
      });
      const [successors] = await las.successorsOf([surrey.id]);
      expect(successors.map((la) => la.name)).toEqual(
        expect.arrayContaining(['East Surrey', 'West Surrey']),
      );
      const eastSurrey = await las.get('944');
      const [predecessors] = await las.predecessorsOf([eastSurrey.id]);
      expect(predecessors.map((la) => la.name)).toEqual(['Surrey']);
    });

    it('records each change in the audit log, as the system', async () => {
      const dataSource = app.get(DataSource);
      // The seeded reference data has its own events: look only at what this import adds.
      const [{ last }] = await dataSource.query<Array<{ last: string }>>(
        'SELECT coalesce(max(id), 0) AS last FROM audit_event',
      );
      await sut.importFile(SURREY_SPLIT);
      const events = await dataSource.query<
        Array<{ action: string; actor_user_id: string | null; after: Record<string, unknown> }>
      >(`SELECT action, actor_user_id, after FROM audit_event WHERE id > $1 ORDER BY id`, [last]);
      expect(events.map((event) => event.action)).toEqual([
        'local-authority.create',
        'local-authority.create',
        'local-authority.update',
        'local-authority.succession.add',
        'local-authority.succession.add',
      ]);
      expect(events.every((event) => event.actor_user_id === null)).toBe(true);
      expect(events[0].after).toMatchObject({
        gssCode: 'E06000071',
        name: 'East Surrey',
        validFrom: '2027-04-01',
      });
      expect(events[2].after).toEqual({ validTo: '2027-03-31' });
    });

    it('changes nothing when the same file is imported twice', async () => {
      await sut.importFile(SURREY_SPLIT);
      const before = await snapshot();

      const summary = await sut.importFile(SURREY_SPLIT);

      expect(summary).toMatchObject({
        created: [],
        updated: [],
        successionsAdded: [],
        unchanged: 3,
      });
      expect(await snapshot()).toEqual(before);
    });

    it('writes nothing on a dry run, but says what it would do', async () => {
      const before = await snapshot();

      const summary = await sut.importFile(SURREY_SPLIT, { dryRun: true });

      expect(summary.dryRun).toBe(true);
      expect(summary.created).toHaveLength(2);
      expect(await snapshot()).toEqual(before);
    });

    it('writes nothing from a file with any problem, not even its good rows', async () => {
      const before = await snapshot();
      const rewritesHistory = [
        HEADER,
        'E06000071,944,East Surrey,E12000008,South East,unitary,2027-04-01,,,',
        'E10000006,909,Cumbria,E12000002,North West,county,,2024-03-31,,',
      ].join('\n');

      await expect(sut.importFile(rewritesHistory)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining(
          'line 3: valid_to of Cumbria is 2023-03-31; changing it to 2024-03-31 would rewrite history',
        ),
      });
      expect(await snapshot()).toEqual(before);
    });

    it('takes a change of ONS code without a new LA', async () => {
      await sut.importFile(
        [HEADER, 'E06000073,886,Kent,E12000008,South East,county,,,E10000016,'].join('\n'),
      );
      const kent = await las.get('E10000016');
      expect(kent.gssCode).toBe('E06000073');
      expect(await las.earlierGssCodesOf([kent.id])).toEqual([['E10000016']]);
      expect(await count('2024-06-01')).toBe(153);
    });

    it('accepts the whole reference file again as unchanged', async () => {
      const before = await snapshot();
      const { readFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const summary = await sut.importFile(
        readFileSync(join(__dirname, 'data', 'local-authorities.csv'), 'utf8'),
      );
      expect(summary).toMatchObject({ created: [], updated: [], unchanged: 160 });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('seedReferenceData', () => {
    it('changes nothing when run again', async () => {
      const before = await snapshot();
      const summary = await sut.seedReferenceData();
      expect(summary.regions).toEqual({ created: 0, updated: 0 });
      expect(summary.aliases).toEqual({ created: 0, updated: 0 });
      expect(summary.localAuthorities.unchanged).toBe(160);
      expect(await snapshot()).toEqual(before);
    });
  });
});
