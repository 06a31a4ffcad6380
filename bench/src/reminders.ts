import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotifyChannel } from '@la-tracker/domain/notifications';
import { NOTIFY_TEMPLATE_KINDS, readEnvironment } from '@la-tracker/platform/config';
import { DEFAULT_BACKOFF, QUEUES } from '@la-tracker/platform/queue';
import { startFakeNotify, type FakeNotify } from '@la-tracker/platform/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { runNode } from './child-process';
import { cpuTicksOf, duplicatesOf, ratePerSecond, ratioOf } from './job-figures';

/**
 * A day on which November 2022's monthly return is chased and no other month's: a supplier that
 * owes it has one reminder due per contact.
 */
const CHASE_DAY = '2022-12-02';

const CLI = join(__dirname, '../../apps/cli/src/main.js');
const WORKER = join(__dirname, '../../apps/worker/src/main.js');

/**
 * `product`: the worker as shipped, whose notifications queue sends at most 1,400 a minute (GOV.UK
 * Notify's allowance, `NOTIFY_SENDS_PER_MINUTE`'s default). `lifted`: the same worker with that
 * setting at 0 (no limit), to see what the queue, the database and the sending code manage on
 * their own.
 */
export type NotifyLimit = 'product' | 'lifted';

export interface MeasureRemindersOptions {
  /** Any database on the server: a scratch database is made beside it, and dropped. */
  databaseUrl: string;
  redisUrl: string;
  /** Reminders made due; 100,000 unless told. */
  count?: number;
  notifyLimit?: NotifyLimit;
  /** Gives up waiting for the sends after this long, and reports what arrived. */
  timeoutMs?: number;
  log: (line: string) => void;
}

export interface ReminderFigures {
  count: number;
  notifyLimit: NotifyLimit;
  /** The scan (`run-reminders`): reading, recording the notifications and their outbox rows. */
  scanSeconds: number;
  /** From the scan's start until the fake Notify had every one, or until the timeout. */
  seconds: number;
  received: number;
  complete: boolean;
  remindersPerSecond: number;
  /** Messages beyond the first for the same notification: must be 0. */
  duplicates: number;
  /** Notifications recorded SENT in the database at the end. */
  sentOnRecord: number;
  /** The sending alone: from the first message Notify received to the last. */
  sendSeconds: number;
  sendsPerSecond: number;
  /** Database work per reminder over the whole run (PostgreSQL's own counters). */
  transactionsPerReminder: number;
  rowsWrittenPerReminder: number;
  /** The worker process's CPU time (user and system) from the scan's start to the last arrival. */
  workerCpuSeconds: number;
  workerCpuMsPerReminder: number;
  /**
   * The product's Notify client alone sending to the fake Notify, at the worker's concurrency,
   * with no queue or database: the most the HTTP side allows on this machine.
   */
  notifyClientAlonePerSecond: number;
  noop: NoopFigures;
  /** Reminders a second ÷ no-op jobs a second. */
  ratio: number | null;
}

export interface NoopFigures {
  jobs: number;
  concurrency: number;
  addSeconds: number;
  drainSeconds: number;
  jobsPerSecond: number;
}

/**
 * `count` reminders due in a scratch database, found by the real scan (`run-reminders`) and sent
 * by a real worker process to a fake GOV.UK Notify, timed from the scan's start until every one
 * has arrived; then BullMQ's own throughput for as many no-op jobs on the same Redis.
 */
