import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { MonthlyReturnScope } from './monthly-return-access.rules';
import { MonthlyReturn } from './monthly-return.entity';
import { firstDayOf, type Month, type MonthlyReturnStatus } from './monthly-return.rules';

export interface MonthlyReturnQuery {
  programmeId?: string;
  supplierId?: string;
  statuses?: readonly MonthlyReturnStatus[];
  /** Months from and to, both included. */
  from?: Month;
  to?: Month;
}

@Injectable()
export class MonthlyReturnRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private filtered(
    scope: MonthlyReturnScope,
    query: MonthlyReturnQuery,
  ): SelectQueryBuilder<MonthlyReturn> {
    const qb = this.dataSource.getRepository(MonthlyReturn).createQueryBuilder('r');
    if (!scope.all) {
      qb.andWhere(
        new Brackets((or) => {
          // An empty scope must match nothing, never everything.
          or.where('false');
          if (scope.programmeIds.length > 0)
            or.orWhere('r.programme_id IN (:...scopeProgrammes)', {
              scopeProgrammes: scope.programmeIds,
            });
          if (scope.supplierIds.length > 0)
            or.orWhere('r.supplier_id IN (:...scopeSuppliers)', {
              scopeSuppliers: scope.supplierIds,
            });
        }),
      );
    }
    if (query.programmeId) qb.andWhere('r.programme_id = :programmeId', query);
    if (query.supplierId) qb.andWhere('r.supplier_id = :supplierId', query);
    if (query.statuses && query.statuses.length > 0)
      qb.andWhere('r.status IN (:...statuses)', { statuses: query.statuses });
    if (query.from) qb.andWhere('r.month >= :from', { from: firstDayOf(query.from) });
    if (query.to) qb.andWhere('r.month <= :to', { to: firstDayOf(query.to) });
    return qb;
  }

  /** Newest month first; the cursor is the last row's (month, id). */
  page(
    scope: MonthlyReturnScope,
    query: MonthlyReturnQuery,
    limit: number,
    after?: [Month, string],
  ): Promise<MonthlyReturn[]> {
    const qb = this.filtered(scope, query);
    if (after)
      qb.andWhere('(r.month, r.id) < (:afterMonth, :afterId)', {
        afterMonth: firstDayOf(after[0]),
        afterId: after[1],
      });
    return qb.orderBy('r.month', 'DESC').addOrderBy('r.id', 'DESC').limit(limit).getMany();
  }

  count(scope: MonthlyReturnScope, query: MonthlyReturnQuery): Promise<number> {
    return this.filtered(scope, query).getCount();
  }

  /** Which supplier made a return for which month, of those matching the query. */
  async returnedMonths(
    scope: MonthlyReturnScope,
    query: MonthlyReturnQuery,
  ): Promise<Array<{ supplierId: string; month: Month }>> {
    const rows = await this.filtered(scope, query)
      .select('r.supplier_id', 'supplier_id')
      .addSelect(`to_char(r.month, 'YYYY-MM')`, 'month')
      .getRawMany<{ supplier_id: string; month: Month }>();
    return rows.map((row) => ({ supplierId: row.supplier_id, month: row.month }));
  }

  /** The returns with these ids that the scope reaches, in no particular order. */
  findInScope(scope: MonthlyReturnScope, ids: readonly string[]): Promise<MonthlyReturn[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.filtered(scope, {}).andWhere('r.id IN (:...ids)', { ids }).getMany();
  }

  /** One return, locked until the transaction ends. */
  lock(manager: EntityManager, id: string): Promise<MonthlyReturn | null> {
    return manager
      .getRepository(MonthlyReturn)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  /** A supplier's return for a month of a programme, if made, locked until the transaction ends. */
  lockFor(
    manager: EntityManager,
    key: { programmeId: string; supplierId: string; month: Month },
  ): Promise<MonthlyReturn | null> {
    return manager
      .getRepository(MonthlyReturn)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.programme_id = :programmeId AND r.supplier_id = :supplierId AND r.month = :month', {
        ...key,
        month: firstDayOf(key.month),
      })
      .getOne();
  }
}
