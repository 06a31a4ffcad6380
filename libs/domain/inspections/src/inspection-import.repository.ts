import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MatchableLocalAuthority } from './inspection-la-match.rules';
import type { StoredEvent } from './inspection-import.rules';

/** The audit actions an import writes; their `after.edition` says which edition set an event. */
export const IMPORT_AUDIT_ACTIONS = [
  'inspection.import.add',
  'inspection.import.enrich',
  'inspection.import.correct',
] as const;

/** The queries of an import, run on the import's transaction: a fixed number for any file. */
@Injectable()
export class InspectionImportRepository {
  /** Every LA, current and abolished, with its earlier ONS codes and aliases: one statement. */
  async localAuthorities(manager: EntityManager): Promise<MatchableLocalAuthority[]> {
    const rows = await manager.query<
      Array<{
        id: string;
        gss_code: string;
        dfe_code: string;
        name: string;
        valid_from: string | null;
        valid_to: string | null;
        earlier: string[];
        aliases: string[];
      }>
    >(
      `SELECT la.id, la.gss_code, la.dfe_code, la.name, la.valid_from, la.valid_to,
              array(SELECT ec.gss_code FROM local_authority_earlier_code ec
                     WHERE ec.local_authority_id = la.id ORDER BY ec.gss_code) AS earlier,
              array(SELECT a.normalised_name FROM local_authority_alias a
                     WHERE a.local_authority_id = la.id ORDER BY a.normalised_name) AS aliases
         FROM local_authority la
        ORDER BY la.gss_code`,
    );
    return rows.map((row) => ({
      id: row.id,
      gssCode: row.gss_code,
      dfeCode: row.dfe_code,
      name: row.name,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      earlierGssCodes: row.earlier,
      aliases: row.aliases,
    }));
  }

  /**
   * Every event of these LAs with its judgements, where it was first recorded from, and the newest
   * edition an import took its values from: one statement for any number of LAs.
   */
  async storedEvents(
    manager: EntityManager,
    localAuthorityIds: readonly string[],
  ): Promise<StoredEvent[]> {
    const rows = await manager.query<
      Array<{
        id: string;
        local_authority_id: string;
        kind: StoredEvent['kind'];
        inspected_on: string | null;
        published_on: string | null;
        theme: string | null;
        source: 'FILE' | 'USER';
        judgements: StoredEvent['judgements'];
        edition: string | null;
      }>
    >(
      `SELECT e.id, e.local_authority_id, e.kind, e.inspected_on, e.published_on, e.theme, e.source,
              coalesce((SELECT json_agg(json_build_object('framework', j.framework, 'area', j.area, 'grade', j.grade)
                                        ORDER BY j.area)
                          FROM inspection_judgement j WHERE j.inspection_id = e.id), '[]') AS judgements,
              (SELECT max(a.after ->> 'edition') FROM audit_event a
                WHERE a.entity_type = 'inspection_event' AND a.entity_id = e.id::text
                  AND a.action = ANY($2)) AS edition
         FROM inspection_event e
        WHERE e.local_authority_id = ANY($1)
        ORDER BY e.local_authority_id, e.inspected_on NULLS LAST, e.published_on NULLS LAST, e.id`,
      [localAuthorityIds, IMPORT_AUDIT_ACTIONS],
    );
    return rows.map((row) => ({
      id: row.id,
      localAuthorityId: row.local_authority_id,
      kind: row.kind,
      inspectedOn: row.inspected_on,
      publishedOn: row.published_on,
      theme: row.theme,
      judgements: row.judgements,
      source: row.source,
      edition: row.edition,
    }));
  }
}
