import { Inject, Injectable } from '@nestjs/common';
import { financialYearBounds, type FinancialYear } from '@la-tracker/domain/calendar';
import { DataSource, type EntityManager } from 'typeorm';
import { Contract, ContractRate } from './contract.entity';
import type { ProgrammeScope, SupplierReach } from './programme-access.rules';
import { BudgetAllocation, Programme } from './programme.entity';
import { ProgrammeServiceLine, ServiceLineTarget } from './service-line.entity';
import type { ServiceLine } from './service-line';
import { Supplier, SupplierContact } from './supplier.entity';

/** A lot with the service lines it groups. */
export interface LotView {
  id: string;
  programmeId: string;
  number: number;
  title: string;
  validFrom: string;
  validTo: string | null;
  serviceLines: ServiceLine[];
}

// The caller's scope, as SQL over aliases of the query at hand (see ProgrammeScope).
const contractVisible = (c: string) =>
  `(:allProgrammes OR ${c}.programme_id = ANY(:scopeProgrammeIds) OR ${c}.supplier_id = ANY(:scopeSupplierIds))`;
const programmeVisible = (p: string) =>
  `(:allProgrammes OR ${p}.id = ANY(:scopeProgrammeIds) OR EXISTS (SELECT 1 FROM contract sc WHERE sc.programme_id = ${p}.id AND sc.supplier_id = ANY(:scopeSupplierIds)))`;
const supplierVisible = (s: string) =>
  `(:allSuppliers OR ${s}.id = ANY(:scopeSupplierIds) OR EXISTS (SELECT 1 FROM contract sc WHERE sc.supplier_id = ${s}.id AND ${contractVisible('sc')}))`;

function scopeParameters(scope: ProgrammeScope) {
  return {
    allProgrammes: scope.allProgrammes,
    allSuppliers: scope.allSuppliers,
    scopeProgrammeIds: scope.programmeIds,
    scopeSupplierIds: scope.supplierIds,
  };
}

