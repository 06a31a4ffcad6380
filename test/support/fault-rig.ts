import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTIFY_TEMPLATE_KINDS, readEnvironment } from '@la-tracker/platform/config';
import {
  findFreePort,
  startRedisServer,
  type LocalService,
} from '@la-tracker/platform/local-services';
import {
  createTestDatabase,
  startFakeNotify,
  type FakeNotify,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { Env } from './cli';
import { startWorker, type RunningWorker } from './worker';

/**
 * What a fault test runs against: a database of its own, a `redis-server` of its own on a free
 * port (never the machine's shared one, since tests stop it), and a fake GOV.UK Notify in this
 * process that the worker processes send to. `close` ends every process it started and removes
 * what it wrote, whatever state the test left them in.
 */
export interface FaultRig {
  readonly database: TestDatabase;
  readonly notify: FakeNotify;
  /** The environment of a worker, api or command line process pointed at the rig. */
  readonly env: Env;
  readonly redisUrl: string;
  readonly prefix: string;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  startWorker(): Promise<RunningWorker>;
  /** Stops the private Redis; its append-only file keeps what it held. */
  stopRedis(): Promise<void>;
  /** Starts it again on the same port, from its append-only file. */
  startRedis(): Promise<void>;
  /** Freezes the private Redis (SIGSTOP): connections stay open and commands get no answer. */
  pauseRedis(): void;
  resumeRedis(): void;
  /** The workers (BullMQ's `processedBy`) that completed each notification's send job. */
  sendProcessedBy(notificationIds: readonly string[]): Promise<Map<string, string | null>>;
  close(): Promise<void>;
}

export async function startFaultRig(): Promise<FaultRig> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const redisDir = mkdtempSync(join(tmpdir(), 'la-tracker-fault-'));
    cleanups.push(() => Promise.resolve(rmSync(redisDir, { recursive: true, force: true })));
    const port = await findFreePort();
    let redis: LocalService | undefined = await startRedisServer({
      dir: redisDir,
      persist: true,
      port,
    });
    cleanups.push(async () => {
      await redis?.stop();
      redis = undefined;
    });
    const notify = await startFakeNotify();
    cleanups.push(() => notify.stop());
    const client = new Client({ connectionString: database.url });
    await client.connect();
    cleanups.push(() => client.end());

    const prefix = `la-tracker-fault-${randomBytes(6).toString('hex')}`;
    const env: Env = {
      ...readEnvironment(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      OUTBOX_SWEEP_INTERVAL_MS: '200',
      // A key in Notify's format (name, service id, secret); the fake accepts any signed token.
      NOTIFY_API_KEY: `fault-test-${randomUUID()}-${randomUUID()}`,
      NOTIFY_BASE_URL: notify.url,
      ...Object.fromEntries(
        NOTIFY_TEMPLATE_KINDS.map((kind) => [`NOTIFY_TEMPLATE_${kind}`, randomUUID()]),
      ),
    };
    const workers: RunningWorker[] = [];
    cleanups.push(async () => {
      for (const worker of workers) await worker.kill();
    });

    return {
      database,
      notify,
      env,
      redisUrl: redis.url,
      prefix,
      sql: async <T>(text: string, params: unknown[] = []) =>
        (await client.query(text, params)).rows as T[],
      async startWorker() {
        const worker = await startWorker(env);
        workers.push(worker);
        return worker;
      },
      async stopRedis() {
        await redis?.stop();
        redis = undefined;
      },
      async startRedis() {
        redis ??= await startRedisServer({ dir: redisDir, persist: true, port });
      },
      pauseRedis() {
        if (redis?.pid) process.kill(redis.pid, 'SIGSTOP');
      },
      resumeRedis() {
        if (redis?.pid) process.kill(redis.pid, 'SIGCONT');
      },
      async sendProcessedBy(notificationIds) {
        const connection = new Redis(env.REDIS_URL ?? '', { lazyConnect: true });
        await connection.connect();
        try {
          const pipeline = connection.pipeline();
          for (const id of notificationIds)
            pipeline.hget(`${prefix}:notifications:notifications.send/${id}`, 'pb');
          const results = (await pipeline.exec()) ?? [];
          return new Map(
            notificationIds.map((id, i) => [id, (results[i]?.[1] as string | null) ?? null]),
          );
        } finally {
          connection.disconnect();
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The notifications' state, counted. */
export async function notificationCounts(
  rig: Pick<FaultRig, 'sql'>,
): Promise<Record<string, number>> {
  const rows = await rig.sql<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM notification GROUP BY status`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/**
 * What reached the fake Notify, checked against the notifications on record: every notification
 * SENT, with the id Notify gave it, and each reference received exactly once.
 */
export async function deliveredOnce(rig: Pick<FaultRig, 'sql' | 'notify'>): Promise<{
  notifications: number;
  received: number;
  duplicates: string[];
  missing: string[];
  unexpected: string[];
  notSent: number;
  mismatchedIds: number;
}> {
  const rows = await rig.sql<{ id: string; status: string; provider_message_id: string | null }>(
    `SELECT id, status, provider_message_id FROM notification`,
  );
  const byReference = new Map<string, string[]>();
  for (const message of rig.notify.messages)
    byReference.set(message.reference ?? '', [
      ...(byReference.get(message.reference ?? '') ?? []),
      message.id,
    ]);
  const ids = new Set(rows.map((row) => row.id));
  return {
    notifications: rows.length,
    received: rig.notify.messages.length,
    duplicates: [...byReference].filter(([, got]) => got.length > 1).map(([ref]) => ref),
    missing: rows.filter((row) => !byReference.has(row.id)).map((row) => row.id),
    unexpected: [...byReference.keys()].filter((reference) => !ids.has(reference)),
    notSent: rows.filter((row) => row.status !== 'SENT').length,
    mismatchedIds: rows.filter(
      (row) => byReference.get(row.id)?.[0] !== (row.provider_message_id ?? undefined),
    ).length,
  };
}
