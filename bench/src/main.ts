/**
 * `npm run bench`: measures the product at national scale against the raw-SQL floor and
 * PostGraphile, and writes bench/results/latest.json and latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { startLocalServices, type LocalServices } from '@la-tracker/platform/local-services';
import { readEnvironment } from '@la-tracker/platform/config';
import { dateInEngland } from '@la-tracker/platform/time';
import {
  apiEnvironment,
  dataOf,
  graphql,
  productEnvironment,
  startApi,
  type RunningApi,
} from './api';
import { captureRequest } from './capture';
import { Children } from './children';
import { postgresVersion, prepareDatabase, query, rowCounts } from './database';
import {
  atLeast,
  atMost,
  boundedByDepth,
  connectionsFor,
  markdownTable,
  ratio,
  ratiosTable,
  remindersTable,
  reportsTable,
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
import { firstDifference, normaliseApiNested, normalisePostgraphileNested } from './nested-result';
import {
  POSTGRAPHILE_NESTED_QUERY,
  postgraphileNestedVariables,
  startPostgraphile,
  type RunningPostgraphile,
} from './postgraphile';
import { measureReminders, type ReminderFigures } from './reminders';
import { measureReports, type ReportFigures } from './reports';
import { benchSettings, type BenchSettings } from './settings';
import {
  findScenarioData,
  NESTED_PAGE,
  scenariosFor,
  type Scenario,
  type ScenarioData,
} from './scenarios';
import { signInBenchPeople, type BenchSignIn } from './sign-in';
import { missingIdentifiers, replayPlanOf, type ReplayPlan } from './sql-replay';

const ROOT = resolve(__dirname, '..', '..', '..');
const CACHE = resolve(ROOT, 'bench', '.cache');
const RESULTS = resolve(ROOT, 'bench', 'results');
/** The api's default pool (DATABASE_POOL_SIZE); the floor gets the same. */
const POOL_SIZE = 10;
const WARM_UP_SECONDS = 2;
/**
 * A scenario whose one request takes longer than this on any side is not put under load: with
 * every connection waiting past autocannon's 10 s timeout, its queries would pile up in
 * PostgreSQL and slow every scenario after it. Its one-request times are reported instead.
 */
const MAX_SINGLE_REQUEST_MS = 5_000;

const log = (message: string) => process.stdout.write(`${message}\n`);

type Side = 'api' | 'floor' | 'postgraphile';

interface ScenarioResult {
  description: string;
  sqlStatements: SqlCount[];
  /** One request alone on each side, before the load. */
  singleRequestMs: Partial<Record<Side, number>>;
  /** False when one request was too slow to put the scenario under load. */
  measuredUnderLoad: boolean;
  sides: Partial<Record<Side, SideFigures>>;
}

/** One request on each side of each scenario, alone, timed. */
async function timeSingleRequests(
  scenarios: readonly Scenario[],
  targets: Record<string, Partial<Record<Side, LoadTarget>>>,
): Promise<Record<string, Partial<Record<Side, number>>>> {
  const times: Record<string, Partial<Record<Side, number>>> = {};
  for (const scenario of scenarios)
    for (const [side, target] of Object.entries(targets[scenario.name] ?? {}) as Array<
      [Side, LoadTarget]
    >) {
      const started = performance.now();
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: target.body(3_000_000),
      });
      await response.text();
      (times[scenario.name] ??= {})[side] = Math.round(performance.now() - started);
    }
  for (const [name, sides] of Object.entries(times))
    log(
      `  ${name}, one request: ${Object.entries(sides)
        .map(([side, ms]) => `${side} ${ms} ms`)
        .join(', ')}`,
    );
  return times;
}

/**
 * Waits until a side has worked through what a run left queued (requests autocannon gave up
 * on still run to their end): one more request is answered only after them, so the next run
 * starts on a quiet machine.
 */
