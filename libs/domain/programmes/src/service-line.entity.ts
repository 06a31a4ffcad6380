import { sqlList } from '@la-tracker/platform/database';
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
} from 'typeorm';
import { Programme } from './programme.entity';
import { SERVICE_LINES, type ServiceLine } from './service-line';
import { TARGET_BASES, type TargetBasis } from './target.rules';

const serviceLineCheck = (column: string) => `"${column}" IN (${sqlList(SERVICE_LINES)})`;

/**
 * A kind of support a programme buys. Its row is also what approvals lock, so a cap is counted by
 * one approval at a time.
 */
@Entity('programme_service_line')
@Unique(['programmeId', 'serviceLine'])
@Check('programme_service_line_code', serviceLineCheck('service_line'))
export class ProgrammeServiceLine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'text' })
  serviceLine!: ServiceLine;

  /** The programme's own words for it, e.g. the notice's description of the lot. */
  @Column({ type: 'text' })
  name!: string;
}

/**
 * A service line's target and cap for one financial year, from the date it took effect. Never
 * changed once recorded: a new version is a new row, so what held on any date can be told.
 */
@Entity('service_line_target')
@Index(['programmeId', 'serviceLine', 'financialYear', 'effectiveFrom'])
@Check('service_line_target_code', serviceLineCheck('service_line'))
@Check('service_line_target_basis', `"target_basis" IN (${sqlList(TARGET_BASES)})`)
@Check(
  'service_line_target_number',
  `("target_basis" = 'NUMBER') = ("target" IS NOT NULL) AND ("target" IS NULL OR "target" >= 0)`,
)
@Check('service_line_target_cap', '"cap" IS NULL OR "cap" >= 0')
export class ServiceLineTarget {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'text' })
  serviceLine!: ServiceLine;

  @Column({ type: 'varchar', length: 7 })
  financialYear!: string;

  @Column({ type: 'text' })
  targetBasis!: TargetBasis;

  /** The number to reach, when the basis is a number. */
  @Column({ type: 'integer', nullable: true })
  target!: number | null;

  /** At most this many LAs may be approved in the year; null for no cap. */
  @Column({ type: 'integer', nullable: true })
  cap!: number | null;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
