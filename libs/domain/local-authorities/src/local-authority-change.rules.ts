import type { IsoDate } from '@la-tracker/platform/time';
import type { LocalAuthorityType } from './local-authority.entity';
import type { LocalAuthorityRow } from './local-authority-file.parser';
import { dayAfter } from './local-authority.rules';

/** An LA as the database knows it, with the codes that link it to others. */
export interface KnownLocalAuthority {
  id: string;
  gssCode: string;
  dfeCode: string;
  name: string;
  regionCode: string;
  type: LocalAuthorityType;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  earlierGssCodes: string[];
  /** Current ONS codes of its successors. */
  successorGssCodes: string[];
}

export interface FieldChange {
  field: 'gssCode' | 'name' | 'regionCode' | 'type' | 'validFrom' | 'validTo';
  before: string | null;
  after: string | null;
}

export interface LocalAuthorityUpdate {
  id: string;
  /** The ONS code before this change, to name the LA in the summary. */
  gssCode: string;
  changes: FieldChange[];
  addEarlierGssCodes: string[];
}

export interface SuccessionByCode {
  predecessorGssCode: string;
  successorGssCode: string;
  effectiveOn: IsoDate;
}

export interface LocalAuthorityChangePlan {
  creates: LocalAuthorityRow[];
  updates: LocalAuthorityUpdate[];
  successions: SuccessionByCode[];
  unchanged: number;
  problems: string[];
}

/**
 * Works out what a file changes, without touching the database. History is never rewritten: a
 * validity date already known cannot move, a DfE code cannot change, and successions are only ever
 * added. A row for an LA under an earlier code of its own (an older file) changes nothing about
 * its code. Everything else a row says wins, so a newer list can correct a name or a region.
 */
export function planLocalAuthorityChanges(
  known: KnownLocalAuthority[],
  knownRegionCodes: ReadonlySet<string>,
  rows: LocalAuthorityRow[],
): LocalAuthorityChangePlan {
  const byCode = new Map<string, KnownLocalAuthority>();
  const byDfe = new Map<string, KnownLocalAuthority>();
  for (const la of known) {
    byCode.set(la.gssCode, la);
    for (const code of la.earlierGssCodes) byCode.set(code, la);
    byDfe.set(la.dfeCode, la);
  }
  const fileCodes = new Set(rows.flatMap((row) => [row.gssCode, ...row.earlierGssCodes]));

  const plan: LocalAuthorityChangePlan = {
    creates: [],
    updates: [],
    successions: [],
    unchanged: 0,
    problems: [],
  };

  for (const row of rows) {
    const problem = (message: string) => plan.problems.push(`line ${row.line}: ${message}`);
    const match =
      byCode.get(row.gssCode) ??
      row.earlierGssCodes.map((code) => byCode.get(code)).find((la) => la !== undefined);

    if (!knownRegionCodes.has(row.regionCode))
      problem(`region_code ${row.regionCode} is not a known region`);
    const dfeHolder = byDfe.get(row.dfeCode);
    if (dfeHolder && dfeHolder !== match) {
      problem(
        `dfe_code ${row.dfeCode} already belongs to ${dfeHolder.name} (${dfeHolder.gssCode})`,
      );
    }
    for (const code of row.earlierGssCodes) {
      const holder = byCode.get(code);
      if (holder && holder !== match)
        problem(`earlier code ${code} belongs to ${holder.name} (${holder.gssCode})`);
    }

    const successions: SuccessionByCode[] = [];
    for (const successorCode of row.replacedBy) {
      const successor = byCode.get(successorCode);
      if (!successor && !fileCodes.has(successorCode)) {
        problem(`replaced_by ${successorCode} is neither known nor in this file`);
      } else if (
        row.validTo &&
        !match?.successorGssCodes.includes(successor?.gssCode ?? successorCode)
      ) {
        successions.push({
          predecessorGssCode: row.gssCode,
          successorGssCode: successorCode,
          effectiveOn: dayAfter(row.validTo),
        });
      }
    }
    plan.successions.push(...successions);

    if (!match) {
      plan.creates.push(row);
      continue;
    }

    if (match.dfeCode !== row.dfeCode) {
      problem(`dfe_code ${row.dfeCode} differs from ${match.dfeCode}, which ${match.name} keeps`);
    }
    const changes: FieldChange[] = [];
    const isOlderCode = match.earlierGssCodes.includes(row.gssCode);
    if (!isOlderCode && row.gssCode !== match.gssCode) {
      changes.push({ field: 'gssCode', before: match.gssCode, after: row.gssCode });
    }
    for (const field of ['name', 'regionCode', 'type'] as const) {
      if (row[field] !== match[field])
        changes.push({ field, before: match[field], after: row[field] });
    }
    for (const field of ['validFrom', 'validTo'] as const) {
      const before = match[field];
      const after = row[field];
      if (after === null || after === before) continue;
      if (before !== null) {
        problem(
          `${field === 'validFrom' ? 'valid_from' : 'valid_to'} of ${match.name} is ${before}; changing it to ${after} would rewrite history`,
        );
      } else {
        changes.push({ field, before, after });
      }
    }
    const knownCodes = new Set([match.gssCode, ...match.earlierGssCodes]);
    const addEarlierGssCodes = row.earlierGssCodes.filter((code) => !knownCodes.has(code));
    if (changes.some((change) => change.field === 'gssCode'))
      addEarlierGssCodes.push(match.gssCode);

    if (changes.length === 0 && addEarlierGssCodes.length === 0 && successions.length === 0) {
      plan.unchanged += 1;
    } else {
      plan.updates.push({ id: match.id, gssCode: match.gssCode, changes, addEarlierGssCodes });
    }
  }

  return plan;
}
