import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/** An organisation contracted to deliver support. Its staff see only its own contracts' records. */
@Entity('supplier')
export class Supplier {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The name folded for comparison, so "North Star Ltd" and "north star ltd" are one supplier. */
  @Column({ type: 'text', unique: true })
  nameKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Someone at a supplier whom reminders reach: the only personal data a supplier record holds. */
@Entity('supplier_contact')
@Unique(['supplierId', 'email'])
export class SupplierContact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => Supplier, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Supplier;

  /** Lower case, so the same address is one contact. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
