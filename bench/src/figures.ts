import type { ReportFigure } from './reports';

/** One load run of one side of one scenario. */
export interface RunFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, GraphQL `errors`, timeouts and connection errors. */
  errors: number;
}

export interface SideFigures {
  median: RunFigures;
  rounds: RunFigures[];
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** The nearest-rank percentile (p from 0 to 100) of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Each figure's median over the rounds, figure by figure. */
export function sideFigures(rounds: readonly RunFigures[]): SideFigures {
  const of = (pick: (run: RunFigures) => number, among = rounds) => median(among.map(pick)) ?? 0;
  // A round in which nothing was answered has no latency to speak of (0 would look fastest).
  const answered = rounds.filter((run) => run.requests > 0);
  return {
    median: {
      requestsPerSecond: of((run) => run.requestsPerSecond),
      p50Ms: of((run) => run.p50Ms, answered),
      p95Ms: of((run) => run.p95Ms, answered),
      p99Ms: of((run) => run.p99Ms, answered),
      requests: of((run) => run.requests),
      errors: of((run) => run.errors),
    },
    rounds: [...rounds],
  };
}

/** a ÷ b to two decimal places; null when either is missing or not above 0 (nothing measured). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || a <= 0 || b <= 0)
    return null;
  return Math.round((a / b) * 100) / 100;
}

export interface Target {
  /** e.g. "≥ 1.2" */
  target: string;
  met: boolean | null;
}

export function atLeast(value: number | null, bound: number): Target {
  return { target: `≥ ${bound}`, met: value === null ? null : value >= bound };
}

export function atMost(value: number | null, bound: number): Target {
  return { target: `≤ ${bound}`, met: value === null ? null : value <= bound };
}

/**
 * Connections for a scenario: those configured, but 2 (a couple of people at once) where one
 * request alone takes over half a second, since ten such requests at once on a small machine
 * measure its queue rather than the request.
 */
export function connectionsFor(singleRequestMs: number, configured: number): number {
  return singleRequestMs > 500 ? Math.min(2, configured) : configured;
}

export interface SqlCount {
  label: string;
  statements: number | null;
}

/**
 * Statements are bounded by depth, not rows, when no size costs more than the query's depth
 * allows (`bound`: a fixed number per level, written down for each scenario). A level with no
 * rows costs nothing, so a small page may cost fewer. Null when there is no bound or no count.
 */
export function boundedByDepth(sizes: readonly SqlCount[], bound: number | null): boolean | null {
  if (bound === null || sizes.length === 0) return null;
  if (sizes.some((size) => size.statements === null)) return null;
  return sizes.every((size) => (size.statements as number) <= bound);
}

export interface TableRow {
  scenario: string;
  side: string;
  figures: RunFigures;
  statements: string;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

/** The results as a markdown table, one row per scenario and side. */
export function markdownTable(rows: readonly TableRow[]): string {
  const lines = [
    '| scenario | side | req/s | p50 ms | p95 ms | p99 ms | errors | SQL statements |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.scenario} | ${row.side} | ${fixed(row.figures.requestsPerSecond, 1)} | ${fixed(row.figures.p50Ms, 1)} | ${fixed(row.figures.p95Ms, 1)} | ${fixed(row.figures.p99Ms, 1)} | ${row.figures.errors} | ${row.statements} |`,
    );
  return `${lines.join('\n')}\n`;
}

export interface TargetLine {
  name: string;
  measured: string;
  target: string;
  met: boolean | null;
}

export function targetsTable(lines: readonly TargetLine[]): string {
  const rows = lines.map(
    (line) =>
      `| ${line.name} | ${line.measured} | ${line.target} | ${line.met === null ? 'not measured' : line.met ? 'met' : 'missed'} |`,
  );
  return ['| target | measured | wanted | outcome |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** The api's median figures over another side's, per scenario: how far the api is from it. */
export function ratiosTable(
  scenarios: Record<string, { sides: Partial<Record<string, SideFigures>> }>,
): string {
  const lines = [
    '| scenario | api vs | req/s (api ÷ side) | p50 (api ÷ side) | p95 (api ÷ side) |',
    '|---|---|---:|---:|---:|',
  ];
  const cell = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
  for (const [name, scenario] of Object.entries(scenarios)) {
    const api = scenario.sides['api']?.median;
    for (const side of ['floor', 'postgraphile']) {
      const other = scenario.sides[side]?.median;
      if (!api || !other) continue;
      lines.push(
        `| ${name} | ${side} | ${cell(ratio(api.requestsPerSecond, other.requestsPerSecond))} | ${cell(ratio(api.p50Ms, other.p50Ms))} | ${cell(ratio(api.p95Ms, other.p95Ms))} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function reportsTable(reports: readonly ReportFigure[]): string {
  const lines = [
    '| report | year | rows | bytes | seconds | peak RSS MB | RSS before building MB |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const figure of reports)
    lines.push(
      `| ${figure.kind} (${figure.format}) | ${figure.financialYear} | ${figure.rows} | ${figure.byteSize} | ${figure.seconds} | ${figure.peakRssMb} | ${figure.startRssMb} |`,
    );
  return `${lines.join('\n')}\n`;
}

export interface RemindersRow {
  count: number;
  received: number;
  duplicates: number;
  seconds: number;
  scanSeconds: number;
  remindersPerSecond: number;
  sendsPerSecond: number;
  noop: { jobsPerSecond: number };
  ratio: number | null;
  notifyLimit: string;
}

export function remindersTable(reminders: RemindersRow): string {
  return [
    '| reminders | sent | duplicates | seconds (scan) | reminders/s | sends/s | BullMQ no-op jobs/s | ratio | Notify limit |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    `| ${reminders.count} | ${reminders.received} | ${reminders.duplicates} | ${reminders.seconds} (${reminders.scanSeconds}) | ${reminders.remindersPerSecond} | ${reminders.sendsPerSecond} | ${reminders.noop.jobsPerSecond} | ${reminders.ratio ?? 'n/a'} | ${reminders.notifyLimit} |`,
    '',
  ].join('\n');
}
