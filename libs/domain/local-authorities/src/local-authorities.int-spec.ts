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
import { LocalAuthoritiesService } from './local-authorities.service';

describe('LocalAuthoritiesService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: LocalAuthoritiesService;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, AuditEvent],
      imports: [LocalAuthoritiesModule],
    });
    sut = app.get(LocalAuthoritiesService);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  describe('list', () => {
    // SOURCES.md: 152 on 31 March 2019; 151 from 1 April 2019; 152 from 1 April 2021; 153 from 1 April 2023.
    it.each([
      ['2019-03-31', 152],
      ['2019-04-01', 151],
      ['2020-12-10', 151],
      ['2021-03-31', 151],
      ['2021-04-01', 152],
      ['2023-03-31', 152],
      ['2023-04-01', 153],
    ])('counts the LAs active on %s: %d', async (activeOn, count) => {
      const page = await sut.list({ activeOn }, { first: 1 });
      expect(page.totalCount).toBe(count);
    });

    it('defaults to today in England (the fixed clock says 2024-06-01)', async () => {
      expect((await sut.list({}, { first: 1 })).totalCount).toBe(153);
    });

    it('filters by region: the North East has 12 LAs', async () => {
      const page = await sut.list(
        { regionCode: 'E12000001', activeOn: '2022-06-01' },
        { first: 100 },
      );
      expect(page.totalCount).toBe(12);
      expect(page.edges.map((edge) => edge.node.name)).toContain('Hartlepool');
    });

    it.each([
      ['Durham', 'County Durham'],
      ['hull', 'Kingston upon Hull, City of'],
      ['St Helens', 'St. Helens'],
      ['E08000035', 'Leeds'],
      ['383', 'Leeds'],
      ['E08000016', 'Barnsley'],
    ])('finds %p by name, alias or code', async (search, name) => {
      const page = await sut.list({ search, activeOn: '2024-06-01' }, { first: 10 });
      expect(page.edges.map((edge) => edge.node.name)).toContain(name);
    });

    it('matches nothing for punctuation that no name holds', async () => {
      const page = await sut.list({ search: '%', activeOn: '2024-06-01' }, { first: 10 });
      expect(page.totalCount).toBe(0);
    });

    it('pages through every LA, each once', async () => {
      const names: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await sut.list({ activeOn: '2023-04-01' }, { first: 40, after });
        names.push(...page.edges.map((edge) => edge.node.name));
        if (!page.hasNextPage) break;
        after = page.edges.at(-1)?.cursor;
      }
      expect(names).toHaveLength(153);
      expect(new Set(names).size).toBe(153);
    });

    it('refuses a malformed region code, naming the field', async () => {
      await expect(sut.list({ regionCode: 'North East' }, {})).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'filter.regionCode', message: expect.any(String) }],
      });
    });
  });

  describe('get', () => {
    it.each([
      ['E06000063', 'Cumberland'],
      ['942', 'Cumberland'],
      ['E08000016', 'Barnsley'], // an earlier ONS code
      ['e08000038', 'Barnsley'],
      ['E10000006', 'Cumbria'], // abolished LAs stay findable
    ])('finds %s', async (code, name) => {
      expect((await sut.get(code)).name).toBe(name);
    });

    it('answers NOT_FOUND for a code no LA has', async () => {
      await expect(sut.get('E06000999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers BAD_USER_INPUT for something that is not a code', async () => {
      await expect(sut.get('Leeds')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  describe('predecessorsOf and successorsOf', () => {
    it('links Northamptonshire to its two successors and back', async () => {
      const northamptonshire = await sut.get('E10000021');
      const [successors] = await sut.successorsOf([northamptonshire.id]);
      expect(successors.map((la) => la.name).sort()).toEqual([
        'North Northamptonshire',
        'West Northamptonshire',
      ]);
      const [predecessors] = await sut.predecessorsOf([successors[0].id]);
      expect(predecessors.map((la) => la.name)).toEqual(['Northamptonshire']);
    });

    it('gives BCP its three predecessors', async () => {
      const bcp = await sut.get('E06000058');
      const [predecessors] = await sut.predecessorsOf([bcp.id]);
      expect(predecessors.map((la) => la.name).sort()).toEqual(['Bournemouth', 'Dorset', 'Poole']);
    });

    it('answers an empty list for an LA that replaced nothing, in the order asked', async () => {
      const [leeds, cumberland] = [await sut.get('E08000035'), await sut.get('E06000063')];
      const result = await sut.predecessorsOf([leeds.id, cumberland.id]);
      expect(result.map((las) => las.map((la) => la.name))).toEqual([[], ['Cumbria']]);
    });
  });

  describe('inRegions', () => {
    it('counts each region’s LAs on a date, in the order asked', async () => {
      const [northWest, northEast] = await sut.inRegions(['E12000002', 'E12000001'], '2023-04-01');
      expect(northEast).toHaveLength(12);
      expect(northWest.map((la) => la.name)).toContain('Cumberland');
      expect(northWest.map((la) => la.name)).not.toContain('Cumbria');
    });
  });
});
