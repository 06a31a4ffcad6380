import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change, as it happened: who, when, what, and the values before and after. Append-only: the
 * database refuses to update or delete these rows, whoever asks. People appear by id only.
 */
@Entity('audit_event')
@Index(['entityType', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  /** The person who made the change; null for the system itself (a job, a seed). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** What was done, e.g. `role-assignment.replace` or `engagement.approve`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  /** The programme the change belongs to, so its managers can read it; null for other records. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  programmeId!: string | null;

  /** The request that made the change, to find its log lines. */
  @Column({ type: 'text', nullable: true })
  requestId!: string | null;
}
