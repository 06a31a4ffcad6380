import { Inject, Injectable } from '@nestjs/common';
import type { EngagementStatus } from './engagement.rules';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { EngagementScope } from './engagement-access.rules';
import { Engagement } from './engagement.entity';
import { COUNTED_STATUSES } from './engagement.rules';

export interface EngagementQuery {
  programmeId?: string;
  serviceLine?: ServiceLine;
  statuses?: readonly EngagementStatus[];
  regionCode?: string;
  localAuthorityId?: string;
  supplierId?: string;
  financialYear?: string;
}

/** An engagement with what scoping needs: its LA's region and its contract's supplier. */
export interface ScopedEngagement {
  engagement: Engagement;
  regionCode: string;
  supplierId: string | null;
}

@Injectable()
export class EngagementRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private filtered(
    scope: EngagementScope,
    query: EngagementQuery,
    manager: EntityManager = this.dataSource.manager,
  ): SelectQueryBuilder<Engagement> {
    const qb = manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .innerJoin('local_authority', 'la', 'la.id = e.local_authority_id')
      .leftJoin('contract', 'c', 'c.id = e.contract_id');
    if (!scope.all) {
      qb.andWhere(
        new Brackets((or) => {
          // An empty scope must match nothing, never everything.
          or.where('false');
          if (scope.programmeIds.length > 0)
            or.orWhere('e.programme_id IN (:...scopeProgrammes)', {
              scopeProgrammes: scope.programmeIds,
            });
          if (scope.supplierIds.length > 0)
            or.orWhere('c.supplier_id IN (:...scopeSuppliers)', {
              scopeSuppliers: scope.supplierIds,
            });
          if (scope.regionCodes.length > 0)
            or.orWhere('la.region_code IN (:...scopeRegions)', { scopeRegions: scope.regionCodes });
        }),
      );
    }
    if (query.programmeId) qb.andWhere('e.programme_id = :programmeId', query);
    if (query.serviceLine) qb.andWhere('e.service_line = :serviceLine', query);
    if (query.statuses && query.statuses.length > 0)
      qb.andWhere('e.status IN (:...statuses)', { statuses: query.statuses });
    if (query.regionCode) qb.andWhere('la.region_code = :regionCode', query);
    if (query.localAuthorityId) qb.andWhere('e.local_authority_id = :localAuthorityId', query);
    if (query.supplierId) qb.andWhere('c.supplier_id = :supplierId', query);
    if (query.financialYear) qb.andWhere('e.financial_year = :financialYear', query);
    return qb;
  }

  /** Newest referral first; the cursor is the last row's (referredOn, id). */
  async page(
    scope: EngagementScope,
    query: EngagementQuery,
    limit: number,
    after?: [string, string],
  ): Promise<Engagement[]> {
    const qb = this.filtered(scope, query);
    if (after) {
      qb.andWhere('(e.referred_on, e.id) < (:afterDate, :afterId)', {
        afterDate: after[0],
        afterId: after[1],
      });
    }
    return qb.orderBy('e.referred_on', 'DESC').addOrderBy('e.id', 'DESC').limit(limit).getMany();
  }

  count(scope: EngagementScope, query: EngagementQuery): Promise<number> {
    return this.filtered(scope, query).getCount();
  }

  /** The engagements with these ids that the scope reaches, in no particular order. */
  findInScope(scope: EngagementScope, ids: readonly string[]): Promise<Engagement[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.filtered(scope, {}).andWhere('e.id IN (:...ids)', { ids }).getMany();
  }

  /** Every engagement of these LAs (of one year, if given) the scope reaches, newest referral first. */
  ofLocalAuthorities(
    scope: EngagementScope,
    ids: readonly string[],
    financialYear?: string,
  ): Promise<Engagement[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.filtered(scope, { financialYear })
      .andWhere('e.local_authority_id IN (:...ids)', { ids })
      .orderBy('e.referred_on', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getMany();
  }

  /** One engagement, locked until the transaction ends, with its region and supplier. */
  async lock(manager: EntityManager, id: string): Promise<ScopedEngagement | null> {
    const engagement = await manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
    if (!engagement) return null;
    const [reach] = await manager.query<Array<{ regionCode: string; supplierId: string | null }>>(
      `SELECT la.region_code AS "regionCode", c.supplier_id AS "supplierId"
         FROM local_authority la LEFT JOIN contract c ON c.id = $2
        WHERE la.id = $1`,
      [engagement.localAuthorityId, engagement.contractId],
    );
    return { engagement, regionCode: reach.regionCode, supplierId: reach.supplierId };
  }

  /** The LAs holding a place under a service line's cap for a year (SPEC §5.3). */
  async countedLocalAuthorities(
    manager: EntityManager,
    programmeId: string,
    serviceLine: ServiceLine,
    financialYear: string,
  ): Promise<Set<string>> {
    const rows = await manager.getRepository(Engagement).find({
      select: { localAuthorityId: true },
      where: { programmeId, serviceLine, financialYear, status: In([...COUNTED_STATUSES]) },
    });
    return new Set(rows.map((row) => row.localAuthorityId));
  }
}
