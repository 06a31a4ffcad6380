import { Role } from '@la-tracker/platform/auth';
import {
  Check,
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
 * A role a person holds, with its scope: a supplier for supplier staff, a region for an adviser,
 * a programme for a manager; none for an admin. Scope ids are kept as given until the records
 * they name exist in the database.
 */
@Entity('role_assignment')
@Check(
  'role_assignment_role',
  `"role" IN ('PROGRAMME_MANAGER', 'SUPPLIER', 'REGIONAL_ADVISER', 'ADMIN')`,
)
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: AppUser;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'uuid', nullable: true })
  supplierId!: string | null;

  @Column({ type: 'varchar', length: 9, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  programmeId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