let drains = 0;
async function drain(target: LoadTarget): Promise<void> {
  drains += 1;
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body(4_000_000 + drains),
    signal: AbortSignal.timeout(300_000),
  });
  await response.text();
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
  postgraphile: { url: string; body: string },
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
      ...(scenario.name === 'nested'
        ? { postgraphile: { url: postgraphile.url, headers: {}, body: () => postgraphile.body } }
        : {}),
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

/** Fails loudly unless PostGraphile answers the nested query exactly as the api does. */
async function checkPostgraphile(
  api: RunningApi,
  adminToken: string,
  nested: Scenario,
  postgraphile: { url: string; body: string },
): Promise<void> {
  const fromApi = await graphql(api.url, adminToken, nested.query, nested.variables(0));
  const response = await fetch(postgraphile.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: postgraphile.body,
  });
  const expected = normaliseApiNested(fromApi.body as Parameters<typeof normaliseApiNested>[0]);
  const actual = normalisePostgraphileNested(
    (await response.json()) as Parameters<typeof normalisePostgraphileNested>[0],
  );
  const difference = firstDifference(expected, actual);
  if (difference)
    throw new Error(`PostGraphile's nested answer differs from the api's: ${difference}`);
  const engagements = expected.flatMap((la) => la.engagements);
  log(
    `  nested: PostGraphile answers as the api does (${expected.length} LAs, ${engagements.length} engagements, ${engagements.flatMap((e) => e.sessions).length} sessions)`,
  );
}

