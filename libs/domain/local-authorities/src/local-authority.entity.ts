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
import { Region } from './region.entity';

export const LOCAL_AUTHORITY_TYPES = [
  'county',
  'unitary',
  'metropolitan district',
  'london borough',
] as const;
export type LocalAuthorityType = (typeof LOCAL_AUTHORITY_TYPES)[number];

/**
 * An upper-tier local authority with children's services. Its identity outlives a change of ONS
 * code; when it is abolished it keeps its record and gains a `validTo` and successors.
 */
@Entity('local_authority')
@Check(
  'local_authority_validity',
  '"valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from"',
)
export class LocalAuthority {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The current ONS (GSS) code; earlier codes are in `local_authority_earlier_code`. */
  @Column({ type: 'varchar', length: 9, unique: true })
  gssCode!: string;

  /** DfE's 3-digit LA code. */
  @Column({ type: 'varchar', length: 3, unique: true })
  dfeCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index()
  @Column({ type: 'varchar', length: 9 })
  regionCode!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  @Column({ type: 'text' })
  type!: LocalAuthorityType;

  /** First day it existed; null when it predates the records. */
  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  /** Last day it existed; null while it exists. */
  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
