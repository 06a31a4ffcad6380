export interface BenchSettings {
  /** Scale of `seed-demo --scale` (financial years of national-scale data). */
  scale: number;
  quick: boolean;
  rounds: number;
  secondsPerRun: number;
  connections: number;
  /** Reminders made due and sent through the worker. */
  reminders: number;
  /** The server to use; the launcher's embedded PostgreSQL when absent. */
  databaseUrl?: string;
  redisUrl?: string;
  databaseName: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** `la_tracker_bench_s10`, `la_tracker_bench_s0_05`: one database per scale. */
export function databaseNameOf(scale: number): string {
  return `la_tracker_bench_s${String(scale).replace('.', '_')}`;
}

function positive(env: Environment, name: string, fallback: number, whole: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (whole && !Number.isInteger(value)))
    throw new Error(`${name} must be a ${whole ? 'whole ' : ''}number above 0 (got "${raw}")`);
  return value;
}

/** The benchmark's settings from its environment; BENCH_QUICK=1 is a short trial run. */
export function benchSettings(env: Environment): BenchSettings {
  const quick = env['BENCH_QUICK'] === '1';
  const scale = positive(env, 'BENCH_SCALE', quick ? 0.05 : 10, false);
  return {
    scale,
    quick,
    rounds: positive(env, 'BENCH_ROUNDS', quick ? 1 : 3, true),
    secondsPerRun: positive(env, 'BENCH_SECONDS', quick ? 3 : 10, true),
    connections: positive(env, 'BENCH_CONNECTIONS', 10, true),
    reminders: positive(env, 'BENCH_REMINDERS', quick ? 2_000 : 100_000, true),
    databaseUrl: env['DATABASE_URL'] || undefined,
    redisUrl: env['REDIS_URL'] || undefined,
    databaseName: env['BENCH_DATABASE_NAME'] || databaseNameOf(scale),
  };
}
