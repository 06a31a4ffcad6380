import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate } from '@la-tracker/platform/time';
import { Brackets, DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { KnownLocalAuthority } from './local-authority-change.rules';
import { LocalAuthorityAlias } from './local-authority-alias.entity';
import { LocalAuthorityEarlierCode } from './local-authority-earlier-code.entity';
import { normaliseLocalAuthorityName } from './local-authority-name.rules';
import { LocalAuthoritySuccession } from './local-authority-succession.entity';
import { LocalAuthority } from './local-authority.entity';
import { Region } from './region.entity';

export interface LocalAuthorityQuery {
  regionCode?: string;
  search?: string;
  activeOn: IsoDate;
}

/** Restricts a query on `la` to the LAs that existed on a date. */
function activeOn<T extends object>(
  query: SelectQueryBuilder<T>,
  date: IsoDate,
): SelectQueryBuilder<T> {
  return query
    .andWhere('(la.valid_from IS NULL OR la.valid_from <= :activeOn)', { activeOn: date })
    .andWhere('(la.valid_to IS NULL OR la.valid_to >= :activeOn)', { activeOn: date });
}

function byName<T extends { la: LocalAuthority }>(pairs: T[]): T[] {
  return pairs.sort((a, b) => a.la.name.localeCompare(b.la.name, 'en-GB'));
}

@Injectable()
export class LocalAuthorityRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  regions(): Promise<Region[]> {
    return this.dataSource.getRepository(Region).find({ order: { code: 'ASC' } });
  }

  private filtered(query: LocalAuthorityQuery): SelectQueryBuilder<LocalAuthority> {
    const qb = activeOn(
      this.dataSource.getRepository(LocalAuthority).createQueryBuilder('la'),
      query.activeOn,
    );
    if (query.regionCode)
      qb.andWhere('la.region_code = :regionCode', { regionCode: query.regionCode });
    if (query.search) {
      const code = query.search.toUpperCase();
      const pattern = `%${query.search.replace(/[\\%_]/g, '\\$&')}%`;
      const aliasText = normaliseLocalAuthorityName(query.search);
      qb.andWhere(
        new Brackets((or) => {
          or.where('la.name ILIKE :pattern', { pattern })
            .orWhere('la.gss_code = :code OR la.dfe_code = :code', { code })
            .orWhere(
              'EXISTS (SELECT 1 FROM local_authority_earlier_code ec WHERE ec.local_authority_id = la.id AND ec.gss_code = :code)',
            );
          // Punctuation alone normalises to nothing, which would match every alias.
          if (aliasText !== '') {
            or.orWhere(
              'EXISTS (SELECT 1 FROM local_authority_alias a WHERE a.local_authority_id = la.id AND a.normalised_name LIKE :aliasPattern)',
              { aliasPattern: `%${aliasText}%` },
            );
          }
        }),
      );
    }
    return qb;
  }

  count(query: LocalAuthorityQuery): Promise<number> {
    return this.filtered(query).getCount();
  }

  /** A page in name order, after the `[name, id]` of the last row seen. */
  page(
    query: LocalAuthorityQuery,
    limit: number,
    after?: [string, string],
  ): Promise<LocalAuthority[]> {
    const qb = this.filtered(query);
    if (after) {
      qb.andWhere('(la.name, la.id) > (:afterName, :afterId)', {
        afterName: after[0],
        afterId: after[1],
      });
    }
    return qb.orderBy('la.name', 'ASC').addOrderBy('la.id', 'ASC').limit(limit).getMany();
  }

  /** The LA whose current ONS code, earlier ONS code or DfE code this is. */
  async findByCode(code: string): Promise<LocalAuthority | null> {
    return this.dataSource
      .getRepository(LocalAuthority)
      .createQueryBuilder('la')
      .where('la.gss_code = :code OR la.dfe_code = :code', { code })
      .orWhere(
        'la.id IN (SELECT ec.local_authority_id FROM local_authority_earlier_code ec WHERE ec.gss_code = :code)',
      )
      .getOne();
  }

  findByIds(ids: readonly string[]): Promise<LocalAuthority[]> {
    return this.dataSource.getRepository(LocalAuthority).findBy({ id: In([...ids]) });
  }

  /** Every LA that existed on the date, by name. */
  allActiveOn(date: IsoDate): Promise<LocalAuthority[]> {
    return activeOn(this.dataSource.getRepository(LocalAuthority).createQueryBuilder('la'), date)
      .orderBy('la.name')
      .getMany();
  }

  inRegions(regionCodes: readonly string[], date: IsoDate): Promise<LocalAuthority[]> {
    return activeOn(this.dataSource.getRepository(LocalAuthority).createQueryBuilder('la'), date)
      .andWhere('la.region_code IN (:...regionCodes)', { regionCodes })
      .orderBy('la.name')
      .getMany();
  }

  /** Pairs of (successor id, predecessor) for the given successors, by predecessor name. */
  async predecessorsOf(
    ids: readonly string[],
  ): Promise<Array<{ key: string; la: LocalAuthority }>> {
    const rows = await this.dataSource.getRepository(LocalAuthoritySuccession).find({
      where: { successorId: In([...ids]) },
      relations: { predecessor: true },
    });
    return byName(
      rows.map((row) => ({ key: row.successorId, la: row.predecessor as LocalAuthority })),
    );
  }

  /** Pairs of (predecessor id, successor) for the given predecessors, by successor name. */
  async successorsOf(ids: readonly string[]): Promise<Array<{ key: string; la: LocalAuthority }>> {
    const rows = await this.dataSource.getRepository(LocalAuthoritySuccession).find({
      where: { predecessorId: In([...ids]) },
      relations: { successor: true },
    });
    return byName(
      rows.map((row) => ({ key: row.predecessorId, la: row.successor as LocalAuthority })),
    );
  }

  earlierCodesOf(ids: readonly string[]): Promise<LocalAuthorityEarlierCode[]> {
    return this.dataSource
      .getRepository(LocalAuthorityEarlierCode)
      .find({ where: { localAuthorityId: In([...ids]) }, order: { gssCode: 'ASC' } });
  }

  /** Everything the change planner needs to know, read inside the import's transaction. */
  async known(manager: EntityManager): Promise<KnownLocalAuthority[]> {
    // One after another: the queries share the transaction's single connection.
    const las = await manager.getRepository(LocalAuthority).find();
    const earlier = await manager.getRepository(LocalAuthorityEarlierCode).find();
    const successions = await manager.getRepository(LocalAuthoritySuccession).find();
    const byId = new Map(las.map((la) => [la.id, la]));
    return las.map((la) => ({
      id: la.id,
      gssCode: la.gssCode,
      dfeCode: la.dfeCode,
      name: la.name,
      regionCode: la.regionCode,
      type: la.type,
      validFrom: la.validFrom,
      validTo: la.validTo,
      earlierGssCodes: earlier
        .filter((code) => code.localAuthorityId === la.id)
        .map((code) => code.gssCode),
      successorGssCodes: successions
        .filter((succession) => succession.predecessorId === la.id)
        .map((succession) => byId.get(succession.successorId)?.gssCode)
        .filter((code): code is string => code !== undefined),
    }));
  }

  aliases(manager: EntityManager): Promise<LocalAuthorityAlias[]> {
    return manager.getRepository(LocalAuthorityAlias).find();
  }
}