/** Queries of the programme structure; each answers any number of parents in one statement. */
@Injectable()
export class ProgrammeRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The programmes the scope reaches, all of them or those with these ids. */
  programmes(scope: ProgrammeScope, ids?: readonly string[]): Promise<Programme[]> {
    const query = this.dataSource
      .getRepository(Programme)
      .createQueryBuilder('p')
      .where(programmeVisible('p'), scopeParameters(scope))
      .orderBy('p.startsOn')
      .addOrderBy('p.name');
    if (ids) query.andWhere('p.id = ANY(:ids)', { ids });
    return query.getMany();
  }

  serviceLinesOf(programmeIds: readonly string[]): Promise<ProgrammeServiceLine[]> {
    return this.dataSource
      .getRepository(ProgrammeServiceLine)
      .createQueryBuilder('l')
      .where('l.programme_id = ANY(:programmeIds)', { programmeIds })
      .getMany();
  }

  async lotsOf(programmeIds: readonly string[]): Promise<LotView[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        programme_id: string;
        number: number;
        title: string;
        valid_from: string;
        valid_to: string | null;
        service_lines: ServiceLine[];
      }>
    >(
      `SELECT l.id, l.programme_id, l.number, l.title, l.valid_from, l.valid_to,
              array_agg(ls.service_line) AS service_lines
         FROM lot l JOIN lot_service_line ls ON ls.lot_id = l.id
        WHERE l.programme_id = ANY($1)
        GROUP BY l.id
        ORDER BY l.valid_from, l.number`,
      [programmeIds],
    );
    return rows.map((row) => ({
      id: row.id,
      programmeId: row.programme_id,
      number: row.number,
      title: row.title,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      serviceLines: row.service_lines,
    }));
  }

  targetsOf(programmeIds: readonly string[]): Promise<ServiceLineTarget[]> {
    return this.dataSource
      .getRepository(ServiceLineTarget)
      .createQueryBuilder('t')
      .where('t.programme_id = ANY(:programmeIds)', { programmeIds })
      .orderBy('t.financialYear')
      .addOrderBy('t.effectiveFrom')
      .addOrderBy('t.createdAt')
      .getMany();
  }

  budgetAllocationsOf(programmeIds: readonly string[]): Promise<BudgetAllocation[]> {
    return this.dataSource
      .getRepository(BudgetAllocation)
      .createQueryBuilder('a')
      .where('a.programme_id = ANY(:programmeIds)', { programmeIds })
      .orderBy('a.financialYear')
      .getMany();
  }

  /** The contracts the scope reaches among those of these ids, programmes or suppliers. */
  contracts(
    scope: ProgrammeScope,
    of:
      | { ids: readonly string[] }
      | { programmeIds: readonly string[] }
      | { supplierIds: readonly string[] },
  ): Promise<Contract[]> {
    const query = this.dataSource
      .getRepository(Contract)
      .createQueryBuilder('c')
      .where(contractVisible('c'), scopeParameters(scope))
      .orderBy('c.reference')
      .addOrderBy('c.id');
    if ('ids' in of) query.andWhere('c.id = ANY(:ids)', { ids: of.ids });
    else if ('programmeIds' in of)
      query.andWhere('c.programme_id = ANY(:programmeIds)', { programmeIds: of.programmeIds });
    else query.andWhere('c.supplier_id = ANY(:supplierIds)', { supplierIds: of.supplierIds });
    return query.getMany();
  }

  /** The suppliers the scope reaches, all of them or those with these ids, by name. */
  suppliers(scope: ProgrammeScope, ids?: readonly string[]): Promise<Supplier[]> {
    const query = this.dataSource
      .getRepository(Supplier)
      .createQueryBuilder('s')
      .where(supplierVisible('s'), scopeParameters(scope))
      .orderBy('s.name')
      .addOrderBy('s.id');
    if (ids) query.andWhere('s.id = ANY(:ids)', { ids });
    return query.getMany();
  }

  /** For each programme, the suppliers holding a contract in it that the scope reaches. */
  async suppliersOfProgrammes(
    scope: ProgrammeScope,
    programmeIds: readonly string[],
  ): Promise<Array<{ programmeId: string; supplier: Supplier }>> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('c.programme_id', 'programme_id')
      .addSelect('s.id', 'id')
      .addSelect('s.name', 'name')
      .addSelect('s.name_key', 'name_key')
      .addSelect('s.created_at', 'created_at')
      .distinct(true)
      .from(Contract, 'c')
      .innerJoin(Supplier, 's', 's.id = c.supplier_id')
      .where('c.programme_id = ANY(:programmeIds)', { programmeIds })
      .andWhere(contractVisible('c'), scopeParameters(scope))
      .orderBy('s.name')
      .addOrderBy('s.id')
      .getRawMany<{
        programme_id: string;
        id: string;
        name: string;
        name_key: string;
        created_at: Date;
      }>();
    return rows.map((row) => ({
      programmeId: row.programme_id,
      supplier: this.dataSource.getRepository(Supplier).create({
        id: row.id,
        name: row.name,
        nameKey: row.name_key,
        createdAt: row.created_at,
      }),
    }));
  }

  ratesOf(contractIds: readonly string[]): Promise<ContractRate[]> {
    return this.dataSource
      .getRepository(ContractRate)
      .createQueryBuilder('r')
      .where('r.contract_id = ANY(:contractIds)', { contractIds })
      .getMany();
  }

  /** Each supplier with the programmes it holds contracts in. */
  async reachOf(
    supplierIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SupplierReach[]> {
    const rows = await manager.query<Array<{ id: string; programmeIds: string[] }>>(
      `SELECT s.id, coalesce(array_agg(DISTINCT c.programme_id) FILTER (WHERE c.id IS NOT NULL), '{}') AS "programmeIds"
         FROM supplier s LEFT JOIN contract c ON c.supplier_id = s.id
        WHERE s.id = ANY($1) GROUP BY s.id`,
      [supplierIds],
    );
    return rows;
  }

  contactsOf(supplierIds: readonly string[]): Promise<SupplierContact[]> {
    return this.dataSource
      .getRepository(SupplierContact)
      .createQueryBuilder('k')
      .where('k.supplier_id = ANY(:supplierIds)', { supplierIds })
      .orderBy('k.createdAt')
      .addOrderBy('k.email')
      .getMany();
  }

  /**
   * How many LAs were active in each financial year (valid on any day of it), and how many
   * regions there are: what reach targets count to. One statement, for one year or more.
   */
  async localAuthorityCounts(
    years: readonly FinancialYear[],
  ): Promise<{ activeLocalAuthorities: Map<FinancialYear, number>; regions: number }> {
    const bounds = years.map(financialYearBounds);
    const rows = await this.dataSource.query<
      Array<{ financial_year: string; active: number; regions: number }>
    >(
      `SELECT y.financial_year, count(la.id)::int AS active,
              (SELECT count(*) FROM region)::int AS regions
         FROM unnest($1::text[], $2::date[], $3::date[]) AS y(financial_year, starts_on, ends_on)
         LEFT JOIN local_authority la
           ON (la.valid_from IS NULL OR la.valid_from <= y.ends_on)
          AND (la.valid_to IS NULL OR la.valid_to >= y.starts_on)
        GROUP BY y.financial_year`,
      [years, bounds.map((bound) => bound.startsOn), bounds.map((bound) => bound.endsOn)],
    );
    return {
      activeLocalAuthorities: new Map(rows.map((row) => [row.financial_year, row.active])),
      regions: rows[0]?.regions ?? 0,
    };
  }
}
