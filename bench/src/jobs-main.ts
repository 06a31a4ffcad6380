import { readEnvironment } from '@la-tracker/platform/config';
import { Client } from 'pg';
import { readOnlyUrl } from './child-process';
import { measureReminders, type NotifyLimit } from './reminders';
import { measureReports } from './reports';

/**
 * The report and reminder figures on their own, for trying them out:
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/la_bench_s10_draft \
 *   node dist/bench/src/jobs-main.js [reports] [reminders]
 *
 * BENCH_DATABASE_URL names the database the reports read (read-only); the reminders use a
 * scratch database made beside it. BENCH_PROGRAMME_ID picks the programme (else the one with the
 * most sessions), BENCH_FINANCIAL_YEAR the MI pack's year (else the programme's busiest),
 * BENCH_REDIS_URL the Redis (database 13 of the local one unless told), REMINDERS_COUNT how many
 * reminders (100,000), REMINDERS_LIMIT `lifted` (the default) or `product`, REMINDERS_TIMEOUT_S how
 * long to wait for the sends (15 minutes) before reporting what arrived.
 */
async function main(): Promise<void> {
  const env = readEnvironment();
  const databaseUrl = env.BENCH_DATABASE_URL;
  if (!databaseUrl) throw new Error('Set BENCH_DATABASE_URL to the database to measure');
  const which = process.argv.slice(2);
  const wanted = (part: string) => which.length === 0 || which.includes(part);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const results: Record<string, unknown> = {};
  if (wanted('reports')) {
    const programme = await busiestProgramme(databaseUrl, env.BENCH_PROGRAMME_ID);
    results.reports = await measureReports({
      databaseUrl,
      programmeId: programme.id,
      financialYear: env.BENCH_FINANCIAL_YEAR ?? programme.busiestYear,
      log,
    });
  }
  if (wanted('reminders'))
    results.reminders = await measureReminders({
      databaseUrl,
      redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13',
      count: Number(env.REMINDERS_COUNT ?? 100_000),
      notifyLimit: (env.REMINDERS_LIMIT ?? 'lifted') as NotifyLimit,
      timeoutMs: env.REMINDERS_TIMEOUT_S ? Number(env.REMINDERS_TIMEOUT_S) * 1000 : undefined,
      log,
    });
  log(JSON.stringify(results, null, 2));
}

/** The programme named, or the one with the most sessions; and its year with the most. */
async function busiestProgramme(
  databaseUrl: string,
  programmeId: string | undefined,
): Promise<{ id: string; busiestYear: string }> {
  const client = new Client({ connectionString: readOnlyUrl(databaseUrl) });
  await client.connect();
  try {
    const { rows } = await client.query<{ programme_id: string; financial_year: string }>(
      `SELECT programme_id, financial_year FROM delivery_session
        WHERE $1::uuid IS NULL OR programme_id = $1::uuid
        GROUP BY programme_id, financial_year ORDER BY count(*) DESC LIMIT 1`,
      [programmeId ?? null],
    );
    if (!rows[0]) throw new Error('No programme with sessions in that database');
    return { id: rows[0].programme_id, busiestYear: rows[0].financial_year };
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
