import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalAuthority } from './local-authority.entity';

/** An abolished LA and one of the LAs that took over its area. */
@Entity('local_authority_succession')
export class LocalAuthoritySuccession {
  @PrimaryColumn({ type: 'uuid' })
  predecessorId!: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  successorId!: string;

  /** The first day the successor was responsible: the day after the predecessor's `validTo`. */
  @Column({ type: 'date' })
  effectiveOn!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id' })
  predecessor?: LocalAuthority;

  @ManyToOne(() => LocalAuthority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id' })
  successor?: LocalAuthority;
}
