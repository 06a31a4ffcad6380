import { sqlList } from '@la-tracker/platform/database';
import { penceColumn, type Pence } from '@la-tracker/platform/money';
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
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Lot } from './lot.entity';
import { Programme } from './programme.entity';
import type { ServiceLine } from './service-line';
import { Supplier } from './supplier.entity';
import { RATE_UNITS, type RateUnit } from './contract.rules';

/** A supplier's contract for one lot of a programme: its value, its dates and its unit rates. */
@Entity('contract')
@Unique(['programmeId', 'reference'])
@Check('contract_dates', '"ends_on" >= "starts_on"')
@Check('contract_value', '"value_pence" >= 0')
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Index()
  @Column({ type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Supplier;

  @Column({ type: 'uuid' })
  lotId!: string;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  /** The programme's own reference for it, e.g. "A1". */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'bigint', transformer: penceColumn })
  valuePence!: Pence;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** What a contract charges for one service line of its lot. */
@Entity('contract_rate')
@Check('contract_rate_unit', `"unit" IN (${sqlList(RATE_UNITS)})`)
@Check('contract_rate_amount', '"amount_pence" >= 0')
export class ContractRate {
  @PrimaryColumn({ type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract;

  @PrimaryColumn({ type: 'text' })
  serviceLine!: ServiceLine;

  @Column({ type: 'text' })
  unit!: RateUnit;

  @Column({ type: 'bigint', transformer: penceColumn })
  amountPence!: Pence;
}
