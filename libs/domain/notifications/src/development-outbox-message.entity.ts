import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message "sent" where no mail service is configured (development, tests, demonstrations), so
 * reminders can be read back. Looked up by reference exactly as GOV.UK Notify's messages are.
 */
@Entity('development_outbox_message')
export class DevelopmentOutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Not unique: a message sent twice shows here twice, as it would reach the person twice. */
  @Index()
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  emailAddress!: string;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'jsonb' })
  personalisation!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
