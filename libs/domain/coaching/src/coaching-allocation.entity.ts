import { Engagement } from '@la-tracker/domain/engagements';
import { ATTENDEE_ROLES, type AttendeeRole } from '@la-tracker/domain/programmes';
import { sqlList } from '@la-tracker/platform/database';
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

/** The coaching minutes allocated to one leader role of a coaching engagement (SPEC §5.7). */
@Entity('coaching_allocation')
@Check('coaching_allocation_role', `"role" IN (${sqlList(ATTENDEE_ROLES)})`)
@Check('coaching_allocation_minutes', '"allocated_minutes" >= 0')
export class CoachingAllocation {
  @PrimaryColumn({ type: 'uuid' })
  engagementId!: string;

  @ManyToOne(() => Engagement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: Engagement;

  @PrimaryColumn({ type: 'text' })
  role!: AttendeeRole;

  @Column({ type: 'integer' })
  allocatedMinutes!: number;

  @Column({ type: 'uuid', nullable: true })
  allocatedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Minutes a programme manager approved beyond a role's allocation, and why; never changed. */
@Entity('coaching_variation')
@Check('coaching_variation_role', `"role" IN (${sqlList(ATTENDEE_ROLES)})`)
@Check('coaching_variation_minutes', '"extra_minutes" > 0')
@Index(['engagementId', 'role'])
export class CoachingVariation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @ManyToOne(() => Engagement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engagement_id' })
  engagement?: Engagement;

  @Column({ type: 'text' })
  role!: AttendeeRole;

  @Column({ type: 'integer' })
  extraMinutes!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid', nullable: true })
  approvedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  approvedAt!: Date;
}
