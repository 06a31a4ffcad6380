import { penceColumn, type Pence } from '@la-tracker/platform/money';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A DfE improvement programme: one deployment runs many side by side (SPEC §1, §4). */
@Entity('programme')
@Check('programme_dates', '"ends_on" >= "starts_on"')
@Check('programme_budget', '"budget_pence" >= 0')
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  contractingAuthority!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  /** The programme's total budget. */
  @Column({ type: 'bigint', transformer: penceColumn })
  budgetPence!: Pence;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** The part of a programme's budget set aside for one financial year (optional). */
@Entity('budget_allocation')
@Check('budget_allocation_amount', '"amount_pence" >= 0')
export class BudgetAllocation {
  @PrimaryColumn({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  financialYear!: string;

  @Column({ type: 'bigint', transformer: penceColumn })
  amountPence!: Pence;
}
