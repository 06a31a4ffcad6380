import { normaliseLocalAuthorityName } from '@la-tracker/domain/local-authorities';
import type { IsoDate } from '@la-tracker/platform/time';

/** An LA, current or abolished, with every code and name a publication may use for it. */
export interface MatchableLocalAuthority {
  id: string;
  gssCode: string;
  dfeCode: string;
  name: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  earlierGssCodes: readonly string[];
  /** Aliases, already normalised (as `local_authority_alias` stores them). */
  aliases: readonly string[];
}

/** What placing needs of a row: how it names the LA, and the date that tells which LA it was. */
export interface RowToPlace {
  laName: string;
  laCode: string | null;
  /** The inspection date, else the publication date; picks between LAs that shared a name. */
  date: IsoDate | null;
}

export type Placement =
  | { localAuthorityId: string; by: 'CODE' | 'NAME' | 'ALIAS' }
  | { localAuthorityId: null; reason: string };

const existedOn = (la: MatchableLocalAuthority, date: IsoDate) =>
  (la.validFrom === null || la.validFrom <= date) && (la.validTo === null || la.validTo >= date);

const describe = (la: MatchableLocalAuthority) => `${la.name} (${la.gssCode})`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/**
 * Places rows on LAs: by code when the row gives one (the current or an earlier ONS code, or a DfE
 * code), else by normalised name, else by alias. When a name fits more than one LA (the county of
 * Dorset abolished in 2019 and the unitary Dorset after it), the one that existed on the row's date
 * is taken; a row that still fits several, or none, is not placed and says why.
 */
export function localAuthorityMatcher(
  las: readonly MatchableLocalAuthority[],
): (row: RowToPlace) => Placement {
  const byCode = new Map<string, MatchableLocalAuthority>();
  const byName = new Map<string, MatchableLocalAuthority[]>();
  const byAlias = new Map<string, MatchableLocalAuthority[]>();
  for (const la of las) {
    for (const code of [la.gssCode, la.dfeCode, ...la.earlierGssCodes])
      byCode.set(code.toUpperCase(), la);
    push(byName, normaliseLocalAuthorityName(la.name), la);
    for (const alias of la.aliases) push(byAlias, alias, la);
  }

  const choose = (
    candidates: MatchableLocalAuthority[],
    row: RowToPlace,
    by: 'NAME' | 'ALIAS',
  ): Placement => {
    if (candidates.length === 1) return { localAuthorityId: candidates[0].id, by };
    const onDate = row.date ? candidates.filter((la) => existedOn(la, row.date as IsoDate)) : [];
    if (onDate.length === 1) return { localAuthorityId: onDate[0].id, by };
    return {
      localAuthorityId: null,
      reason: `"${row.laName}" is the name of ${candidates.map(describe).join(' and ')}, and ${
        row.date ? `more or fewer than one of them existed on ${row.date}` : 'the row has no date'
      }, so which one is meant is unclear`,
    };
  };

  return (row) => {
    const code = row.laCode?.replace(/\s+/g, '').toUpperCase() ?? '';
    if (code !== '') {
      const la = byCode.get(code);
      if (la) return { localAuthorityId: la.id, by: 'CODE' };
    }
    const name = normaliseLocalAuthorityName(row.laName);
    const named = byName.get(name);
    if (named) return choose(named, row, 'NAME');
    const aliased = byAlias.get(name);
    if (aliased) return choose(aliased, row, 'ALIAS');
    const codeNote = code === '' ? '' : `no LA has the code ${row.laCode}, and `;
    return {
      localAuthorityId: null,
      reason:
        name === ''
          ? `${codeNote}the row names no LA`
          : `${codeNote}no LA is named "${row.laName}" or has it as an alias (add one to la-name-aliases.csv if it is another name of an LA)`,
    };
  };
}
