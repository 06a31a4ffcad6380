import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('region')
export class Region {
  /** ONS code, e.g. E12000001 (North East). */
  @PrimaryColumn({ type: 'varchar', length: 9 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The regional improvement and innovation alliance that covers the region's LAs. */
  @Column({ type: 'text' })
  improvementAlliance!: string;
}
