import { sqlList } from '@la-tracker/platform/database';
import { Engagement } from '@la-tracker/domain/engagements';
import { LocalAuthority } from '@la-tracker/domain/local-authorities';
import {
  Contract,
  Programme,
  RATE_UNITS,
  SERVICE_LINES,
  Supplier,
  type RateUnit,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { penceColumn, type Pence } from '@la-tracker/platform/money';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import {
  ATTENDEE_ROLES,
  MAX_ATTENDEE_COUNT,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  SESSION_FORMATS,
  SESSION_STATUSES,
  type AttendeeRole,
  type SessionFormat,
  type SessionStatus,
} from './session.rules';

/**
 * A session delivered, or planned, against one or more engagements of one service line under one
 * contract (SPEC §5.5). Its cost is worked out once, when it is approved, and kept with the rate it
 * was worked out at, so later changes to the contract's rates leave it as it was.
 */
@Entity('delivery_session')
@Check('delivery_session_status', `"status" IN (${sqlList(SESSION_STATUSES)})`)
@Check('delivery_session_service_line', `"service_line" IN (${sqlList(SERVICE_LINES)})`)
@Check('delivery_session_format', `"format" IS NULL OR "format" IN (${sqlList(SESSION_FORMATS)})`)
@Check(
  'delivery_session_duration',
  `"duration_minutes" IS NULL OR "duration_minutes" BETWEEN ${MIN_DURATION_MINUTES} AND ${MAX_DURATION_MINUTES}`,
)
// A plan has a date to be held on; anything recorded has its report.
@Check(
  'delivery_session_report',
  `("status" = 'PLANNED' AND "planned_on" IS NOT NULL AND "delivered_on" IS NULL) OR ("status" <> 'PLANNED' AND "delivered_on" IS NOT NULL AND "duration_minutes" IS NOT NULL AND "format" IS NOT NULL AND "topic" IS NOT NULL)`,
)
@Check(
  'delivery_session_cost',
  `("status" = 'APPROVED') = ("cost_pence" IS NOT NULL) AND ("cost_pence" IS NULL OR "cost_pence" >= 0)`,
)
@Check(
  'delivery_session_rate_unit',
  `"rate_unit" IS NULL OR "rate_unit" IN (${sqlList(RATE_UNITS)})`,
)
@Index(['programmeId', 'serviceLine', 'financialYear', 'status'])
// A supplier's reference names one session: importing the same file twice cannot double delivery.
@Index(['supplierId', 'supplierReference'], { unique: true })
export class DeliverySession {
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
  supplierId!: string;

  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Supplier;

  /** The one contract all its engagements are under. */
  @Index()
  @Column({ type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @Column({ type: 'text' })
  status!: SessionStatus;

  /** The supplier's own reference for it, when it came in a bulk import. */
  @Column({ type: 'text', nullable: true })
  supplierReference!: string | null;

  /** The day it was planned for; null for a session recorded without a plan. */
  @Column({ type: 'date', nullable: true })
  plannedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  deliveredOn!: string | null;

  /** The year of its date (delivered, else planned): delivery and spend count there (SPEC §5.1). */
  @Column({ type: 'varchar', length: 7 })
  financialYear!: string;

  @Column({ type: 'integer', nullable: true })
  durationMinutes!: number | null;

  @Column({ type: 'text', nullable: true })
  format!: SessionFormat | null;

  @Column({ type: 'text', nullable: true })
  topic!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** Why it was last sent back, in the manager's words. */
  @Column({ type: 'text', nullable: true })
  returnReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  returnedByUserId!: string | null;

  /** Set once, at approval. */
  @Column({ type: 'bigint', nullable: true, transformer: penceColumn })
  costPence!: Pence | null;

  /** The rate it was costed at; null before approval, or when the contract had none for its line. */
  @Column({ type: 'text', nullable: true })
  rateUnit!: RateUnit | null;

  @Column({ type: 'bigint', nullable: true, transformer: penceColumn })
  rateAmountPence!: Pence | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** An engagement a session counts as delivery for. */
@Entity('session_engagement')
@Index('session_engagement_latest', ['engagementId', 'sessionOn', 'sessionId'])
export class SessionEngagement {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => DeliverySession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: DeliverySession;

  @PrimaryColumn({ type: 'uuid' })
  engagementId!: string;

  @ManyToOne(() => Engagement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: Engagement;

  /**
   * The session's day (delivered, else planned), copied here and kept by the database's
   * triggers, so an engagement's latest sessions come from this table's index alone rather than
   * from sorting every session it ever had.
   */
  @Column({ type: 'date', insert: false, update: false })
  sessionOn!: string;
}

/** How many of a role came from one LA: counts, never names (SPEC §5.5, §5.11). */
@Entity('session_attendance')
@Check('session_attendance_role', `"role" IN (${sqlList(ATTENDEE_ROLES)})`)
@Check('session_attendance_count', `"count" BETWEEN 1 AND ${MAX_ATTENDEE_COUNT}`)
export class SessionAttendance {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => DeliverySession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: DeliverySession;

  @PrimaryColumn({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  @PrimaryColumn({ type: 'text' })
  role!: AttendeeRole;

  @Column({ type: 'integer' })
  count!: number;
}

/** An LA's part of an approved session's cost, by headcount, written at approval. */
@Entity('session_cost_share')
@Check('session_cost_share_amount', '"amount_pence" >= 0')
export class SessionCostShare {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => DeliverySession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: DeliverySession;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'bigint', transformer: penceColumn })
  amountPence!: Pence;
}
