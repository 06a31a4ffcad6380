import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AppUser } from './app-user.entity';

/**
 * A personal API token (SPEC §2): its owner calls the API with it as with their own sign-in, with
 * their role assignments as they stand at each request. Only a hash of the secret is kept; the
 * secret itself is shown once, when the token is made.
 */
@Entity('api_token')
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: AppUser;

  /** The owner's label for it, e.g. "Regional dashboard"; unique among their live tokens. */
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The secret's first characters, not enough to use: lets the owner tell tokens apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** SHA-256 of the secret, in hex: how a request's token is found. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  secretHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Its last day: it stops working at the end of that day in England. */
  @Column({ type: 'date' })
  expiresOn!: string;

  /** Written at most once a minute, so it says roughly when, not how often. */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
