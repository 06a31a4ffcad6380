import { LocalAuthorityAlias } from './local-authority-alias.entity';
import { LocalAuthorityEarlierCode } from './local-authority-earlier-code.entity';
import { LocalAuthoritySuccession } from './local-authority-succession.entity';
import { LocalAuthority } from './local-authority.entity';
import { Region } from './region.entity';

export const localAuthorityEntities = [
  Region,
  LocalAuthority,
  LocalAuthorityEarlierCode,
  LocalAuthoritySuccession,
  LocalAuthorityAlias,
];
