/**
 * `npm run bench`: measures the product at national scale against the raw-SQL floor and
 * PostGraphile, and writes bench/results/latest.json and latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { startLocalServices, type LocalServices } from '@la-tracker/platform/local-services';
import { readEnvironment } from '@la-tracker/platform/config';
import { dataOf, graphql, productEnvironment, startApi, tokenFor, type RunningApi } from './api';
import { captureRequest } from './capture';
import { Children } from './children';
import { postgresVersion, prepareDatabase, query, rowCounts } from './database';
import {
  atLeast,
  atMost,
  boundedByDepth,
  markdownTable,
  ratio,
  sideFigures,
  targetsTable,
  type RunFigures,
  type SideFigures,
  type SqlCount,
  type TableRow,
  type TargetLine,
} from './figures';
import { startFloor, type RunningFloor } from './floor';
import { loadRun, type LoadTarget } from './load';
import { benchSettings, type BenchSettings } from './settings';
import {
  findScenarioData,
  NESTED_PAGES,
  nestedQuery,
  scenariosFor,
  type Scenario,
  type ScenarioData,
} from './scenarios';
import { missingIdentifiers, replayPlanOf, type ReplayPlan } from './sql-replay';

const ROOT = resolve(__dirname, '..', '..', '..');
const CACHE = resolve(ROOT, 'bench', '.cache');
const RESULTS = resolve(ROOT, 'bench', 'results');
/** The api's default pool (DATABASE_POOL_SIZE); the floor gets the same. */
const POOL_SIZE = 10;
const WARM_UP_SECONDS = 2;

const log = (message: string) => process.stdout.write(`${message}\n`);

type Side = 'api' | 'floor' | 'postgraphile';

interface ScenarioResult {
  description: string;
  sqlStatements: SqlCount[];
  sides: Partial<Record<Side, SideFigures>>;
}

/** Elapsed seconds of each phase, printed as it ends. */
class Phases {
  readonly seconds: Record<string, number> = {};
  private started = Date.now();

  end(name: string): void {
    const now = Date.now();
    this.seconds[name] = Math.round((now - this.started) / 100) / 10;
    log(`[phase] ${name}: ${this.seconds[name]} s`);
    this.started = now;
  }
}

/** Whether the api already has the bounded nested lists (engagements(financialYear), sessions(first)). */
async function hasBoundedNesting(api: RunningApi, token: string): Promise<boolean> {
  const answer = await graphql(
    api.url,
    token,
    `
      {
        la: __type(name: "LocalAuthority") {
          fields {
            name
            args {
              name
            }
          }
        }
        e: __type(name: "Engagement") {
          fields {
            name
            args {
              name
            }
          }
        }
      }
    `,
    {},
  );
  type Fields = { fields: Array<{ name: string; args: Array<{ name: string }> }> };
  const data = dataOf(answer, 'introspection') as { la: Fields; e: Fields };
  const argsOf = (type: Fields, field: string) =>
    type.fields.find((candidate) => candidate.name === field)?.args.map((arg) => arg.name) ?? [];
  return (
    argsOf(data.la, 'engagements').includes('financialYear') &&
    argsOf(data.e, 'sessions').includes('first')
  );
}

/** The largest page of the nested query the api's cost limit accepts (50 wanted). */
async function largestNestedPage(
  api: RunningApi,
  token: string,
  bounded: boolean,
  year: string,
): Promise<number> {
  for (const page of NESTED_PAGES) {
    const answer = await graphql(
      api.url,
      token,
      nestedQuery(bounded, page),
      bounded ? { year } : {},
    );
    const refused = JSON.stringify(answer.body.errors ?? '').includes('Cost limit');
    if (!refused) return page;
    log(
      `  the nested query with first: ${page} is over the api's cost limit: ${JSON.stringify(answer.body.errors)}`,
    );
  }
  throw new Error('The api refuses the nested query at every page size tried');
}

interface Prepared {
  plans: Record<string, ReplayPlan>;
  sqlStatements: Record<string, SqlCount[]>;
  apiAnswers: Record<string, unknown>;
  supplierUserId: string;
}