async function measure(
  settings: BenchSettings,
  scenarios: readonly Scenario[],
  targets: Record<string, Partial<Record<Side, LoadTarget>>>,
  singleRequestMs: Record<string, Partial<Record<Side, number>>>,
): Promise<Record<string, Partial<Record<Side, RunFigures[]>>>> {
  const runs: Record<string, Partial<Record<Side, RunFigures[]>>> = {};
  const optionsFor = (scenario: Scenario, seconds: number) => ({
    seconds,
    connections: connectionsFor(
      Math.max(...Object.values(singleRequestMs[scenario.name] ?? {})),
      settings.connections,
    ),
  });
  for (const scenario of scenarios) {
    const { connections } = optionsFor(scenario, 0);
    if (connections !== settings.connections)
      log(`  ${scenario.name} is measured with ${connections} connections (one request is slow)`);
  }
  log(`Warming up (${WARM_UP_SECONDS} s per scenario and side)`);
  for (const scenario of scenarios)
    for (const target of Object.values(targets[scenario.name] ?? {})) {
      await loadRun(target, optionsFor(scenario, WARM_UP_SECONDS));
      await drain(target);
    }
  for (let round = 1; round <= settings.rounds; round += 1) {
    for (const scenario of scenarios) {
      const sides = Object.entries(targets[scenario.name] ?? {}) as Array<[Side, LoadTarget]>;
      // Alternate which side goes first, so neither always meets a warmer or busier machine.
      if (round % 2 === 0) sides.reverse();
      for (const [side, target] of sides) {
        const figures = await loadRun(target, optionsFor(scenario, settings.secondsPerRun));
        await drain(target);
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
  let signIn: BenchSignIn | undefined;
  let postgraphile: RunningPostgraphile | undefined;
  const stop = async () => {
    await children.stopAll();
    await postgraphile?.stop();
    await signIn?.stop();
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
    const today = dateInEngland(new Date());
    const data = await findScenarioData(database.url, today);
    signIn = await signInBenchPeople(database.url, data.supplierId);
    const tokens = signIn.tokens;
    const scenarios = scenariosFor(data);

    // A short-lived api in NODE_ENV=test, the only mode that counts a request's SQL: each
    // scenario's statements, captured for the floor to replay.
    const counting = await startApi(
      children,
      apiEnvironment(env, 'test', signIn),
      resolve(CACHE, 'captured-sql.jsonl'),
    );
    phases.end('api (test, counting SQL)');
    log('Capturing one request of each scenario');
    const prepared = await captureScenarios(counting, scenarios, tokens);
    await children.stop(counting.process);

    // The api that is timed: production, as deployed.
    const [api, floor, startedPostgraphile] = await Promise.all([
      startApi(children, apiEnvironment(env, 'production', signIn)),
      startFloor(children, {
        databaseUrl: database.url,
        poolSize: POOL_SIZE,
        plans: prepared.plans,
        plansFile: resolve(CACHE, 'floor-plans.json'),
      }),
      startPostgraphile({
        databaseUrl: database.url,
        cacheDir: resolve(CACHE, 'postgraphile'),
        poolSize: POOL_SIZE,
        log,
      }),
    ]);
    postgraphile = startedPostgraphile;
    const postgraphileTarget = {
      url: postgraphile.url,
      body: JSON.stringify({
        query: POSTGRAPHILE_NESTED_QUERY,
        variables: postgraphileNestedVariables(data.financialYear, today),
      }),
    };
    log('Checking the floor and PostGraphile answer with the same data');
    await checkFloor(floor, prepared, scenarios, data);
    const nested = scenarios.find((scenario) => scenario.name === 'nested');
    if (nested) await checkPostgraphile(api, tokens.ADMIN, nested, postgraphileTarget);
    phases.end('capture and check');
    const targets = targetsOf(
      scenarios,
      api,
      floor,
      postgraphileTarget,
      tokens,
      data,
      prepared.supplierUserId,
    );
    const singleRequestMs = await timeSingleRequests(scenarios, targets);
    const loaded = scenarios.filter((scenario) => {
      const slowest = Math.max(...Object.values(singleRequestMs[scenario.name] ?? {}));
      if (slowest <= MAX_SINGLE_REQUEST_MS) return true;
      log(
        `  ${scenario.name} is not put under load: one request took ${slowest} ms (over ${MAX_SINGLE_REQUEST_MS} ms)`,
      );
      return false;
    });
    const runs = await measure(settings, loaded, targets, singleRequestMs);
    phases.end('measurement');
    // The reports and reminders have the machine to themselves.
    await Promise.all([children.stop(api.process), floor.stop(), postgraphile.stop()]);
    postgraphile = undefined;
    await removeRecordedSessions(database.url);

    log('Reports: the MI pack and the sessions extract (XLSX)');
    const reports = await measureReports({
      databaseUrl: database.url,
      programmeId: data.programmeId,
      financialYear: data.financialYear,
      log,
    });
    phases.end('reports');
    const reminders = await measureReminders({
      databaseUrl: services.databaseUrl,
      redisUrl: services.redisUrl,
      count: settings.reminders,
      log,
    });
    phases.end('reminders');
    const results = await resultsOf({
      settings,
      database,
      data,
      scenarios,
      prepared,
      runs,
      singleRequestMs,
      reports,
      reminders,
      phases,
      started,
    });
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
  singleRequestMs: Record<string, Partial<Record<Side, number>>>;
  reports: ReportFigures;
  reminders: ReminderFigures;
  phases: Phases;
  started: number;
}) {
  const { settings, database, data, scenarios, prepared, runs, reports, reminders } = input;
  const scenarioResults: Record<string, ScenarioResult> = {};
  for (const scenario of scenarios) {
    const sides: Partial<Record<Side, SideFigures>> = {};
    for (const [side, rounds] of Object.entries(runs[scenario.name] ?? {}))
      sides[side as Side] = sideFigures(rounds);
    scenarioResults[scenario.name] = {
      description: scenario.description,
      sqlStatements: prepared.sqlStatements[scenario.name] ?? [],
      singleRequestMs: input.singleRequestMs[scenario.name] ?? {},
      measuredUnderLoad: runs[scenario.name] !== undefined,
      sides,
    };
  }
  const dashboard = scenarioResults['programmeDashboard']?.sides;
  const p50 = ratio(dashboard?.api?.median.p50Ms, dashboard?.floor?.median.p50Ms);
  const p95 = ratio(dashboard?.api?.median.p95Ms, dashboard?.floor?.median.p95Ms);
  const dashboardAlone = scenarioResults['programmeDashboard']?.singleRequestMs;
  const singleRequest = ratio(dashboardAlone?.api, dashboardAlone?.floor);
  // Too slow to load, its latency is judged on one request alone.
  const dashboardLatency = p50 ?? singleRequest;
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
      nestedQueryPage: NESTED_PAGE,
      rowCounts: await rowCounts(database.url),
    },
    settings: {
      rounds: settings.rounds,
      secondsPerRun: settings.secondsPerRun,
      connections: settings.connections,
      poolSize: POOL_SIZE,
      reminders: settings.reminders,
    },
    notes: [
      'The timed api runs with NODE_ENV=production, its callers signed in through a local OpenID Connect issuer (RS256 tokens, people and roles recorded in the database beforehand). SQL statements per request are counted, and captured for the floor, on a second, short-lived api with NODE_ENV=test, the only mode that reports them.',
      "The floor replays the api's own statements with pg over a pool of the same size; PostGraphile 5 answers the same nested query (checked equal to the api's answer before timing) on Node 22.",
      reminders.notifyLimit === 'lifted'
        ? "Reminders are sent by the worker with NOTIFY_SENDS_PER_MINUTE=0 (no limit; GOV.UK Notify's allowance, the default, is 1,400 a minute), so the figure is what the queue, database and sending code manage."
        : 'Reminders are sent by the worker at its default Notify rate limit (NOTIFY_SENDS_PER_MINUTE, 1,400 a minute).',
    ],
    scenarios: scenarioResults,
    nestedVsPostgraphile: { value: nestedRatio, ...atLeast(nestedRatio, 1.2) },
    dashboardVsRawSql: {
      p50,
      p95,
      singleRequest,
      basis: p50 === null ? 'one request alone' : 'p50 under load',
      ...atMost(dashboardLatency, 1.25),
      p95Met: atMost(p95, 1.25).met,
    },
    sqlPerRequest: {
      scenarios: sqlPerRequest,
      target: 'bounded by depth, not rows',
      met: bounded.length === 0 ? null : bounded.every(Boolean),
    },
    reportPeakRssMb: {
      value: reports.miPack.peakRssMb,
      seconds: reports.miPack.seconds,
      financialYear: reports.miPack.financialYear,
      rows: reports.miPack.rows,
    },
    extractPeakRssMb: {
      value: reports.sessionsExtract.peakRssMb,
      seconds: reports.sessionsExtract.seconds,
      financialYear: reports.sessionsExtract.financialYear,
      rows: reports.sessionsExtract.rows,
      ...atMost(reports.sessionsExtract.peakRssMb, 300),
    },
    remindersVsBullmqNoop: {
      value: reminders.ratio,
      remindersPerSecond: reminders.remindersPerSecond,
      noopJobsPerSecond: reminders.noop.jobsPerSecond,
      count: reminders.count,
      received: reminders.received,
      duplicates: reminders.duplicates,
      seconds: reminders.seconds,
      notifyLimit: reminders.notifyLimit,
      ...atLeast(reminders.ratio, 0.5),
      // Every reminder must arrive, once.
      met:
        reminders.ratio === null
          ? null
          : reminders.ratio >= 0.5 && reminders.complete && reminders.duplicates === 0,
    },
    reports,
    reminders,
  };
}

type Results = Awaited<ReturnType<typeof resultsOf>>;

/** Every target, its measured ratio and whether it is met. */
function targetLinesOf(results: Results): TargetLine[] {
  const nested = results.scenarios['nested']?.sides;
  const reminders = results.remindersVsBullmqNoop;
  return [
    {
      name: 'nested query vs PostGraphile (req/s)',
      measured: `${results.nestedVsPostgraphile.value ?? 'n/a'} (${nested?.api?.median.requestsPerSecond.toFixed(1) ?? '?'} ÷ ${nested?.postgraphile?.median.requestsPerSecond.toFixed(1) ?? '?'})`,
      target: results.nestedVsPostgraphile.target,
      met: results.nestedVsPostgraphile.met,
    },
    {
      name: 'programmeDashboard vs raw SQL (p50 / p95 latency)',
      measured:
        results.dashboardVsRawSql.p50 === null
          ? `${results.dashboardVsRawSql.singleRequest ?? 'n/a'} (one request alone: too slow to load)`
          : `${results.dashboardVsRawSql.p50} / ${results.dashboardVsRawSql.p95 ?? 'n/a'}`,
      target: results.dashboardVsRawSql.target,
      met: results.dashboardVsRawSql.met,
    },
    {
      name: 'SQL statements per request (bound by depth)',
      measured: Object.entries(results.sqlPerRequest.scenarios)
        .map(
          ([name, entry]) =>
            `${name} ${entry.sizes.map((size) => size.statements ?? '?').join('/')}${entry.bound === null ? '' : ` (≤ ${entry.bound})`}`,
        )
        .join('; '),
      target: results.sqlPerRequest.target,
      met: results.sqlPerRequest.met,
    },
    {
      name: 'sessions extract peak RSS (MB)',
      measured: String(results.extractPeakRssMb.value),
      target: results.extractPeakRssMb.target,
      met: results.extractPeakRssMb.met,
    },
    {
      name: 'reminders vs BullMQ no-op throughput',
      measured: `${reminders.value ?? 'n/a'} (${reminders.remindersPerSecond}/s ÷ ${reminders.noopJobsPerSecond}/s; ${reminders.received}/${reminders.count} sent, ${reminders.duplicates} duplicates)`,
      target: `${reminders.target}, all sent, 0 duplicates`,
      met: reminders.met,
    },
  ];
}

function markdownOf(results: Results, targets: readonly TargetLine[]): string {
  const rows: TableRow[] = [];
  for (const [name, scenario] of Object.entries(results.scenarios)) {
    const statements = scenario.sqlStatements
      .map((count) => `${count.statements ?? '?'} (${count.label})`)
      .join(', ');
    // The floor replays the api's statements; PostGraphile's are its own, not counted.
    for (const [side, figures] of Object.entries(scenario.sides))
      rows.push({
        scenario: name,
        side,
        figures: figures.median,
        statements: side === 'postgraphile' ? 'not counted' : statements,
      });
  }
  return [
    `# Benchmark results (${results.generatedAt})`,
    '',
    `Scale ${results.data.scale} (${results.data.programme}, ${results.data.financialYear}); ${results.machine.cpus} CPUs, Node ${results.machine.node}, PostgreSQL ${results.machine.postgres}; medians of ${results.settings.rounds} rounds of ${results.settings.secondsPerRun} s with ${results.settings.connections} connections; ${results.elapsedSeconds} s in all.`,
    '',
    '## Targets',
    '',
    targetsTable(targets),
    '## Requests',
    '',
    markdownTable(rows),
    ratiosTable(results.scenarios),
    '| scenario | one request alone (ms) | put under load |',
    '|---|---|---|',
    ...Object.entries(results.scenarios).map(
      ([name, scenario]) =>
        `| ${name} | ${Object.entries(scenario.singleRequestMs)
          .map(([side, ms]) => `${side} ${ms}`)
          .join(
            ', ',
          )} | ${scenario.measuredUnderLoad ? 'yes' : `no (over ${MAX_SINGLE_REQUEST_MS} ms)`} |`,
    ),
    '',
    '## Reports',
    '',
    reportsTable([results.reports.miPack, results.reports.sessionsExtract]),
    '## Reminders',
    '',
    remindersTable(results.reminders),
    '## Notes',
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

function writeResults(results: Results): void {
  mkdirSync(RESULTS, { recursive: true });
  const targets = targetLinesOf(results);
  writeFileSync(
    resolve(RESULTS, 'latest.json'),
    `${JSON.stringify({ ...results, targets }, null, 2)}\n`,
  );
  const markdown = markdownOf(results, targets);
  writeFileSync(resolve(RESULTS, 'latest.md'), markdown);
  log(`\n${markdown}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
