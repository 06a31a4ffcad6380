import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { outboxJobId, type JobDefinition, type JobPayload } from './jobs';

export interface EnqueuedJob {
  jobId: string;
  /** False when the outbox already held this job id: the job is not queued twice. */
  added: boolean;
}

/**
 * Enqueues a job by writing it to the outbox with the caller's transaction, so the job exists if
 * and only if the change that needs it commits. `TransactionRunner` relays it after commit; the
 * worker's sweep relays whatever that missed.
 */
@Injectable()
export class OutboxWriter {
  private readonly written = new WeakMap<EntityManager, string[]>();

  async enqueue<P extends JobPayload>(
    manager: EntityManager,
    job: JobDefinition<P>,
    payload: NoInfer<P>,
    options: { jobId?: string } = {},
  ): Promise<EnqueuedJob> {
    const [enqueued] = await this.enqueueMany(manager, job, [{ payload, jobId: options.jobId }]);
    return enqueued;
  }

  /**
   * Enqueues many jobs of one kind in one statement, however many there are; a job id the outbox
   * already holds is skipped, as `enqueue` does. Answers in the order given.
   */
  async enqueueMany<P extends JobPayload>(
    manager: EntityManager,
    job: JobDefinition<P>,
    jobs: ReadonlyArray<{ payload: NoInfer<P>; jobId?: string }>,
  ): Promise<EnqueuedJob[]> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error(
        `Job "${job.name}" must be enqueued inside a transaction, with its entity manager`,
      );
    if (jobs.length === 0) return [];
    const jobIds = jobs.map(({ payload, jobId }) => outboxJobId(job, payload, jobId));
    const inserted = await manager.query<Array<{ id: string; job_id: string }>>(
      `INSERT INTO outbox_job (queue, name, job_id, payload)
       SELECT $1, $2, job.job_id, job.payload
         FROM unnest($3::text[], $4::jsonb[]) AS job (job_id, payload)
       ON CONFLICT (job_id) DO NOTHING RETURNING id, job_id`,
      [job.queue, job.name, jobIds, jobs.map(({ payload }) => JSON.stringify(payload))],
    );
    const rows = this.written.get(manager) ?? [];
    rows.push(...inserted.map((row) => row.id));
    this.written.set(manager, rows);
    // A job id given twice is written once: only its first mention was added.
    const added = new Set(inserted.map((row) => row.job_id));
    return jobIds.map((jobId) => ({ jobId, added: added.delete(jobId) }));
  }

  /** The outbox rows written with this manager so far, forgotten once taken. */
  takeWritten(manager: EntityManager): string[] {
    const rows = this.written.get(manager) ?? [];
    this.written.delete(manager);
    return rows;
  }
}
