import { Programme } from '@la-tracker/domain/programmes';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ReportFormat, ReportKind, ReportStatus } from './report.rules';

/** Byte counts come back from PostgreSQL's bigint as text. */
const BYTES = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A report someone (or the monthly schedule) asked for and the worker builds: the row shows how far
 * it has gone, and once built, where its file is kept.
 */
@Entity('report')
@Check('report_kind', `"kind" IN ('MONTHLY_MI', 'SESSIONS_EXTRACT', 'ENGAGEMENTS_EXTRACT')`)
@Check('report_format', `"format" IN ('ODS', 'XLSX', 'CSV')`)
@Check('report_status', `"status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`)
@Check('report_progress', `"progress" BETWEEN 0 AND 100`)
@Index('report_programme_newest', ['programmeId', 'requestedAt', 'id'])
// The schedule asks once per programme and month, however often it runs.
@Index('report_schedule_key', ['programmeId', 'scheduleKey'], {
  unique: true,
  where: '"schedule_key" IS NOT NULL',
})
export class ReportRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'text' })
  kind!: ReportKind;

  @Column({ type: 'varchar', length: 7 })
  financialYear!: string;

  @Column({ type: 'text' })
  format!: ReportFormat;

  @Column({ type: 'text', default: 'QUEUED' })
  status!: ReportStatus;

  /** Percent, 0 to 100. */
  @Column({ type: 'integer', default: 0 })
  progress!: number;

  /** Null when the system asked (the monthly schedule). */
  @Column({ type: 'uuid', nullable: true })
  requestedByUserId!: string | null;

  /** For a scheduled report, e.g. `MONTHLY_MI/covering/2026-10`; null for one asked for. */
  @Column({ type: 'text', nullable: true })
  scheduleKey!: string | null;

  /** To the millisecond, so a page's cursor finds exactly this row. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Why it failed, for a person. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /**
   * The run building it, set as each run starts: only that run may record progress or finish it,
   * so two overlapping runs (a job whose lock was lost) cannot leave a file that is not the row's.
   */
  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  /** Set once built: the file of the run that finished it. */
  @Column({ type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: BYTES })
  byteSize!: number | null;

  @Column({ type: 'text', nullable: true })
  fileName!: string | null;
}

export const reportEntities = [ReportRecord];
