import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { buildSchema, parse, validate } from 'graphql';
import { startApi, type RunningApi } from '../support/api';
import { buildGoldenScenario, type GoldenScenario } from '../support/golden-scenario';

const ROOT = join(__dirname, '..', '..');

const RECORD_VISIT = `mutation ($input: RecordInspectionInput!) { recordInspection(input: $input) { id } }`;

/** A day before today (UTC, near enough for a month-old visit), as YYYY-MM-DD. */
const daysAgo = (days: number): string =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Each `graphql` block of docs/api.md with the `json` block of variables that follows it. */
function documentedExamples(): Array<{ name: string; query: string; variables: object }> {
  const text = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
  const blocks = [...text.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)];
  const examples: Array<{ name: string; query: string; variables: object }> = [];
  blocks.forEach(([, kind, body], index) => {
    if (kind !== 'graphql') return;
    const next = blocks[index + 1];
    const variables = next?.[1] === 'json' ? (JSON.parse(next[2]) as object) : {};
    const name = /query\s+(\w+)/.exec(body)?.[1] ?? `example ${examples.length + 1}`;
    examples.push({ name, query: body, variables });
  });
  return examples;
}

describe('docs/api.md', () => {
  const examples = documentedExamples();
  let database: TestDatabase;
  let api: RunningApi;
  let scenario: GoldenScenario;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    scenario = await buildGoldenScenario(api, database.url);
    // Focused visits a month ago with areas for priority action make Hartlepool (North East) and
    // Leeds (Yorkshire and the Humber) eligible for coaching today.
    for (const localAuthorityCode of ['805', '383'])
      await scenario.ok('manager', RECORD_VISIT, {
        input: {
          localAuthorityCode,
          type: 'FOCUSED_VISIT',
          inspectedOn: daysAgo(35),
          publishedOn: daysAgo(30),
          priorityActionAreas: ['Management oversight of practice'],
          letterDate: daysAgo(30),
        },
      });
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('has the examples an adviser needs', () => {
    expect(examples.map((example) => example.name)).toEqual([
      'LocalAuthorityStatus',
      'EligibleForCoaching',
      'SupportInRegion',
      'RegionLocalAuthorities',
    ]);
  });

  it('gives examples that are valid against the published schema', () => {
    const schema = buildSchema(readFileSync(join(ROOT, 'apps', 'api', 'schema.graphql'), 'utf8'));
    for (const example of examples)
      expect([example.name, validate(schema, parse(example.query))]).toEqual([example.name, []]);
  });

  it("runs every example for a North East adviser, with the reference scenario's answers", async () => {
    const answers: Record<string, any> = {};
    for (const example of examples)
      answers[example.name] = await scenario.ok(
        'northEastAdviser',
        example.query,
        example.variables as Record<string, unknown>,
      );

    expect(answers.LocalAuthorityStatus.localAuthority).toMatchObject({
      name: 'Hartlepool',
      region: { code: 'E12000001' },
      engagements: [{ serviceLine: 'POLITICAL_LEADERSHIP', financialYear: '2022-23' }],
    });
    // Hartlepool, Middlesbrough and Redcar and Cleveland had political leadership in 2022-23, and
    // Sunderland its corporate parenting diagnostic.
    const support = answers.SupportInRegion.engagements as {
      totalCount: number;
      edges: Array<{ node: { localAuthority: { name: string } } }>;
    };
    expect(support.totalCount).toBe(4);
    expect(support.edges.map((edge) => edge.node.localAuthority.name).sort()).toEqual([
      'Hartlepool',
      'Middlesbrough',
      'Redcar and Cleveland',
      'Sunderland',
    ]);
    expect(answers.LocalAuthorityStatus.localAuthority.eligibility).toMatchObject({
      eligible: true,
      basis: ['PRIORITY_ACTION_AREAS'],
      evidence: { inspections: [{ type: 'FOCUSED_VISIT', publishedOn: daysAgo(30) }] },
    });
    // Leeds is eligible too, but not in the adviser's region: every answer is the North East's.
    const eligible = answers.EligibleForCoaching.eligibleLocalAuthorities as Array<{
      localAuthority: { name: string; region: { code: string } };
      basis: string[];
    }>;
    expect(eligible).toContainEqual(
      expect.objectContaining({
        localAuthority: { name: 'Hartlepool', region: { code: 'E12000001' } },
        basis: ['PRIORITY_ACTION_AREAS'],
      }),
    );
    expect(new Set(eligible.map((answer) => answer.localAuthority.region.code))).toEqual(
      new Set(['E12000001']),
    );
    // The North East's 12 LAs.
    expect(answers.RegionLocalAuthorities.localAuthorities.totalCount).toBe(12);
  });
});
