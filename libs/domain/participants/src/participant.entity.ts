import { Engagement } from '@la-tracker/domain/engagements';
import { LocalAuthority } from '@la-tracker/domain/local-authorities';
import { Programme } from '@la-tracker/domain/programmes';
import { ATTENDEE_ROLES, type AttendeeRole } from '@la-tracker/domain/sessions';
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
  UpdateDateColumn,
} from 'typeorm';
import { ERASED_NAME } from './participant.rules';

/**
 * A person taking part in an engagement, recorded only where a reminder must reach them, e.g. the
 * leader being coached (SPEC §5.11). Attendance stays as counts on sessions; erasure replaces the
 * name, removes the e-mail and keeps the record, so nothing counted changes.
 */
@Entity('participant')
@Check('participant_role', `"role" IN (${sqlList(ATTENDEE_ROLES)})`)
@Check(
  'participant_erased',
  `"erased_at" IS NULL OR ("email" IS NULL AND "name" = '${ERASED_NAME}')`,
)
// The same address twice on one engagement is one person entered twice.
@Index('participant_one_email', ['engagementId', 'email'], {
  unique: true,
  where: '"email" IS NOT NULL',
})
export class Participant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  engagementId!: string;

  @ManyToOne(() => Engagement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: Engagement;

  /** The engagement's programme, which retention turns on. */
  @Index()
  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  /** The engagement's LA. */
  @Index()
  @Column({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'text' })
  role!: AttendeeRole;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  /** Who erased them; null when the retention job did. */
  @Column({ type: 'uuid', nullable: true })
  erasedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
