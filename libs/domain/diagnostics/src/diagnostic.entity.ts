import { sqlList } from '@la-tracker/platform/database';
import { Engagement } from '@la-tracker/domain/engagements';
import { LocalAuthority } from '@la-tracker/domain/local-authorities';
import {
  Contract,
  Programme,
  RATE_UNITS,
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
  CORPORATE_PARENTING_PRINCIPLES,
  DIAGNOSTIC_STATUSES,
  IMPROVEMENT_ENABLERS,
  RAG_RATINGS,
  RECOMMENDATION_OWNER_ROLES,
  RECOMMENDATION_STATUSES,
  type CorporateParentingPrinciple,
  type DiagnosticStatus,
  type ImprovementEnabler,
  type RagRating,
  type RecommendationOwnerRole,
  type RecommendationStatus,
} from './diagnostic.rules';

/**
 * A full diagnostic of one LA's corporate parenting arrangements (SPEC §5.6), carried out by a
 * supplier on an engagement of the diagnostic service line. At most one per LA per financial year
 * in a programme, held by a unique index so racing plans cannot both land. Costed once, at its
 * final report (SPEC §5.9): the cost columns are plain so spend can read them beside sessions'.
 */
@Entity('diagnostic')
@Check('diagnostic_status', `"status" IN (${sqlList(DIAGNOSTIC_STATUSES)})`)
@Check('diagnostic_service_line', `"service_line" = 'CORPORATE_PARENTING_DIAGNOSTIC'`)
// Each step has its day once reached, and only then.
@Check(
  'diagnostic_steps',
  `("fieldwork_started_on" IS NOT NULL) = ("status" <> 'PLANNED') AND ("draft_report_on" IS NOT NULL) = ("status" IN ('DRAFT_REPORT', 'FINAL_REPORT')) AND ("final_report_on" IS NOT NULL) = ("status" = 'FINAL_REPORT')`,
)
@Check(
  'diagnostic_cost',
  `("status" = 'FINAL_REPORT') = ("cost_pence" IS NOT NULL) AND ("cost_pence" IS NULL OR "cost_pence" >= 0) AND ("cost_pence" IS NULL) = ("costed_on" IS NULL) AND ("cost_pence" IS NULL) = ("cost_financial_year" IS NULL) AND ("cost_pence" IS NULL) = ("follow_up_due_on" IS NULL)`,
)
@Check('diagnostic_rate_unit', `"rate_unit" IS NULL OR "rate_unit" IN (${sqlList(RATE_UNITS)})`)
@Index('diagnostic_one_per_la_and_year', ['programmeId', 'localAuthorityId', 'financialYear'], {
  unique: true,
})
@Index(['programmeId', 'financialYear', 'status'])
export class Diagnostic {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  /** Always CORPORATE_PARENTING_DIAGNOSTIC: kept so spend reads it as it reads sessions'. */
  @Column({ type: 'text' })
  serviceLine!: ServiceLine;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  engagementId!: string;

  @ManyToOne(() => Engagement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: Engagement;

  @Column({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  @Index()
  @Column({ type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Supplier;

  @Index()
  @Column({ type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  /** Its engagement's year: the one diagnostic an LA has in it, and the year's target, count here. */
  @Column({ type: 'varchar', length: 7 })
  financialYear!: string;

  @Column({ type: 'text' })
  status!: DiagnosticStatus;

  /** The day fieldwork is planned to begin; any day within the contract. */
  @Column({ type: 'date' })
  plannedOn!: string;

  @Column({ type: 'date', nullable: true })
  fieldworkStartedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  draftReportOn!: string | null;

  @Column({ type: 'date', nullable: true })
  finalReportOn!: string | null;

  /** 6 months after the final report (SPEC §5.6). */
  @Column({ type: 'date', nullable: true })
  followUpDueOn!: string | null;

  /** Set once, at the final report. */
  @Column({ type: 'bigint', nullable: true, transformer: penceColumn })
  costPence!: Pence | null;

  /** The rate it was costed at; null before, or when the contract had none for the line. */
  @Column({ type: 'text', nullable: true })
  rateUnit!: RateUnit | null;

  @Column({ type: 'bigint', nullable: true, transformer: penceColumn })
  rateAmountPence!: Pence | null;

  /** The final report's day. */
  @Column({ type: 'date', nullable: true })
  costedOn!: string | null;

  /** The year of `costedOn`: spend counts there (SPEC §5.9). */
  @Column({ type: 'varchar', length: 7, nullable: true })
  costFinancialYear!: string | null;

  @Column({ type: 'uuid', nullable: true })
  plannedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A red, amber or green rating, with commentary, against one corporate parenting principle. */
@Entity('diagnostic_finding')
@Check(
  'diagnostic_finding_principle',
  `"principle" IN (${sqlList(CORPORATE_PARENTING_PRINCIPLES)})`,
)
@Check('diagnostic_finding_rating', `"rating" IN (${sqlList(RAG_RATINGS)})`)
export class DiagnosticFinding {
  @PrimaryColumn({ type: 'uuid' })
  diagnosticId!: string;

  @ManyToOne(() => Diagnostic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'diagnostic_id' })
  diagnostic?: Diagnostic;

  @PrimaryColumn({ type: 'text' })
  principle!: CorporateParentingPrinciple;

  @Column({ type: 'text' })
  rating!: RagRating;

  @Column({ type: 'text' })
  commentary!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** What the LA is asked to do, by whom (a role) and when, tagged with its improvement enabler. */
@Entity('diagnostic_recommendation')
@Check(
  'diagnostic_recommendation_owner',
  `"owner_role" IN (${sqlList(RECOMMENDATION_OWNER_ROLES)})`,
)
@Check('diagnostic_recommendation_enabler', `"enabler" IN (${sqlList(IMPROVEMENT_ENABLERS)})`)
@Check('diagnostic_recommendation_status', `"status" IN (${sqlList(RECOMMENDATION_STATUSES)})`)
export class DiagnosticRecommendation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  diagnosticId!: string;

  @ManyToOne(() => Diagnostic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'diagnostic_id' })
  diagnostic?: Diagnostic;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  ownerRole!: RecommendationOwnerRole;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  enabler!: ImprovementEnabler;

  @Column({ type: 'text' })
  status!: RecommendationStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
