import { sqlList } from '@la-tracker/platform/database';
import { Programme, Supplier } from '@la-tracker/domain/programmes';
import { penceColumn, type Pence } from '@la-tracker/platform/money';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';
import {
  MONTHLY_RETURN_STATUSES,
  type Month,
  type MonthlyReturnStatus,
} from './monthly-return.rules';

/** A month (`2022-12`) kept as its first day (`2022-12-01`). */
const monthColumn: ValueTransformer = {
  to: (month: Month | null | undefined) => (typeof month === 'string' ? `${month}-01` : month),
  from: (date: string | null) => (date === null ? null : date.slice(0, 7)),
};

/**
 * A supplier's return for one month of one programme: its delivery and spend as it reports them
 * (SPEC §5.12). The month is a date column (its first day), so PostgreSQL checks it is a real
 * month and it compares and ranges as dates do (financial years, programme and contract dates).
 */
@Entity('monthly_return')
@Unique('monthly_return_one_per_month', ['programmeId', 'supplierId', 'month'])
@Check('monthly_return_status', `"status" IN (${sqlList(MONTHLY_RETURN_STATUSES)})`)
@Check('monthly_return_month', `EXTRACT(DAY FROM "month") = 1`)
@Check(
  'monthly_return_figures',
  `"sessions_delivered" >= 0 AND "participants" >= 0 AND "spend_pence" >= 0`,
)
@Check('monthly_return_reason', `"status" <> 'RETURNED' OR "return_reason" IS NOT NULL`)
@Check('monthly_return_decided', `"status" = 'SUBMITTED' OR "decided_at" IS NOT NULL`)
@Index(['supplierId', 'month'])
export class MonthlyReturn {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Supplier;

  @Column({ type: 'date', transformer: monthColumn })
  month!: Month;

  @Column({ type: 'text' })
  status!: MonthlyReturnStatus;

  @Column({ type: 'integer' })
  sessionsDelivered!: number;

  @Column({ type: 'integer' })
  participants!: number;

  @Column({ type: 'bigint', transformer: penceColumn })
  spendPence!: Pence;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Why it was last sent back; kept on resubmission, so the reviewer sees what was asked. */
  @Column({ type: 'text', nullable: true })
  returnReason!: string | null;

  /** Lateness is judged on the first submission (SPEC §5.12); a resubmission keeps it. */
  @Column({ type: 'timestamptz' })
  firstSubmittedAt!: Date;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId!: string | null;

  /** The last decision: accepted or sent back. */
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
