import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { JobPayload } from './jobs';

/**
 * A job written in the same transaction as the change that needs it, waiting to be relayed to
 * BullMQ. Once relayed it is kept for the deduplication window, so the same job id is not queued
 * again, then pruned.
 */
@Entity('outbox_job')
@Index('outbox_job_unrelayed', ['createdAt'], { where: '"relayed_at" IS NULL' })
@Unique('outbox_job_job_id', ['jobId'])
export class OutboxJob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  queue!: string;

  @Column({ type: 'text' })
  name!: string;

  /** `<job name>/<key>`, also the BullMQ job id. */
  @Column({ type: 'text' })
  jobId!: string;

  @Column({ type: 'jsonb' })
  payload!: JobPayload;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When BullMQ accepted it; null while it waits. */
  @Column({ type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;

  /** Relay attempts so far, failed ones included. */
  @Column({ type: 'integer', default: 0 })
  relayAttempts!: number;

  /** Why the last relay attempt failed, until one succeeds. */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

export const queueEntities = [OutboxJob];
