import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalAuthority } from './local-authority.entity';

/** Another name a publication uses for an LA, e.g. "Durham" for County Durham. */
@Entity('local_authority_alias')
export class LocalAuthorityAlias {
  /** The alias after `normaliseLocalAuthorityName`, so look-ups ignore case and punctuation. */
  @PrimaryColumn({ type: 'text' })
  normalisedName!: string;

  @Column({ type: 'text' })
  name!: string;

  @Index()
  @Column({ type: 'uuid' })
  localAuthorityId!: string;

  @ManyToOne(() => LocalAuthority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'local_authority_id' })
  localAuthority?: LocalAuthority;

  /** Where the alias was seen, e.g. "Ofsted LA inspection outcomes". */
  @Column({ type: 'text' })
  source!: string;
}
