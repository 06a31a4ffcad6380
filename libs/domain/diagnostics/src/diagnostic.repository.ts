import { Inject, Injectable } from '@nestjs/common';
import { Engagement, type EngagementScope } from '@la-tracker/domain/engagements';
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Diagnostic, DiagnosticFinding, DiagnosticRecommendation } from './diagnostic.entity';
import {
  CORPORATE_PARENTING_PRINCIPLES,
  type CorporateParentingPrinciple,
  type DiagnosticStatus,
  type RagRating,
} from './diagnostic.rules';

export interface DiagnosticQuery {
  programmeId?: string;
  financialYear?: string;
  regionCode?: string;
  localAuthorityId?: string;
  supplierId?: string;
  statuses?: readonly DiagnosticStatus[];
}

/** A diagnostic with the region of its LA, which advisers' scope turns on. */
export interface ScopedDiagnostic {
  diagnostic: Diagnostic;
  regionCode: string;
}

/** An engagement with what scoping needs: its LA's region and its contract's supplier. */
export interface ScopedEngagement {
  engagement: Engagement;
  regionCode: string;
  supplierId: string | null;
}

export interface RatingCount {
  principle: CorporateParentingPrinciple;
  rating: RagRating;
  count: number;
}

const REGION_OF = (condition: string) =>
  `EXISTS (SELECT 1 FROM local_authority la WHERE la.id = d.local_authority_id AND ${condition})`;

@Injectable()
export class DiagnosticRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private filtered(scope: EngagementScope, query: DiagnosticQuery): SelectQueryBuilder<Diagnostic> {
    const qb = this.dataSource.getRepository(Diagnostic).createQueryBuilder('d');
    if (!scope.all) {
      qb.andWhere(
        new Brackets((or) => {
          // An empty scope must match nothing, never everything.
          or.where('false');
          if (scope.programmeIds.length > 0)
            or.orWhere('d.programme_id IN (:...scopeProgrammes)', {
              scopeProgrammes: scope.programmeIds,
            });
          if (scope.supplierIds.length > 0)
            or.orWhere('d.supplier_id IN (:...scopeSuppliers)', {
              scopeSuppliers: scope.supplierIds,
            });
          if (scope.regionCodes.length > 0)
            or.orWhere(REGION_OF('la.region_code IN (:...scopeRegions)'), {
              scopeRegions: scope.regionCodes,
            });
        }),
      );
    }
    if (query.programmeId) qb.andWhere('d.programme_id = :programmeId', query);
    if (query.financialYear) qb.andWhere('d.financial_year = :financialYear', query);
    if (query.regionCode) qb.andWhere(REGION_OF('la.region_code = :regionCode'), query);
    if (query.localAuthorityId) qb.andWhere('d.local_authority_id = :localAuthorityId', query);
    if (query.supplierId) qb.andWhere('d.supplier_id = :supplierId', query);
    if (query.statuses && query.statuses.length > 0)
      qb.andWhere('d.status IN (:...statuses)', { statuses: query.statuses });
    return qb;
  }

  /** The latest years first, then the latest planned; the cursor is the last row's (year, day, id). */
  page(
    scope: EngagementScope,
    query: DiagnosticQuery,
    limit: number,
    after?: [string, string, string],
  ): Promise<Diagnostic[]> {
    const qb = this.filtered(scope, query);
    if (after)
      qb.andWhere('(d.financial_year, d.planned_on, d.id) < (:afterYear, :afterDay, :afterId)', {
        afterYear: after[0],
        afterDay: after[1],
        afterId: after[2],
      });
    return qb
      .orderBy('d.financial_year', 'DESC')
      .addOrderBy('d.planned_on', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  count(scope: EngagementScope, query: DiagnosticQuery): Promise<number> {
    return this.filtered(scope, query).getCount();
  }

  findInScope(scope: EngagementScope, ids: readonly string[]): Promise<Diagnostic[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.filtered(scope, {}).andWhere('d.id IN (:...ids)', { ids }).getMany();
  }

  ofEngagementsInScope(
    scope: EngagementScope,
    engagementIds: readonly string[],
  ): Promise<Diagnostic[]> {
    if (engagementIds.length === 0) return Promise.resolve([]);
    return this.filtered(scope, {})
      .andWhere('d.engagement_id IN (:...engagementIds)', { engagementIds })
      .getMany();
  }

  /** How many of the diagnostics matching the query are in each state. */
  async countByStatus(
    scope: EngagementScope,
    query: DiagnosticQuery,
  ): Promise<Map<DiagnosticStatus, number>> {
    const rows = await this.filtered(scope, query)
      .select('d.status', 'status')
      .addSelect('count(*)::int', 'count')
      .groupBy('d.status')
      .getRawMany<{ status: DiagnosticStatus; count: number }>();
    return new Map(rows.map((row) => [row.status, row.count]));
  }

  /** For each principle and rating, how many of the matching diagnostics were rated so. */
  async ratingCounts(scope: EngagementScope, query: DiagnosticQuery): Promise<RatingCount[]> {
    return this.filtered(scope, query)
      .innerJoin(DiagnosticFinding, 'f', 'f.diagnostic_id = d.id')
      .select('f.principle', 'principle')
      .addSelect('f.rating', 'rating')
      .addSelect('count(*)::int', 'count')
      .groupBy('f.principle')
      .addGroupBy('f.rating')
      .getRawMany<RatingCount>();
  }

  /** One diagnostic, locked until the transaction ends, with its LA's region. */
  async lock(manager: EntityManager, id: string): Promise<ScopedDiagnostic | null> {
    const diagnostic = await manager
      .getRepository(Diagnostic)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
    if (!diagnostic) return null;
    const [row] = await manager.query<Array<{ regionCode: string }>>(
      `SELECT region_code AS "regionCode" FROM local_authority WHERE id = $1`,
      [diagnostic.localAuthorityId],
    );
    return { diagnostic, regionCode: row.regionCode };
  }

  /** One engagement, locked until the transaction ends, with its region and supplier. */
  async lockEngagement(manager: EntityManager, id: string): Promise<ScopedEngagement | null> {
    const engagement = await manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
    if (!engagement) return null;
    const [reach] = await manager.query<Array<{ regionCode: string; supplierId: string | null }>>(
      `SELECT la.region_code AS "regionCode", c.supplier_id AS "supplierId"
         FROM engagement e
         JOIN local_authority la ON la.id = e.local_authority_id
         LEFT JOIN contract c ON c.id = e.contract_id
        WHERE e.id = $1`,
      [id],
    );
    return { engagement, ...reach };
  }

  /** The findings of these diagnostics, each in the Act's order of principles. */
  async findingsOf(
    diagnosticIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DiagnosticFinding[]> {
    if (diagnosticIds.length === 0) return [];
    const findings = await manager
      .getRepository(DiagnosticFinding)
      .findBy({ diagnosticId: In([...diagnosticIds]) });
    const order = (finding: DiagnosticFinding) =>
      CORPORATE_PARENTING_PRINCIPLES.indexOf(finding.principle);
    return findings.sort((a, b) => order(a) - order(b));
  }

  /** The recommendations of these diagnostics, soonest due first. */
  recommendationsOf(diagnosticIds: readonly string[]): Promise<DiagnosticRecommendation[]> {
    if (diagnosticIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(DiagnosticRecommendation).find({
      where: { diagnosticId: In([...diagnosticIds]) },
      order: { dueOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** One recommendation, locked until the transaction ends. */
  lockRecommendation(manager: EntityManager, id: string): Promise<DiagnosticRecommendation | null> {
    return manager
      .getRepository(DiagnosticRecommendation)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
