import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Programme } from './programme.entity';
import type { ServiceLine } from './service-line';

/**
 * A contractual grouping of service lines, in force over a period. A variation that regroups the
 * service lines ends the lots in force and opens new ones: a lot's membership never changes, so
 * what was delivered under a lot stays under it.
 */
@Entity('lot')
@Index(['programmeId', 'validFrom'])
@Check('lot_validity', '"valid_to" IS NULL OR "valid_to" >= "valid_from"')
@Check('lot_number', '"number" >= 1')
export class Lot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'date' })
  validFrom!: string;

  /** The last day it was in force; null while it still is. */
  @Column({ type: 'date', nullable: true })
  validTo!: string | null;
}

@Entity('lot_service_line')
export class LotServiceLine {
  @PrimaryColumn({ type: 'uuid' })
  lotId!: string;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @PrimaryColumn({ type: 'text' })
  serviceLine!: ServiceLine;
}
