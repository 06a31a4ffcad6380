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
import { LocalAuthority } from '@la-tracker/domain/local-authorities';
import type { InspectionKind } from './inspection.types';

/**
 * One Ofsted inspection or visit of one LA. Seen again in a later publication it is the same
 * event, enriched; a correction is applied and audited, never silently.
 */
@Entity('inspection_event')
@Check(
  'inspection_event_kind',
  `"kind" IN ('STANDARD_INSPECTION', 'SHORT_INSPECTION', 'FOCUSED_VISIT', 'MONITORING_VISIT', 'JTAI', 'OTHER')`,
)
@Check('inspection_event_source', `"source" IN ('FILE', 'USER')`)
@Index('inspection_event_identity', ['localAuthorityId', 'kind', 'inspectedOn'], {
  unique: true,
  where: '"inspected_on" IS NOT NULL',
})
@Index(['localAuthorityId', 'publishedOn'])
export class InspectionRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  kind!: InspectionKind;

  @Column({ type: 'date', nullable: true })
  inspectedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  publishedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  theme!: string | null;

  /** For a focused visit: the areas for priority action it raised. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  priorityActionAreas!: string[];

  @Column({ type: 'date', nullable: true })
  letterDate!: string | null;

  /** Where the event was first recorded from: an imported file, or a person. */
  @Column({ type: 'text' })
  source!: 'FILE' | 'USER';

  /** For a file: its name, sheet and row, e.g. `LA_Inspection_Outcomes_as_at_March_2024.ods` … */
  @Column({ type: 'text', nullable: true })
  sourceFile!: string | null;

  @Column({ type: 'text', nullable: true })
  sourceSheet!: string | null;

  @Column({ type: 'integer', nullable: true })
  sourceRow!: number | null;

  /** For a person: who recorded it. */
  @Column({ type: 'uuid', nullable: true })
  recordedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
