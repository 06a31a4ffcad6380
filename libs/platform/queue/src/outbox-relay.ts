import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DEDUPLICATION_WINDOW_SECONDS } from './jobs';
import { QueueProducer, type QueuedJob } from './queue-producer';

const BATCH_SIZE = 100;

export interface RelayResult {
  relayed: number;
  failed: number;
  /** The first failure's message, to say why jobs are waiting. */
  firstError?: string;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/**
 * Moves outbox rows to BullMQ. Each batch locks its rows with `FOR UPDATE SKIP LOCKED`, so
 * several processes relay at once without taking the same rows, and marks them relayed only once
 * Redis holds the job. A process that dies between the two leaves the row to be relayed again,
 * which is harmless: BullMQ ignores a job id it already holds.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly waiting = new Set<string>();
  private pumping?: Promise<void>;

  private closing = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(QueueProducer) private readonly producer: QueueProducer,
  ) {}

  /**
   * Relays rows just committed, in the background: one relay at a time per process, so a slow or
   * absent Redis holds at most one database connection here. Rows that fail wait for the sweep.
   */
  relaySoon(ids: readonly string[]): void {
    // Once shutdown has begun, commits still landing leave their rows to the next sweep.
    if (this.closing) return;
    for (const id of ids) this.waiting.add(id);
    this.startPump();
  }

  /** Resolves when the relays started by `relaySoon` so far have finished. */
  async settled(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /**
   * Relays every row still waiting, oldest first. Stops early when a whole batch fails (Redis is
   * away), leaving the rows for the next sweep.
   */
  async sweep(): Promise<RelayResult> {
    const total: RelayResult = { relayed: 0, failed: 0 };
    for (;;) {
      const batch = await this.relayBatch();
      total.relayed += batch.relayed;
      total.failed += batch.failed;
      total.firstError ??= batch.firstError;
      if (batch.relayed === 0 || batch.relayed + batch.failed < BATCH_SIZE) return total;
    }
  }

  /** Deletes rows relayed longer ago than the deduplication window; returns how many. */
  async prune(): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM outbox_job WHERE relayed_at < now() - make_interval(secs => $1)`,
      [DEDUPLICATION_WINDOW_SECONDS],
    );
    return count;
  }

  /** Finishes the relay under way; rows not yet started wait for the sweep, which is quick. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.waiting.clear();
    await this.settled();
  }

  private startPump(): void {
    if (this.pumping || this.waiting.size === 0) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      this.startPump(); // rows that arrived as the last round ended
    });
  }

  private async pump(): Promise<void> {
    while (this.waiting.size > 0) {
      const ids = [...this.waiting].slice(0, BATCH_SIZE);
      for (const id of ids) this.waiting.delete(id);
      try {
        const result = await this.relayBatch(ids);
        if (result.failed > 0)
          this.logger.warn(
            `${result.failed} job(s) wait in the outbox for the worker's sweep: ${result.firstError}`,
          );
      } catch (error) {
        this.logger.warn(
          `Relaying after commit failed; the worker's sweep will: ${messageOf(error)}`,
        );
      }
    }
  }

  private relayBatch(ids?: readonly string[]): Promise<RelayResult> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.lockWaitingRows(manager, ids);
      const outcomes = await Promise.all(
        rows.map((row) =>
          this.producer.add(row).then(
            () => ({ id: row.id, error: undefined }),
            (error: unknown) => ({ id: row.id, error: messageOf(error) }),
          ),
        ),
      );
      const relayed = outcomes.filter((outcome) => outcome.error === undefined);
      const failed = outcomes.filter(
        (outcome): outcome is { id: string; error: string } => outcome.error !== undefined,
      );
      if (relayed.length > 0)
        await manager.query(
          `UPDATE outbox_job
           SET relayed_at = now(), relay_attempts = relay_attempts + 1, last_error = NULL
           WHERE id = ANY($1::uuid[])`,
          [relayed.map((outcome) => outcome.id)],
        );
      if (failed.length > 0)
        await manager.query(
          `UPDATE outbox_job
           SET relay_attempts = outbox_job.relay_attempts + 1, last_error = failure.error
           FROM unnest($1::uuid[], $2::text[]) AS failure (id, error)
           WHERE outbox_job.id = failure.id`,
          [failed.map((outcome) => outcome.id), failed.map((outcome) => outcome.error)],
        );
      return { relayed: relayed.length, failed: failed.length, firstError: failed[0]?.error };
    });
  }

  private lockWaitingRows(
    manager: EntityManager,
    ids: readonly string[] | undefined,
  ): Promise<Array<QueuedJob & { id: string }>> {
    return manager.query(
      `SELECT id, queue, name, job_id AS "jobId", payload
       FROM outbox_job
       WHERE relayed_at IS NULL ${ids ? 'AND id = ANY($2::uuid[])' : ''}
       ORDER BY created_at
       LIMIT $1
       FOR UPDATE SKIP LOCKED`,
      ids ? [BATCH_SIZE, ids] : [BATCH_SIZE],
    );
  }
}