export async function measureReminders(options: MeasureRemindersOptions): Promise<ReminderFigures> {
  const { log } = options;
  const count = options.count ?? 100_000;
  const notifyLimit = options.notifyLimit ?? 'lifted';
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const database = await createScratchDatabase(options.databaseUrl);
    cleanups.push(database.drop);
    log(`Reminders: migrating the scratch database ${database.name}`);
    await runNode(CLI, ['migrate'], {
      ...readEnvironment(),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
    });
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    cleanups.push(() => sql.end());
    await givenMonthlyReturnOwedTo(sql, count);

    const notify = await startFakeNotify();
    cleanups.push(() => notify.stop());
    const prefix = `bench-jobs-${randomBytes(6).toString('hex')}`;
    cleanups.push(() => deleteKeys(options.redisUrl, prefix));
    const env: NodeJS.ProcessEnv = {
      ...readEnvironment(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: prefix,
      OUTBOX_SWEEP_INTERVAL_MS: '500',
      WORKER_PORT: '0',
      // A key in Notify's format (name, service id, secret); the fake accepts any signed token.
      NOTIFY_API_KEY: `bench-${randomUUID()}-${randomUUID()}`,
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_SENDS_PER_MINUTE: notifyLimit === 'lifted' ? '0' : '1400',
      ...Object.fromEntries(
        NOTIFY_TEMPLATE_KINDS.map((kind) => [`NOTIFY_TEMPLATE_${kind}`, randomUUID()]),
      ),
    };
    const worker = await startWorker(WORKER, env);
    cleanups.push(() => worker.stop());

    const before = await databaseCounters(sql, database.name);
    const cpuBefore = cpuSecondsOf(worker.process.pid);
    log(`Reminders: scanning for ${count} due, sending through the worker (limit: ${notifyLimit})`);
    const started = performance.now();
    const scan = runNode(CLI, ['run-reminders', '--as-of', CHASE_DAY], env).then(
      () => performance.now() - started,
    );
    const arrivals = await waitForArrivals(notify, count, started, timeoutMs, log);
    const workerCpuSeconds = cpuSecondsOf(worker.process.pid) - cpuBefore;
    const scanMs = await scan;
    // Anything sent twice arrives a little later than the rest.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await databaseCounters(sql, database.name);
    const [{ sent }] = (
      await sql.query<{ sent: number }>(
        `SELECT count(*)::int AS sent FROM notification WHERE status = 'SENT'`,
      )
    ).rows;
    await worker.stop();

    const received = notify.messages.length;
    const notifyClientAlonePerSecond = await measureNotifyClient(Math.min(count, 5_000), log);
    const noop = await measureNoopJobs(options.redisUrl, count, log);
    const remindersPerSecond = ratePerSecond(arrivals.received, arrivals.elapsedMs);
    const figures: ReminderFigures = {
      count,
      notifyLimit,
      scanSeconds: seconds(scanMs),
      seconds: seconds(arrivals.elapsedMs),
      received,
      complete: arrivals.received >= count,
      remindersPerSecond,
      duplicates: duplicatesOf(notify.messages.map((message) => message.reference)),
      sentOnRecord: sent,
      sendSeconds: seconds(arrivals.lastMs - arrivals.firstMs),
      sendsPerSecond: ratePerSecond(arrivals.received, arrivals.lastMs - arrivals.firstMs),
      transactionsPerReminder: perItem(after.transactions - before.transactions, count),
      rowsWrittenPerReminder: perItem(after.rowsWritten - before.rowsWritten, count),
      workerCpuSeconds: Math.round(workerCpuSeconds * 10) / 10,
      workerCpuMsPerReminder: perItem(workerCpuSeconds * 1000, arrivals.received),
      notifyClientAlonePerSecond,
      noop,
      ratio: ratioOf(remindersPerSecond, noop.jobsPerSecond),
    };
    log(
      `Reminders: ${figures.received}/${count} at Notify in ${figures.seconds} s ` +
        `(scan ${figures.scanSeconds} s; sending ${figures.sendsPerSecond}/s), ` +
        `${figures.remindersPerSecond}/s overall, ${figures.duplicates} duplicates, ` +
        `worker CPU ${figures.workerCpuMsPerReminder} ms a reminder, ` +
        `${figures.transactionsPerReminder} transactions and ${figures.rowsWrittenPerReminder} rows written a reminder; ` +
        `no-op jobs ${noop.jobsPerSecond}/s; ratio ${String(figures.ratio)}`,
    );
    return figures;
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log(`Reminders: cleaning up: ${String(error)}`));
  }
}

/**
 * `count` no-op jobs added in bulk with the product's job options, then drained by one BullMQ
 * worker at the notifications queue's concurrency, on a queue and prefix of their own.
 */
export async function measureNoopJobs(
  redisUrl: string,
  count: number,
  log: (line: string) => void,
): Promise<NoopFigures> {
  const prefix = `bench-jobs-noop-${randomBytes(6).toString('hex')}`;
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const concurrency = QUEUES.notifications.concurrency;
  const queue = new Queue('noop', { connection, prefix });
  try {
    const addStarted = performance.now();
    for (let from = 0; from < count; from += 1_000) {
      const size = Math.min(1_000, count - from);
      await queue.addBulk(
        Array.from({ length: size }, (_, i) => ({
          name: 'noop',
          data: { n: from + i },
          opts: {
            jobId: `noop/${from + i}`,
            attempts: 10,
            backoff: { type: DEFAULT_BACKOFF.type, delay: DEFAULT_BACKOFF.delayMs },
            removeOnComplete: { age: 7 * 24 * 60 * 60 },
            removeOnFail: false,
          },
        })),
      );
    }
    const addMs = performance.now() - addStarted;
    let completed = 0;
    let drained: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (drained = resolve));
    const drainStarted = performance.now();
    const worker = new Worker(
      'noop',
      () => {
        completed += 1;
        if (completed === count) drained();
        return Promise.resolve();
      },
      { connection, prefix, concurrency },
    );
    await allDone;
    const drainMs = performance.now() - drainStarted;
    await worker.close();
    const figures: NoopFigures = {
      jobs: count,
      concurrency,
      addSeconds: seconds(addMs),
      drainSeconds: seconds(drainMs),
      jobsPerSecond: ratePerSecond(count, drainMs),
    };
    log(
      `No-op jobs: ${count} added in ${figures.addSeconds} s, drained in ${figures.drainSeconds} s ` +
        `at concurrency ${concurrency}: ${figures.jobsPerSecond}/s`,
    );
    return figures;
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await deleteKeys(redisUrl, prefix);
  }
}

