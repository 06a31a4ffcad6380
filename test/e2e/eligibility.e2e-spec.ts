import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../support/api';
import { insertSupplier } from '../support/suppliers';
import { tokenFor } from '../support/tokens';

// Cumberland (North West) was first inspected after the 2024 publication, so every record here is the test's own.
const CUMBERLAND = 'E06000063';
const NORTH_WEST = 'E12000002';

async function recordHistory(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const inspection = async (
      inspectedOn: string,
      publishedOn: string,
      grades: Record<string, string>,
    ) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO inspection_event (local_authority_id, kind, inspected_on, published_on, source)
         SELECT id, 'STANDARD_INSPECTION', $1, $2, 'USER' FROM local_authority WHERE gss_code = $3 RETURNING id`,
        [inspectedOn, publishedOn, CUMBERLAND],
      );
      for (const [area, grade] of Object.entries(grades)) {
        await client.query(
          `INSERT INTO inspection_judgement (inspection_id, area, framework, grade) VALUES ($1, $2, 'ILACS_2023', $3)`,
          [rows[0].id, area, grade],
        );
      }
    };
    await inspection('2024-09-02', '2024-10-15', {
      OVERALL_EFFECTIVENESS: 'GOOD',
      HELP_AND_PROTECTION: 'GOOD',
      CARE_LEAVERS: 'GOOD',
    });
    await inspection('2025-09-01', '2025-10-20', {
      OVERALL_EFFECTIVENESS: 'REQUIRES_IMPROVEMENT',
      HELP_AND_PROTECTION: 'REQUIRES_IMPROVEMENT',
      CARE_LEAVERS: 'GOOD',
    });
    await client.query(
      `INSERT INTO concern (local_authority_id, recorded_on, note, recorded_by_user_id)
       SELECT id, '2025-01-10', 'Rising re-referrals in the quarterly data', gen_random_uuid() FROM local_authority WHERE gss_code = $1`,
      [CUMBERLAND],
    );
  } finally {
    await client.end();
  }
}

const ELIGIBILITY = `query ($asOf: Date) { localAuthority(code: "${CUMBERLAND}") { eligibility(serviceLine: COACHING_MENTORING, asOf: $asOf) {
  eligible basis asOf declines { area from to } evidence { inspections { publishedOn } concerns { recordedOn note } } } } }`;

describe('eligibility for coaching and mentoring over GraphQL', () => {
  let database: TestDatabase;
  let api: RunningApi;
  const bearer: Record<string, { authorization: string }> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    await recordHistory(database.url);
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const as = async (name: string, role: string, ...scope: string[]) => {
      bearer[name] = { authorization: `Bearer ${await tokenFor(database.url, role, ...scope)}` };
    };
    await as('manager', 'PROGRAMME_MANAGER');
    await as('northWestAdviser', 'REGIONAL_ADVISER', '--region', NORTH_WEST);
    await as('northEastAdviser', 'REGIONAL_ADVISER', '--region', 'E12000001');
    await as(
      'supplier',
      'SUPPLIER',
      '--supplier',
      await insertSupplier(database.url, 'North Star Ltd'),
    );
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  it('finds a decline between the last two graded inspections, and a recorded concern', async () => {
    const response = await api.graphql(ELIGIBILITY, { asOf: '2025-12-31' }, bearer.manager);
    expect(response.errors).toBeUndefined();
    expect(response.data?.localAuthority.eligibility).toEqual({
      eligible: true,
      basis: ['DECLINING_JUDGEMENT', 'RECORDED_CONCERN'],
      asOf: '2025-12-31',
      declines: expect.arrayContaining([
        { area: 'OVERALL_EFFECTIVENESS', from: 'GOOD', to: 'REQUIRES_IMPROVEMENT' },
        { area: 'HELP_AND_PROTECTION', from: 'GOOD', to: 'REQUIRES_IMPROVEMENT' },
      ]),
      evidence: {
        inspections: [{ publishedOn: '2025-10-20' }, { publishedOn: '2024-10-15' }],
        concerns: [{ recordedOn: '2025-01-10', note: 'Rising re-referrals in the quarterly data' }],
      },
    });
  });

  it('answers as of a date: before the second inspection only the concern counts', async () => {
    const response = await api.graphql(
      ELIGIBILITY,
      { asOf: '2025-06-30' },
      bearer.northWestAdviser,
    );
    expect(response.data?.localAuthority.eligibility).toMatchObject({
      eligible: true,
      basis: ['RECORDED_CONCERN'],
      declines: [],
    });
  });

  it('is not eligible before anything was recorded', async () => {
    const response = await api.graphql(ELIGIBILITY, { asOf: '2024-12-31' }, bearer.manager);
    expect(response.data?.localAuthority.eligibility).toMatchObject({ eligible: false, basis: [] });
  });

  it('answers NOT_FOUND to an adviser outside their regions', async () => {
    const response = await api.graphql(
      ELIGIBILITY,
      { asOf: '2025-12-31' },
      bearer.northEastAdviser,
    );
    expect(response.data?.localAuthority).toEqual({ eligibility: null });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a supplier, who may still read the LA itself', async () => {
    const response = await api.graphql(
      `{ localAuthority(code: "${CUMBERLAND}") { name eligibility(serviceLine: COACHING_MENTORING) { eligible } } }`,
      undefined,
      bearer.supplier,
    );
    expect(response.data?.localAuthority).toEqual({ name: 'Cumberland', eligibility: null });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists eligible LAs with their basis, an adviser only in their regions', async () => {
    const query = `{ eligibleLocalAuthorities(serviceLine: COACHING_MENTORING, asOf: "2025-12-31") { localAuthority { gssCode region { code } } basis } }`;
    const all = await api.graphql(query, undefined, bearer.manager);
    expect(all.errors).toBeUndefined();
    const cumberland = (
      all.data?.eligibleLocalAuthorities as Array<{
        localAuthority: { gssCode: string };
        basis: string[];
      }>
    ).find((answer) => answer.localAuthority.gssCode === CUMBERLAND);
    expect(cumberland?.basis).toEqual(['DECLINING_JUDGEMENT', 'RECORDED_CONCERN']);
    const northEast = await api.graphql(query, undefined, bearer.northEastAdviser);
    const regions = (
      northEast.data?.eligibleLocalAuthorities as Array<{
        localAuthority: { region: { code: string } };
      }>
    ).map((answer) => answer.localAuthority.region.code);
    expect(regions.every((code) => code === 'E12000001')).toBe(true);
    const codes = (
      northEast.data?.eligibleLocalAuthorities as Array<{ localAuthority: { gssCode: string } }>
    ).map((answer) => answer.localAuthority.gssCode);
    expect(codes).not.toContain(CUMBERLAND);
  });

  it('opens the other service lines to every LA that exists', async () => {
    const response = await api.graphql(
      `{ localAuthority(code: "E10000006") { now: eligibility(serviceLine: POLITICAL_LEADERSHIP, asOf: "2024-06-30") { eligible basis }
         then: eligibility(serviceLine: POLITICAL_LEADERSHIP, asOf: "2022-06-30") { eligible } } }`,
      undefined,
      bearer.manager,
    );
    expect(response.data?.localAuthority).toEqual({
      now: { eligible: false, basis: [] },
      then: { eligible: true },
    });
  });
});

describe('what eligibility costs in SQL', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    await recordHistory(database.url);
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  it('is the same small number of statements for 12 LAs as for all 153', async () => {
    const query = `{ all: localAuthorities(first: 100, filter: { activeOn: "2025-12-31" }) { edges { node {
        name region { name } eligibility(serviceLine: COACHING_MENTORING, asOf: "2025-12-31") { eligible basis evidence { inspections { publishedOn } concerns { note } } } } } }
      eligible: eligibleLocalAuthorities(serviceLine: COACHING_MENTORING, asOf: "2025-12-31") { localAuthority { name } evidence { inspections { publishedOn } } } }`;
    const cost = async (...scope: string[]) => {
      const token = await tokenFor(database.url, scope[0], ...scope.slice(1));
      const response = await api.graphql(query, undefined, { authorization: `Bearer ${token}` });
      // An adviser's answers outside their region are NOT_FOUND, as they should be; nothing else fails.
      expect(
        (response.errors ?? []).filter((error) => error.extensions?.code !== 'NOT_FOUND'),
      ).toEqual([]);
      return Number(response.headers.get('x-sql-statements'));
    };
    const everyRegion = await cost('PROGRAMME_MANAGER');
    const oneRegion = await cost('REGIONAL_ADVISER', '--region', 'E12000002');
    expect(everyRegion).toBe(oneRegion);
    // A fixed set, whatever the number of LAs: sign-in (2); the page and its count (2); regions
    // (1); LAs by id (1); all active LAs (1); and, per eligibility batch, the LAs' events and
    // concerns (2 batches, 4 statements). Evidence comes with the answers, at no further cost.
    expect(everyRegion).toBeLessThanOrEqual(11);
  });
});
