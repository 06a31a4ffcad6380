import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LocalAuthority } from '@la-tracker/domain/local-authorities';

/** Evidence of declining performance, recorded by a programme manager (SPEC §5.4 (c)). */
@Entity('concern')
export class ConcernRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  @Column({ type: 'date' })
  recordedOn!: string;

  @Column({ type: 'date', nullable: true })
  withdrawnOn!: string | null;

  /** The evidence, in the manager's words. */
  @Column({ type: 'text' })
  note!: string;

  @Column({ type: 'uuid' })
  recordedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
