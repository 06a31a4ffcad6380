import { resolve } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { readEnvironment } from '@la-tracker/platform/config';
import { ErrorCode } from '@la-tracker/platform/errors';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { startApi, type RunningApi } from '../support/api';
import { buildGoldenScenario, GOLDEN_LA, type GoldenScenario } from '../support/golden-scenario';
import { tokenFor } from '../support/tokens';
import {
  badInputCases,
  mutationsOf,
  publishedSchema,
  type BadInputCase,
  type RealValues,
} from './bad-input-cases';

/**
 * Every mutation in the published schema, sent arguments with at least one poisoned value (an
 * unknown id, an impossible date, unstorable or over-long text, a number out of range, the wrong
 * type) among adversarial noise, by a caller its role allows. Each must be refused with a code a
 * client can act on, and leave the database exactly as it was.
 *
 * `npm test` runs a fixed seed; `npm run fuzz` runs many more cases on a random seed, printed so
 * a failure can be replayed with FUZZ_SEED (and `-t <mutation>` for one mutation).
 */
const env = readEnvironment();
const CASES = Number(env.FUZZ_CASES ?? 200);
const SEED = env.FUZZ_SEED
  ? Number(env.FUZZ_SEED)
  : env.FUZZ_CASES
    ? Math.floor(Math.random() * 2 ** 31)
    : 20_261_126;
/** Requests in flight at once, at most. */
const IN_FLIGHT = 4;

/** The codes a refusal may carry: the project's own and those of requests GraphQL cannot run. */
const REFUSAL_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);
// A rate limit says nothing about the input: the case was never tried.
REFUSAL_CODES.delete('RATE_LIMITED');
/** What a message must never show a caller: the database, the ORM or the code behind them. */
const LEAKS =
  /QueryFailedError|TypeORM|EntityNotFound|\bSELECT\b[\s\S]*\bFROM\b|INSERT INTO|\bUPDATE\b[\s\S]*\bSET\b|DELETE FROM|violates|syntax error at or near|invalid input syntax|invalid byte sequence|\n\s+at\s/i;

// Read from the built api: who may call what is the api's own table (the access matrix tests it).
const ACCESS_POLICY_JS = resolve(__dirname, '../../dist/apps/api/src/auth/access-policy.js');
type Access = 'PUBLIC' | 'SIGNED_IN' | readonly string[];

/** The scenario's callers by the role they hold. */
const CALLERS_BY_ROLE: Record<string, string[]> = {
  PROGRAMME_MANAGER: ['manager'],
  ADMIN: ['admin'],
  SUPPLIER: ['northStar', 'partners'],
  REGIONAL_ADVISER: ['northEastAdviser'],
};

function callersAllowed(access: Access | undefined): string[] {
  if (access === undefined) return [];
  if (access === 'PUBLIC' || access === 'SIGNED_IN') return Object.values(CALLERS_BY_ROLE).flat();
  return access.flatMap((role) => CALLERS_BY_ROLE[role] ?? []);
}

interface Sent {
  status: number;
  body: string;
}

/** Shorter, for a person: the huge strings in a case say how long they are instead. */
function shown(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'string' && item.length > 200
      ? `${item.slice(0, 20)}…(${item.length} characters)`
      : item,
  );
}

function describeCase(sent: BadInputCase & { caller: string }): string {
  return [
    `Mutation.${sent.mutation} as ${sent.caller}, poison ${sent.poison}`,
    `query: ${sent.query.length > 400 ? shown(sent.query) : sent.query}`,
    `variables: ${shown(sent.variables ?? {})}`,
  ].join('\n');
}

/** What is wrong with the answer to a request that had to be refused; empty when nothing is. */
function problemsWith(mutation: string, sent: Sent): string[] {
  if (sent.status >= 500) return [`HTTP ${sent.status}: ${sent.body.slice(0, 500)}`];
  let body: { data?: Record<string, unknown> | null; errors?: unknown };
  try {
    body = JSON.parse(sent.body);
  } catch {
    return [`not a GraphQL response (HTTP ${sent.status}): ${sent.body.slice(0, 500)}`];
  }
  const problems: string[] = [];
  const errors = body.errors as
    Array<{ message?: unknown; extensions?: { code?: unknown } }> | undefined;
  if (!Array.isArray(errors) || errors.length === 0) problems.push('accepted: no errors');
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !REFUSAL_CODES.has(code))
      problems.push(`code ${String(code)}: ${String(error.message)}`);
    if (typeof error.message !== 'string' || error.message.trim() === '')
      problems.push(`an error without a message (${String(code)})`);
    else if (LEAKS.test(error.message)) problems.push(`a message that leaks: ${error.message}`);
  }
  if (body.data && body.data[mutation] != null)
    problems.push(`data for ${mutation}: ${shown(body.data[mutation])}`);
  return problems;
}