/**
 * One request of each scenario with its statements captured: the floor's replay plans, the
 * statement counts (and at a smaller size, where the scenario has one), and the answers to check
 * the floor against.
 */
async function captureScenarios(
  api: RunningApi,
  scenarios: readonly Scenario[],
  tokens: Record<Scenario['caller'], string>,
): Promise<Prepared> {
  const prepared: Prepared = { plans: {}, sqlStatements: {}, apiAnswers: {}, supplierUserId: '' };
  for (const scenario of scenarios) {
    const token = tokens[scenario.caller];
    const { answer, statements } = await captureRequest(
      api,
      token,
      scenario.query,
      scenario.variables(1_000_000),
    );
    prepared.apiAnswers[scenario.name] = dataOf(answer, scenario.name);
    prepared.plans[scenario.name] = replayPlanOf(statements);
    const counts: SqlCount[] = [{ label: scenario.label, statements: answer.statements }];
    if (scenario.smaller) {
      const smaller = await graphql(
        api.url,
        token,
        scenario.smaller.query ?? scenario.query,
        scenario.smaller.variables,
      );
      dataOf(smaller, `${scenario.name} (${scenario.smaller.label})`);
      counts.push({ label: scenario.smaller.label, statements: smaller.statements });
    }
    prepared.sqlStatements[scenario.name] = counts;
    if (scenario.name === 'recordSession') {
      const audit = statements.find((statement) => statement.text.includes('"audit_event"'));
      const actor = audit?.params[0];
      if (typeof actor !== 'string') throw new Error('recordSession wrote no audit event');
      prepared.supplierUserId = actor;
    }
    log(
      `  ${scenario.name}: ${counts.map((count) => `${count.statements} statements (${count.label})`).join(', ')}; ${statements.length} captured in ${prepared.plans[scenario.name]?.steps.length} steps`,
    );
  }
  return prepared;
}

function targetsOf(
  scenarios: readonly Scenario[],
  api: RunningApi,
  floor: RunningFloor,
  tokens: Record<Scenario['caller'], string>,
  data: ScenarioData,
  supplierUserId: string,
): Record<string, Partial<Record<Side, LoadTarget>>> {
  const targets: Record<string, Partial<Record<Side, LoadTarget>>> = {};
  for (const scenario of scenarios) {
    targets[scenario.name] = {
      api: {
        url: api.url,
        headers: { authorization: `Bearer ${tokens[scenario.caller]}` },
        body: (n) => JSON.stringify({ query: scenario.query, variables: scenario.variables(n) }),
      },
      floor: {
        url: `${floor.url}/${scenario.name}`,
        headers: {},
        body:
          scenario.name === 'recordSession'
            ? (n) =>
                JSON.stringify({
                  supplierId: data.supplierId,
                  userId: supplierUserId,
                  ...scenario.variables(n),
                })
            : () => '{}',
      },
      // bench/src/postgraphile.ts plugs in here: `postgraphile` for the nested scenario.
    };
  }
  return targets;
}

/** Fails loudly when the floor's answer lacks any identifier the api answered with. */
async function checkFloor(
  floor: RunningFloor,
  prepared: Prepared,
  scenarios: readonly Scenario[],
  data: ScenarioData,
): Promise<void> {
  for (const scenario of scenarios) {
    const body =
      scenario.name === 'recordSession'
        ? JSON.stringify({
            supplierId: data.supplierId,
            userId: prepared.supplierUserId,
            ...scenario.variables(2_000_000),
          })
        : '{}';
    const response = await fetch(`${floor.url}/${scenario.name}`, { method: 'POST', body });
    const answer = (await response.json()) as { data?: unknown; errors?: unknown };
    if (response.status !== 200 || answer.errors)
      throw new Error(`The floor failed ${scenario.name}: ${JSON.stringify(answer).slice(0, 500)}`);
    if (scenario.name === 'recordSession') {
      const recorded = (answer.data as { recordSession?: { id?: string; status?: string } })
        .recordSession;
      if (!recorded?.id || recorded.status !== 'DRAFT')
        throw new Error(`The floor's recordSession answered ${JSON.stringify(answer)}`);
      continue;
    }
    const missing = missingIdentifiers(prepared.apiAnswers[scenario.name], answer.data);
    if (missing.length > 0)
      throw new Error(
        `The floor's ${scenario.name} lacks ${missing.length} identifiers the api answered with, e.g. ${missing.slice(0, 5).join(', ')}`,
      );
    log(`  ${scenario.name}: the floor has every identifier the api answered with`);
  }
}

