import { Inject, Injectable } from '@nestjs/common';
import { Contract, type ServiceLine } from '@la-tracker/domain/programmes';
import type { Pence } from '@la-tracker/platform/money';
import { DataSource } from 'typeorm';
import type { SpendScope } from './spend-access.rules';
import type { SpendDimension, SpendFigure } from './spend.rules';

/**
 * Every charge to a programme, added up by LA charged, each kind of charge one branch of the
 * UNION ALL with the same columns; `charges` counts the charges a row adds up. Approved sessions
 * are charged in the year of their date, shared among their LAs by headcount at approval (SPEC
 * §5.5, §5.9): their shares are read already added up by contract, line, year and LA from the
 * totals the database keeps. A diagnostic is charged to its one LA when it reaches its final
 * report, in the year of that date (SPEC §5.9).
 */
const CHARGES = `
  SELECT t.programme_id, t.contract_id, t.supplier_id, c.lot_id, t.service_line,
         t.local_authority_id, t.financial_year, t.pence, t.charges
    FROM session_charge_total t
    JOIN contract c ON c.id = t.contract_id
  UNION ALL
  SELECT d.programme_id, d.contract_id, d.supplier_id, c.lot_id, d.service_line,
         d.local_authority_id, d.cost_financial_year, d.cost_pence, 1
    FROM diagnostic d
    JOIN contract c ON c.id = d.contract_id
   WHERE d.cost_pence IS NOT NULL`;

export interface SpendQuery {
  programmeId: string;
  financialYear?: string;
  supplierId?: string;
  serviceLine?: ServiceLine;
  regionCode?: string;
  localAuthorityId?: string;
}

/** Queries of spend: each is one statement, whatever the number of charges. */
@Injectable()
export class SpendRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * The charges in scope, added up at once for the whole and by service line, lot, contract,
   * supplier, LA and year (grouping sets), each group in the order to show it.
   */
  async figures(scope: SpendScope, query: SpendQuery): Promise<SpendFigure[]> {
    const rows = await this.dataSource.query<
      Array<{
        dimension: SpendDimension;
        key: string | null;
        spent: string;
        charges: number;
        spent_to_date: string;
      }>
    >(
      `WITH charges AS (${CHARGES}),
       visible AS (
         SELECT ch.*, l.number AS lot_number, k.reference AS contract_reference,
                sp.name AS supplier_name, la.name AS local_authority_name,
                (($2::text IS NULL OR ch.financial_year = $2)
                 AND ($3::uuid IS NULL OR ch.supplier_id = $3)
                 AND ($4::text IS NULL OR ch.service_line = $4)
                 AND ($5::text IS NULL OR la.region_code = $5)
                 AND ($6::uuid IS NULL OR ch.local_authority_id = $6)) AS matches
           FROM charges ch
           JOIN lot l ON l.id = ch.lot_id
           JOIN contract k ON k.id = ch.contract_id
           JOIN supplier sp ON sp.id = ch.supplier_id
           JOIN local_authority la ON la.id = ch.local_authority_id
          WHERE ch.programme_id = $1 AND ($7 OR ch.supplier_id = ANY($8::uuid[]))
       )
       SELECT CASE WHEN GROUPING(service_line) = 0 THEN 'SERVICE_LINE'
                   WHEN GROUPING(lot_id) = 0 THEN 'LOT'
                   WHEN GROUPING(contract_id) = 0 THEN 'CONTRACT'
                   WHEN GROUPING(supplier_id) = 0 THEN 'SUPPLIER'
                   WHEN GROUPING(local_authority_id) = 0 THEN 'LOCAL_AUTHORITY'
                   WHEN GROUPING(financial_year) = 0 THEN 'FINANCIAL_YEAR'
                   ELSE 'TOTAL' END AS dimension,
              COALESCE(service_line, lot_id::text, contract_id::text, supplier_id::text,
                       local_authority_id::text, financial_year) AS key,
              COALESCE(sum(pence) FILTER (WHERE matches), 0)::text AS spent,
              COALESCE(sum(charges) FILTER (WHERE matches), 0)::int AS charges,
              COALESCE(sum(pence), 0)::text AS spent_to_date
         FROM visible
        GROUP BY GROUPING SETS ((), (service_line), (lot_id, lot_number), (contract_id, contract_reference),
                                (supplier_id, supplier_name), (local_authority_id, local_authority_name),
                                (financial_year))
        ORDER BY dimension, lot_number, contract_reference, supplier_name, local_authority_name,
                 financial_year, service_line, key`,
      [
        query.programmeId,
        query.financialYear ?? null,
        query.supplierId ?? null,
        query.serviceLine ?? null,
        query.regionCode ?? null,
        query.localAuthorityId ?? null,
        scope.allContracts,
        scope.supplierIds,
      ],
    );
    return rows.map((row) => ({
      dimension: row.dimension,
      key: row.key,
      spentPence: pence(row.spent),
      charges: row.charges,
      spentToDatePence: pence(row.spent_to_date),
    }));
  }

  /** The programme's budget and its allocation for the year, if one is asked about and set. */
  async budgetOf(
    programmeId: string,
    financialYear: string | null,
  ): Promise<{ budgetPence: Pence; allocationPence: Pence | null } | null> {
    const [row] = await this.dataSource.query<
      Array<{ budget_pence: string; allocation_pence: string | null }>
    >(
      `SELECT p.budget_pence, a.amount_pence AS allocation_pence
         FROM programme p
         LEFT JOIN budget_allocation a ON a.programme_id = p.id AND a.financial_year = $2
        WHERE p.id = $1`,
      [programmeId, financialYear],
    );
    if (!row) return null;
    return {
      budgetPence: pence(row.budget_pence),
      allocationPence: row.allocation_pence === null ? null : pence(row.allocation_pence),
    };
  }

  /** The programme's contracts in scope, by reference. */
  contracts(scope: SpendScope, programmeId: string): Promise<Contract[]> {
    return this.dataSource
      .getRepository(Contract)
      .createQueryBuilder('c')
      .where('c.programme_id = :programmeId', { programmeId })
      .andWhere('(:allContracts OR c.supplier_id = ANY(:supplierIds))', {
        allContracts: scope.allContracts,
        supplierIds: scope.supplierIds,
      })
      .orderBy('c.reference')
      .addOrderBy('c.id')
      .getMany();
  }

  /** Everything charged under each contract to date. */
  async spentToDateOn(contractIds: readonly string[]): Promise<Map<string, Pence>> {
    if (contractIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ contract_id: string; spent: string }>>(
      `WITH charges AS (${CHARGES})
       SELECT contract_id, sum(pence)::text AS spent
         FROM charges WHERE contract_id = ANY($1::uuid[])
        GROUP BY contract_id`,
      [contractIds],
    );
    return new Map(rows.map((row) => [row.contract_id, pence(row.spent)]));
  }
}

/** PostgreSQL's sums of bigints come back as decimal strings. */
function pence(text: string): Pence {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${text} pence is beyond exact range`);
  return value;
}
