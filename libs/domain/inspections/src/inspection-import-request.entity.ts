import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { InspectionImportStatus } from './inspection-import-request.rules';
import type { InspectionImportSummary } from './inspection-import.service';

/**
 * An import of an Ofsted file that someone asked for and the worker runs: the file waits in file
 * storage, and the row shows how far the import has gone and, once done, what it changed.
 */
@Entity('inspection_import')
@Check('inspection_import_status', `"status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`)
@Check('inspection_import_progress', `"progress" BETWEEN 0 AND 100`)
@Index('inspection_import_newest', ['createdAt', 'id'])
export class InspectionImportRequestRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** As it was handed in, e.g. `LA_Inspection_Outcomes_as_at_31_March_2025.ods`. */
  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  storageKey!: string;

  @Column({ type: 'boolean' })
  dryRun!: boolean;

  /** Null when the system asked, such as the command line. */
  @Column({ type: 'uuid', nullable: true })
  requestedByUserId!: string | null;

  @Column({ type: 'text', default: 'QUEUED' })
  status!: InspectionImportStatus;

  /** Percent, 0 to 100. */
  @Column({ type: 'integer', default: 0 })
  progress!: number;

  /** What the import was doing when it last moved on. */
  @Column({ type: 'text', nullable: true })
  progressMessage!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  summary!: InspectionImportSummary | null;

  /** Why it failed, for a person. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** To the millisecond, as JavaScript keeps it, so a page's cursor finds exactly this row. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
