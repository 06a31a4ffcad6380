import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../support/api';
import { insertSupplier } from '../support/suppliers';
import { tokenFor } from '../support/tokens';

/** A made-up history, recorded by hand, of an LA the bundled 2024 file has no events for (Cumberland, not yet inspected then). */
async function recordHistory(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const insert = async (
      kind: string,
      inspectedOn: string,
      publishedOn: string,
      extra: { apas?: string[]; letter?: string; theme?: string } = {},
    ) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO inspection_event (local_authority_id, kind, inspected_on, published_on, priority_action_areas, letter_date, theme, source)
         SELECT id, $1, $2, $3, $4, $5, $6, 'USER' FROM local_authority WHERE gss_code = 'E06000063' RETURNING id`,
        [
          kind,
          inspectedOn,
          publishedOn,
          extra.apas ?? [],
          extra.letter ?? null,
          extra.theme ?? null,
        ],
      );
      return rows[0].id;
    };
    const judge = (id: string, framework: string, grades: Record<string, string>) =>
      Promise.all(
        Object.entries(grades).map(([area, grade]) =>
          client.query(
            'INSERT INTO inspection_judgement (inspection_id, area, framework, grade) VALUES ($1, $2, $3, $4)',
            [id, area, framework, grade],
          ),
        ),
      );
    const first = await insert('STANDARD_INSPECTION', '2019-09-02', '2019-11-01');
    await judge(first, 'ILACS_2018', {
      OVERALL_EFFECTIVENESS: 'INADEQUATE',
      CHILDREN_IN_CARE: 'REQUIRES_IMPROVEMENT',
    });
    const second = await insert('STANDARD_INSPECTION', '2023-02-06', '2023-03-20');
    await judge(second, 'ILACS_2023', {
      OVERALL_EFFECTIVENESS: 'REQUIRES_IMPROVEMENT',
      CARE_LEAVERS: 'GOOD',
    });
    await insert('FOCUSED_VISIT', '2023-10-10', '2023-11-21', {
      apas: ['Timeliness of assessments', 'Management oversight'],
      letter: '2023-11-21',
      theme: 'Children in need of help and protection',
    });
  } finally {
    await client.end();
  }
}

describe('an LA’s inspections over GraphQL', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    await recordHistory(database.url);
    const supplierId = await insertSupplier(database.url, 'North Star Ltd');
    const token = await tokenFor(database.url, 'SUPPLIER', '--supplier', supplierId);
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      {},
      { authorization: `Bearer ${token}` },
    );
  });

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  it('lists them newest first, in pages, for any signed-in role', async () => {
    const query = `query ($after: String) { localAuthority(code: "942") { inspections(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { type publishedOn theme priorityActionAreas letterDate overallEffectiveness } } } } }`;
    const first = await api.graphql(query);
    expect(first.errors).toBeUndefined();
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: Array<{ node: Record<string, unknown> & { type: string; publishedOn: string } }>;
    };
    const page = first.data?.localAuthority.inspections as Page;
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((edge) => [edge.node.type, edge.node.publishedOn])).toEqual([
      ['FOCUSED_VISIT', '2023-11-21'],
      ['STANDARD_INSPECTION', '2023-03-20'],
    ]);
    expect(page.edges[0].node).toMatchObject({
      theme: 'Children in need of help and protection',
      priorityActionAreas: ['Timeliness of assessments', 'Management oversight'],
      letterDate: '2023-11-21',
      overallEffectiveness: null,
    });
    const rest = await api.graphql(query, { after: page.pageInfo.endCursor });
    const restPage = rest.data?.localAuthority.inspections as Page;
    expect(restPage.edges.map((edge) => edge.node.publishedOn)).toEqual(['2019-11-01']);
    expect(restPage.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    [
      '2023-12-31',
      {
        publishedOn: '2023-03-20',
        overallEffectiveness: 'REQUIRES_IMPROVEMENT',
        childrenInCare: null,
        careLeavers: 'GOOD',
      },
    ],
    [
      '2023-03-19',
      {
        publishedOn: '2019-11-01',
        overallEffectiveness: 'INADEQUATE',
        childrenInCare: 'REQUIRES_IMPROVEMENT',
        careLeavers: null,
      },
    ],
    ['2019-10-31', null],
  ])(
    'gives the latest graded inspection published by %s, skipping visits',
    async (asOf, expected) => {
      const response = await api.graphql(
        `query ($asOf: Date) { localAuthority(code: "E06000063") { latestInspection(asOf: $asOf) { publishedOn overallEffectiveness childrenInCare careLeavers judgements { framework area grade } } } }`,
        { asOf },
      );
      expect(response.errors).toBeUndefined();
      const latest = response.data?.localAuthority.latestInspection;
      if (expected === null) {
        expect(latest).toBeNull();
      } else {
        expect(latest).toMatchObject(expected);
        expect(latest.judgements.length).toBe(2);
      }
    },
  );
});