/**
 * `count` messages sent by the product's Notify client to a fresh fake Notify, as many at once
 * as the worker sends: messages a second.
 */
async function measureNotifyClient(count: number, log: (line: string) => void): Promise<number> {
  const notify = await startFakeNotify();
  try {
    const channel = new NotifyChannel({
      apiKey: `bench-${randomUUID()}-${randomUUID()}`,
      baseUrl: notify.url,
      templateIds: { MONTHLY_RETURN_DUE: randomUUID() },
    });
    let next = 0;
    const started = performance.now();
    const sender = async () => {
      while (next < count) {
        const n = (next += 1);
        await channel.send({
          reference: `bench-${n}`,
          template: 'MONTHLY_RETURN_DUE',
          emailAddress: `contact-${n}@supplier.example`,
          personalisation: { summary: 'Benchmark', due_on: CHASE_DAY },
        });
      }
    };
    await Promise.all(Array.from({ length: QUEUES.notifications.concurrency }, sender));
    const rate = ratePerSecond(count, performance.now() - started);
    log(`Notify client alone: ${count} sends to the fake Notify at ${rate}/s`);
    return rate;
  } finally {
    await notify.stop();
  }
}

/** CPU seconds a process has used; Linux counts them in ticks of 1/100 s (USER_HZ). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    return (cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) ?? 0) / 100;
  } catch {
    return 0;
  }
}

interface Arrivals {
  received: number;
  elapsedMs: number;
  firstMs: number;
  lastMs: number;
}

async function waitForArrivals(
  notify: FakeNotify,
  count: number,
  started: number,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<Arrivals> {
  let firstMs = 0;
  let lastMs = 0;
  let seen = 0;
  let nextReport = performance.now() + 10_000;
  for (;;) {
    const now = performance.now();
    const received = notify.messages.length;
    if (received > seen) {
      if (seen === 0) firstMs = now - started;
      lastMs = now - started;
      seen = received;
    }
    if (received >= count || now - started > timeoutMs)
      return { received, elapsedMs: now - started, firstMs, lastMs };
    if (now > nextReport) {
      log(`Reminders: ${received}/${count} at Notify after ${seconds(now - started)} s`);
      nextReport = now + 10_000;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One programme whose one supplier, with `contacts` contacts, owes November 2022's return. */
async function givenMonthlyReturnOwedTo(sql: Client, contacts: number): Promise<void> {
  const [programmeId, lotId, supplierId, contractId] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  await sql.query(
    `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
     VALUES ($1, 'Reminder benchmark', 'DfE', '2021-05-31', '2024-03-31', 140000000)`,
    [programmeId],
  );
  await sql.query(
    `INSERT INTO lot (id, programme_id, number, title, valid_from) VALUES ($1, $2, 1, 'Lot 1', '2021-05-31')`,
    [lotId, programmeId],
  );
  await sql.query(
    `INSERT INTO supplier (id, name, name_key) VALUES ($1, 'Benchmark Supplier Ltd', 'benchmark supplier ltd')`,
    [supplierId],
  );
  await sql.query(
    `INSERT INTO contract (id, programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on)
     VALUES ($1, $2, $3, $4, 'B1', 25000000, '2021-05-31', '2024-03-31')`,
    [contractId, programmeId, supplierId, lotId],
  );
  await sql.query(
    `INSERT INTO supplier_contact (supplier_id, email)
     SELECT $1, 'contact-' || n || '@supplier.example' FROM generate_series(1, $2::int) AS n`,
    [supplierId, contacts],
  );
}

async function createScratchDatabase(
  serverUrl: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `bench_jobs_reminders_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** PostgreSQL's counters for one database: transactions committed, rows written. */
async function databaseCounters(
  sql: Client,
  name: string,
): Promise<{ transactions: number; rowsWritten: number }> {
  // The statistics are cached for the rest of a transaction: read them fresh.
  await sql.query(`SELECT pg_stat_clear_snapshot()`);
  const { rows } = await sql.query<{ transactions: string; written: string }>(
    `SELECT xact_commit AS transactions, tup_inserted + tup_updated + tup_deleted AS written
       FROM pg_stat_database WHERE datname = $1`,
    [name],
  );
  return {
    transactions: Number(rows[0]?.transactions ?? 0),
    rowsWritten: Number(rows[0]?.written ?? 0),
  };
}

interface StartedWorker {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A worker process, once it says it is ready; `stop` sends SIGTERM and waits for it to end. */
async function startWorker(script: string, env: NodeJS.ProcessEnv): Promise<StartedWorker> {
  const child = spawn(process.execPath, [script], {
    env: { ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    // Only the start is needed, to see it ready or why it stopped.
    if (output.length < 20_000) output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (!output.includes('Worker ready')) {
    if (child.exitCode !== null) throw new Error(`The worker stopped while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The worker did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: child, stop };
}

/** Removes every Redis key under a prefix of this benchmark's own. */
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

function perItem(total: number, items: number): number {
  return items > 0 ? Math.round((total / items) * 10) / 10 : 0;
}
