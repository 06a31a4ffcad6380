import { penceColumn, type Pence } from '@la-tracker/platform/money';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What approved sessions have charged, added up by programme, contract, supplier, line, year and
 * LA: spend reads these few thousand rows rather than every cost share. Triggers on the cost
 * shares and sessions keep it exact in the same transaction (see the SessionChargeTotals migration).
 */
@Entity('session_charge_total')
export class SessionChargeTotal {
  @PrimaryColumn({ type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ type: 'uuid' })
  contractId!: string;

  @PrimaryColumn({ type: 'uuid' })
  supplierId!: string;

  @PrimaryColumn({ type: 'text' })
  serviceLine!: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  financialYear!: string;

  @PrimaryColumn({ type: 'uuid' })
  localAuthorityId!: string;

  @Column({ type: 'bigint', transformer: penceColumn })
  pence!: Pence;

  /** Cost shares added up: one per LA charged for each session. */
  @Column({ type: 'integer' })
  charges!: number;
}

export const spendEntities = [SessionChargeTotal];
