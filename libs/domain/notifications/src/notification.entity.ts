import { sqlList } from '@la-tracker/platform/database';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import {
  NOTIFICATION_STATUSES,
  RECIPIENT_TYPES,
  type NotificationStatus,
  type RecipientType,
} from './notification.rules';

/**
 * One reminder to one person (SPEC §6). Its key is unique, so however often the scan finds the
 * same reminder due it is one row; the row records each attempt before it is made, so a send
 * whose outcome was lost is looked up, not repeated. It holds no address: the recipient is found
 * by id when the message goes.
 */
@Entity('notification')
@Unique('notification_key', ['key'])
@Check('notification_status', `"status" IN (${sqlList(NOTIFICATION_STATUSES)})`)
@Check('notification_recipient_type', `"recipient_type" IN (${sqlList(RECIPIENT_TYPES)})`)
@Check('notification_sent', `("status" = 'SENT') = ("sent_at" IS NOT NULL)`)
@Check('notification_attempts', `"attempts" >= 0`)
@Index(['status', 'createdAt'])
@Index(['kind', 'subjectId'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** The record it is about; text, as a monthly return's subject is a supplier and a month. */
  @Column({ type: 'text' })
  subjectId!: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  programmeId!: string | null;

  @Column({ type: 'text' })
  recipientType!: RecipientType;

  @Index()
  @Column({ type: 'uuid' })
  recipientId!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  /** What the message says, in words that name no person. */
  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', default: 'PENDING' })
  status!: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Where it went: GOV.UK Notify, or the development outbox. */
  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  /** The mail service's own id for the message, once it has it. */
  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When the last attempt was recorded, just before it was made. */
  @Column({ type: 'timestamptz', nullable: true })
  sendingAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}
