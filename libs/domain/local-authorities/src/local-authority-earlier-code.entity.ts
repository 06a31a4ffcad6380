import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalAuthority } from './local-authority.entity';

/** An ONS code an LA used to have; publications from before the change still use it. */
@Entity('local_authority_earlier_code')
export class LocalAuthorityEarlierCode {
  @PrimaryColumn({ type: 'varchar', length: 9 })
  gssCode!: string;

  @Index()
  @Column({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;
}