/** Row count and a digest of every row of every table, so any write shows. */
async function fingerprint(client: Client): Promise<Map<string, string>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const { rows } = await client.query<{ name: string; digest: string }>(
    tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM "${name}" t`,
      )
      .join(' UNION ALL '),
  );
  return new Map(rows.map((row) => [row.name, row.digest]));
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}

/** Every id the scenario database holds, a few of each kind. */
async function realValues(client: Client, golden: GoldenScenario): Promise<RealValues> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY 1`,
  );
  const ids = new Set<string>([
    ...Object.values(golden.engagement),
    ...Object.values(golden.session),
    ...Object.values(golden.contract),
    ...Object.values(golden.supplier),
    ...Object.values(golden.diagnostic),
  ]);
  for (const { name } of tables) {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id::text FROM "${name}" ORDER BY id LIMIT 5`,
    );
    for (const row of rows) ids.add(row.id);
  }
  return {
    ids: [...ids],
    codes: [
      ...Object.values(GOLDEN_LA),
      'E12000001',
      '2022-23',
      '2023-24',
      'ops@northstar.example',
      'A1',
      'Leading improvement',
    ],
  };
}

const schema = publishedSchema();
const mutations = mutationsOf(schema);

describe('bad input to every mutation is refused and changes nothing', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let golden: GoldenScenario;
  let client: Client;
  let real: RealValues;
  let policy: Record<string, Access>;

  beforeAll(async () => {
    process.stdout.write(
      `Fuzzing ${mutations.length} mutations, ${CASES} cases each, seed ${SEED} (FUZZ_SEED=${SEED} replays it)\n`,
    );
    database = await createTestDatabase();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    golden = await buildGoldenScenario(api, database.url);
    golden.auth.admin = {
      authorization: `Bearer ${await tokenFor(database.url, 'ADMIN')}`,
    };
    // Each caller signs in once before the database is fingerprinted: a first sign-in is a write.
    for (const who of Object.keys(golden.auth)) await golden.ok(who, '{ me { subject } }');
    client = new Client({ connectionString: database.url });
    await client.connect();
    real = await realValues(client, golden);
    ({ ACCESS_POLICY: policy } = (await import(ACCESS_POLICY_JS)) as {
      ACCESS_POLICY: Record<string, Access>;
    });
  }, 180_000);

  afterAll(async () => {
    await client?.end();
    await api?.stop();
    await database?.drop();
  });

  async function send(who: string, badCase: BadInputCase): Promise<Sent> {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...golden.auth[who] },
      body: JSON.stringify({ query: badCase.query, variables: badCase.variables }),
    });
    return { status: response.status, body: await response.text() };
  }

  it('has a caller for every mutation, so none goes unfuzzed', () => {
    const uncovered = mutations
      .filter((field) => callersAllowed(policy[`Mutation.${field.name}`]).length === 0)
      .map((field) => field.name);
    expect(uncovered).toEqual([]);
  });

  it.each(mutations.map((field) => [field.name, field] as const))(
    'Mutation.%s',
    async (name, field) => {
      const callers = callersAllowed(policy[`Mutation.${name}`]);
      if (callers.length === 0) throw new Error(`No caller may use Mutation.${name}.`);
      const cases = fc
        .tuple(badInputCases(field, real), fc.constantFrom(...callers))
        .map(([badCase, caller]) => {
          const sent = { ...badCase, caller };
          // fast-check prints a failing case this way: a 20,000-character string would bury it.
          return Object.assign(sent, { [fc.toStringMethod]: () => describeCase(sent) });
        });
      const sentInOrder: Array<BadInputCase & { caller: string }> = [];
      const before = await fingerprint(client);

      await fc.assert(
        fc.asyncProperty(fc.array(cases, { minLength: 1, maxLength: IN_FLIGHT }), async (batch) => {
          sentInOrder.push(...batch);
          const answers = await Promise.all(batch.map((one) => send(one.caller, one)));
          const wrong = batch.flatMap((one, i) => {
            const problems = problemsWith(name, answers[i]);
            return problems.length === 0
              ? []
              : [`${describeCase(one)}\nanswer: ${problems.join('\n        ')}`];
          });
          if (wrong.length > 0) throw new Error(wrong.join('\n\n'));
        }),
        { seed: SEED, numRuns: Math.ceil(CASES / ((IN_FLIGHT + 1) / 2)), endOnFailure: false },
      );

      const changed = changedTables(before, await fingerprint(client));
      if (changed.length > 0) {
        // Replay one by one to name a case that writes (a second write may be refused instead).
        for (const one of sentInOrder) {
          const start = await fingerprint(client);
          const answer = await send(one.caller, one);
          const written = changedTables(start, await fingerprint(client));
          if (written.length > 0)
            throw new Error(
              `Bad input changed ${written.join(', ')}:\n${describeCase(one)}\nanswer: ${answer.body.slice(0, 1000)}`,
            );
        }
        throw new Error(`Bad input changed ${changed.join(', ')}; replaying did not write again.`);
      }
    },
    Math.max(120_000, CASES * 500),
  );
});
