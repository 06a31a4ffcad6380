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
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error(
        `Job "${job.name}" must be enqueued inside a transaction, with its entity manager`,
      );
    const jobId = outboxJobId(job, payload, options.jobId);
    const inserted = await manager.query<Array<{ id: string }>>(
      `INSERT INTO outbox_job (queue, name, job_id, payload) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (job_id) DO NOTHING RETURNING id`,
      [job.queue, job.name, jobId, JSON.stringify(payload)],
    );
    const rows = this.written.get(manager) ?? [];
    rows.push(...inserted.map((row) => row.id));
    this.written.set(manager, rows);
    return { jobId, added: inserted.length > 0 };
  }

  /** The outbox rows written with this manager so far, forgotten once taken. */
  takeWritten(manager: EntityManager): string[] {
    const rows = this.written.get(manager) ?? [];
    this.written.delete(manager);
    return rows;
  }
}