async function measure(
  settings: BenchSettings,
  scenarios: readonly Scenario[],
  targets: Record<string, Partial<Record<Side, LoadTarget>>>,
): Promise<Record<string, Partial<Record<Side, RunFigures[]>>>> {
  const runs: Record<string, Partial<Record<Side, RunFigures[]>>> = {};
  const options = { seconds: settings.secondsPerRun, connections: settings.connections };
  log(`Warming up (${WARM_UP_SECONDS} s per scenario and side)`);
  for (const scenario of scenarios)
    for (const target of Object.values(targets[scenario.name] ?? {}))
      await loadRun(target, { ...options, seconds: WARM_UP_SECONDS });
  for (let round = 1; round <= settings.rounds; round += 1) {
    for (const scenario of scenarios) {
      const sides = Object.entries(targets[scenario.name] ?? {}) as Array<[Side, LoadTarget]>;
      // Alternate which side goes first, so neither always meets a warmer or busier machine.
      if (round % 2 === 0) sides.reverse();
      for (const [side, target] of sides) {
        const figures = await loadRun(target, options);
        ((runs[scenario.name] ??= {})[side] ??= []).push(figures);
        log(
          `  round ${round} ${scenario.name} ${side}: ${figures.requestsPerSecond.toFixed(1)} req/s, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms, ${figures.errors} errors`,
        );
      }
    }
  }
  return runs;
}

