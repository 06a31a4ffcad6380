import { Injectable } from '@nestjs/common';
import type { EngagementStatus } from '@la-tracker/domain/engagements';
import type { MatchableLocalAuthority } from '@la-tracker/domain/inspections';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import type { EntityManager } from 'typeorm';

/** An engagement a supplier may record delivery on, as an import needs to pick it by LA. */
export interface OpenEngagement {
  id: string;
  localAuthorityId: string;
  serviceLine: ServiceLine;
  financialYear: string;
  status: EngagementStatus;
  contractReference: string;
}

/** The look-ups of a bulk import of sessions. */
@Injectable()
export class SessionImportRepository {
  /** Every LA, current or abolished, with each code and name a file may use for it. */
  async localAuthorities(manager: EntityManager): Promise<MatchableLocalAuthority[]> {
    const rows = await manager.query<
      Array<
        Omit<MatchableLocalAuthority, 'earlierGssCodes' | 'aliases'> & {
          earlier: string[];
          aliases: string[];
        }
      >
    >(
      `SELECT la.id, la.gss_code AS "gssCode", la.dfe_code AS "dfeCode", la.name,
              la.valid_from AS "validFrom", la.valid_to AS "validTo",
              array(SELECT ec.gss_code FROM local_authority_earlier_code ec
                     WHERE ec.local_authority_id = la.id) AS earlier,
              array(SELECT a.normalised_name FROM local_authority_alias a
                     WHERE a.local_authority_id = la.id) AS aliases
         FROM local_authority la`,
    );
    return rows.map(({ earlier, aliases, ...la }) => ({
      ...la,
      earlierGssCodes: earlier,
      aliases,
    }));
  }

  /** The supplier's engagements in these states, under any of its contracts. */
  openEngagements(
    manager: EntityManager,
    supplierId: string,
    statuses: readonly EngagementStatus[],
  ): Promise<OpenEngagement[]> {
    return manager.query(
      `SELECT e.id, e.local_authority_id AS "localAuthorityId", e.service_line AS "serviceLine",
              e.financial_year AS "financialYear", e.status, c.reference AS "contractReference"
         FROM engagement e
         JOIN contract c ON c.id = e.contract_id
        WHERE c.supplier_id = $1 AND e.status = ANY($2)
        ORDER BY e.financial_year, c.reference, e.id`,
      [supplierId, statuses],
    );
  }

  /** The supplier's sessions already holding any of these references. */
  sessionsWithReferences(
    manager: EntityManager,
    supplierId: string,
    references: readonly string[],
  ): Promise<Array<{ id: string; reference: string }>> {
    if (references.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT id, supplier_reference AS reference FROM delivery_session
        WHERE supplier_id = $1 AND supplier_reference = ANY($2)`,
      [supplierId, references],
    );
  }
}
