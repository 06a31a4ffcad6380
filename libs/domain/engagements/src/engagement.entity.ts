import { sqlList } from '@la-tracker/platform/database';
import { LocalAuthority } from '@la-tracker/domain/local-authorities';
import {
  Contract,
  Programme,
  SERVICE_LINES,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ENGAGEMENT_STATUSES, OPEN_STATUSES, type EngagementStatus } from './engagement.rules';

/** What an approval rested on, when the service line is for eligible LAs only. */
export interface EligibilitySnapshot {
  asOf: string;
  eligible: boolean;
  basis: string[];
  inspectionIds: string[];
  concernIds: string[];
}

/** One LA receiving one service line of one programme, for one financial year (SPEC §5.2). */
@Entity('engagement')
@Check('engagement_status', `"status" IN (${sqlList(ENGAGEMENT_STATUSES)})`)
@Check('engagement_service_line', `"service_line" IN (${sqlList(SERVICE_LINES)})`)
@Check('engagement_contract', `"status" IN ('REFERRED', 'DECLINED') OR "contract_id" IS NOT NULL`)
// At most one open engagement per LA, service line and year within a programme.
@Index('engagement_one_open', ['programmeId', 'localAuthorityId', 'serviceLine', 'financialYear'], {
  unique: true,
  where: `"status" IN (${sqlList(OPEN_STATUSES)})`,
})
@Index(['programmeId', 'serviceLine', 'financialYear', 'status'])
export class Engagement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'text' })
  serviceLine!: ServiceLine;

  @Index()
  @Column({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  /** The year it was referred for: caps and targets count it there (SPEC §5.1). */
  @Column({ type: 'varchar', length: 7 })
  financialYear!: string;

  @Column({ type: 'text' })
  status!: EngagementStatus;

  /** Why the LA was referred, in the manager's words. */
  @Column({ type: 'text' })
  referralReason!: string;

  @Column({ type: 'date' })
  referredOn!: string;

  @Column({ type: 'uuid', nullable: true })
  referredByUserId!: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  /** The day it was approved or declined. */
  @Column({ type: 'date', nullable: true })
  decidedOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  /** Given when an LA was approved although not eligible (SPEC §5.4). */
  @Column({ type: 'text', nullable: true })
  overrideReason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  eligibility!: EligibilitySnapshot | null;

  @Column({ type: 'date', nullable: true })
  startedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  completedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  withdrawnOn!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