async function main(): Promise<void> {
  const started = Date.now();
  const settings = benchSettings(readEnvironment());
  const phases = new Phases();
  const children = new Children();
  let services: LocalServices | undefined;
  const stop = async () => {
    await children.stopAll();
    await services?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`\n${signal}: stopping every process the benchmark started…`);
      void stop().finally(() => process.exit(130));
    });
  try {
    log(
      `Benchmark at scale ${settings.scale}${settings.quick ? ' (quick)' : ''}: ${settings.rounds} rounds of ${settings.secondsPerRun} s, ${settings.connections} connections`,
    );
    mkdirSync(CACHE, { recursive: true });
    services = await startLocalServices({
      databaseUrl: settings.databaseUrl,
      redisUrl: settings.redisUrl,
      dataDir: resolve(CACHE, 'data'),
      persistRedis: false,
      log,
    });
    phases.end('services');
    const baseEnv = productEnvironment({
      databaseUrl: services.databaseUrl,
      redisUrl: services.redisUrl,
      dataDir: resolve(CACHE, 'data'),
    });
    const database = await prepareDatabase({
      serverUrl: services.databaseUrl,
      name: settings.databaseName,
      scale: settings.scale,
      children,
      env: baseEnv,
      log,
    });
    // Left behind by a run that was interrupted.
    await removeRecordedSessions(database.url);
    phases.end('database');
    const env = { ...baseEnv, DATABASE_URL: database.url };
    const today = new Date().toISOString().slice(0, 10);
    const data = await findScenarioData(database.url, today);
    // The api boots while the command line makes the tokens: each takes seconds here.
    const [api, admin, supplier] = await Promise.all([
      startApi(children, env, resolve(CACHE, 'captured-sql.jsonl')),
      tokenFor(children, env, 'ADMIN'),
      tokenFor(children, env, 'SUPPLIER', data.supplierId),
    ]);
    const tokens = { ADMIN: admin, SUPPLIER: supplier };
    phases.end('api');
    const bounded = await hasBoundedNesting(api, tokens.ADMIN);
    const nestedPage = await largestNestedPage(api, tokens.ADMIN, bounded, data.financialYear);
    const scenarios = scenariosFor(data, bounded, nestedPage);
    log('Capturing one request of each scenario');
    const prepared = await captureScenarios(api, scenarios, tokens);
    const floor = await startFloor(children, {
      databaseUrl: database.url,
      poolSize: POOL_SIZE,
      plans: prepared.plans,
      plansFile: resolve(CACHE, 'floor-plans.json'),
    });
    log('Checking the floor answers with the same data');
    await checkFloor(floor, prepared, scenarios, data);
    phases.end('capture and check');
    const targets = targetsOf(scenarios, api, floor, tokens, data, prepared.supplierUserId);
    const runs = await measure(settings, scenarios, targets);
    phases.end('measurement');
    // bench/src/reports.ts and bench/src/reminders.ts plug in here (measureReports, measureReminders).
    const results = await resultsOf({
      settings,
      database,
      data,
      scenarios,
      prepared,
      runs,
      phases,
      started,
      nested: { page: nestedPage, boundedLists: bounded, wantedPage: NESTED_PAGES[0] },
    });
    await removeRecordedSessions(database.url);
    writeResults(results);
    phases.end('results');
  } finally {
    await stop();
  }
  log(`Done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The sessions recordSession made (api and floor), so a reused database stays as seeded. */
async function removeRecordedSessions(url: string): Promise<void> {
  const doomed = `SELECT id FROM delivery_session WHERE topic LIKE 'Benchmark session %'`;
  await query(url, `DELETE FROM session_attendance WHERE session_id IN (${doomed})`);
  await query(url, `DELETE FROM session_engagement WHERE session_id IN (${doomed})`);
  await query(url, `DELETE FROM delivery_session WHERE id IN (${doomed})`);
}

async function resultsOf(input: {
  settings: BenchSettings;
  database: { url: string; scaled: boolean };
  data: ScenarioData;
  scenarios: readonly Scenario[];
  prepared: Prepared;
  runs: Record<string, Partial<Record<Side, RunFigures[]>>>;
  phases: Phases;
  started: number;
  nested: { page: number; boundedLists: boolean; wantedPage: number };
}) {
  const { settings, database, data, scenarios, prepared, runs } = input;
  const scenarioResults: Record<string, ScenarioResult> = {};
  for (const scenario of scenarios) {
    const sides: Partial<Record<Side, SideFigures>> = {};
    for (const [side, rounds] of Object.entries(runs[scenario.name] ?? {}))
      sides[side as Side] = sideFigures(rounds);
    scenarioResults[scenario.name] = {
      description: scenario.description,
      sqlStatements: prepared.sqlStatements[scenario.name] ?? [],
      sides,
    };
  }
  const dashboard = scenarioResults['programmeDashboard']?.sides;
  const p50 = ratio(dashboard?.api?.median.p50Ms, dashboard?.floor?.median.p50Ms);
  const p95 = ratio(dashboard?.api?.median.p95Ms, dashboard?.floor?.median.p95Ms);
  const nested = scenarioResults['nested']?.sides;
  const nestedRatio = ratio(
    nested?.api?.median.requestsPerSecond,
    nested?.postgraphile?.median.requestsPerSecond,
  );
  const sqlPerRequest = Object.fromEntries(
    scenarios.map((scenario) => {
      const sizes = prepared.sqlStatements[scenario.name] ?? [];
      return [
        scenario.name,
        {
          sizes,
          bound: scenario.statementBound,
          boundedByDepth: boundedByDepth(sizes, scenario.statementBound),
        },
      ];
    }),
  );
  const bounded = Object.values(sqlPerRequest)
    .map((entry) => entry.boundedByDepth)
    .filter((value): value is boolean => value !== null);
  return {
    generatedAt: new Date().toISOString(),
    elapsedSeconds: Math.round((Date.now() - input.started) / 1000),
    phaseSeconds: input.phases.seconds,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: await postgresVersion(database.url),
    },
    data: {
      scale: settings.scale,
      scaledSeed: database.scaled,
      programme: data.programmeName,
      financialYear: data.financialYear,
      // The page the api's cost limit let the nested query have, and whether the api had the
      // bounded lists (engagements(financialYear), sessions(first)) to ask for.
      nestedQuery: input.nested,
      rowCounts: await rowCounts(database.url),
    },
    settings: {
      rounds: settings.rounds,
      secondsPerRun: settings.secondsPerRun,
      connections: settings.connections,
      poolSize: POOL_SIZE,
    },
    scenarios: scenarioResults,
    nestedVsPostgraphile: { value: nestedRatio, ...atLeast(nestedRatio, 1.2) },
    dashboardVsRawSql: { p50, p95, ...atMost(p50, 1.25), p95Met: atMost(p95, 1.25).met },
    sqlPerRequest: {
      scenarios: sqlPerRequest,
      target: 'bounded by depth, not rows',
      met: bounded.length === 0 ? null : bounded.every(Boolean),
    },
    // Filled by bench/src/reports.ts and bench/src/reminders.ts.
    reportPeakRssMb: null as number | null,
    extractPeakRssMb: { value: null as number | null, ...atMost(null, 300) },
    remindersVsBullmqNoop: { value: null as number | null, ...atLeast(null, 0.5) },
  };
}

type Results = Awaited<ReturnType<typeof resultsOf>>;

function markdownOf(results: Results): string {
  const rows: TableRow[] = [];
  for (const [name, scenario] of Object.entries(results.scenarios)) {
    const statements = scenario.sqlStatements
      .map((count) => `${count.statements ?? '?'} (${count.label})`)
      .join(', ');
    for (const [side, figures] of Object.entries(scenario.sides))
      rows.push({ scenario: name, side, figures: figures.median, statements });
  }
  const lines: TargetLine[] = [
    {
      name: 'nested query vs PostGraphile (req/s)',
      measured: String(results.nestedVsPostgraphile.value ?? 'n/a'),
      target: results.nestedVsPostgraphile.target,
      met: results.nestedVsPostgraphile.met,
    },
    {
      name: 'programmeDashboard vs raw SQL (p50 / p95 latency)',
      measured: `${results.dashboardVsRawSql.p50 ?? 'n/a'} / ${results.dashboardVsRawSql.p95 ?? 'n/a'}`,
      target: results.dashboardVsRawSql.target,
      met: results.dashboardVsRawSql.met,
    },
    {
      name: 'SQL statements per request',
      measured: Object.entries(results.sqlPerRequest.scenarios)
        .map(
          ([name, entry]) =>
            `${name} ${entry.sizes.map((size) => size.statements ?? '?').join('/')}`,
        )
        .join('; '),
      target: results.sqlPerRequest.target,
      met: results.sqlPerRequest.met,
    },
    {
      name: 'sessions extract peak RSS (MB)',
      measured: String(results.extractPeakRssMb.value ?? 'n/a'),
      target: results.extractPeakRssMb.target,
      met: results.extractPeakRssMb.met,
    },
    {
      name: 'reminders vs BullMQ no-op throughput',
      measured: String(results.remindersVsBullmqNoop.value ?? 'n/a'),
      target: results.remindersVsBullmqNoop.target,
      met: results.remindersVsBullmqNoop.met,
    },
  ];
  return [
    `# Benchmark results (${results.generatedAt})`,
    '',
    `Scale ${results.data.scale} (${results.data.programme}, ${results.data.financialYear}); ${results.machine.cpus} CPUs, Node ${results.machine.node}, PostgreSQL ${results.machine.postgres}; medians of ${results.settings.rounds} rounds of ${results.settings.secondsPerRun} s with ${results.settings.connections} connections.`,
    '',
    markdownTable(rows),
    targetsTable(lines),
  ].join('\n');
}

function writeResults(results: Results): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const markdown = markdownOf(results);
  writeFileSync(resolve(RESULTS, 'latest.md'), markdown);
  log(`\n${markdown}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
