import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate } from '@la-tracker/platform/time';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { MeetingScope } from './network-access.rules';
import { LeadMemberNetwork, NetworkMeeting } from './network.entity';
import { NETWORK_SERVICE_LINE, type AttendingLocalAuthority } from './network.rules';

export interface MeetingQuery {
  programmeId?: string;
  networkId?: string;
  regionCode?: string;
  financialYear?: string;
  from?: IsoDate;
  to?: IsoDate;
}

export interface NetworkWithRegion {
  network: LeadMemberNetwork;
  regionName: string;
}

export type ResolvedLocalAuthority = AttendingLocalAuthority & { id: string; codes: string[] };

@Injectable()
export class NetworkRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A programme's networks in region order, of these regions only when given. */
  networksOf(
    programmeId: string,
    regionCodes: readonly string[] | null,
  ): Promise<LeadMemberNetwork[]> {
    const qb = this.dataSource
      .getRepository(LeadMemberNetwork)
      .createQueryBuilder('n')
      .where('n.programme_id = :programmeId', { programmeId });
    if (regionCodes) qb.andWhere('n.region_code = ANY(:regionCodes)', { regionCodes });
    return qb.orderBy('n.region_code').getMany();
  }

  networksByIds(ids: readonly string[]): Promise<LeadMemberNetwork[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(LeadMemberNetwork)
      .createQueryBuilder('n')
      .where('n.id = ANY(:ids)', { ids })
      .getMany();
  }

  async networkWithRegion(manager: EntityManager, id: string): Promise<NetworkWithRegion | null> {
    const network = await manager.getRepository(LeadMemberNetwork).findOneBy({ id });
    if (!network) return null;
    const [region] = await manager.query<Array<{ name: string }>>(
      `SELECT name FROM region WHERE code = $1`,
      [network.regionCode],
    );
    return { network, regionName: region.name };
  }

  /** The suppliers' contracts in the programme whose lot has the Lead Member networks line. */
  networkContracts(
    manager: EntityManager,
    programmeId: string,
    supplierIds: readonly string[],
  ): Promise<Array<{ id: string; supplierId: string; startsOn: IsoDate; endsOn: IsoDate }>> {
    return manager.query(
      `SELECT c.id, c.supplier_id AS "supplierId", c.starts_on AS "startsOn", c.ends_on AS "endsOn"
         FROM contract c
         JOIN lot_service_line l ON l.lot_id = c.lot_id AND l.service_line = $3
        WHERE c.programme_id = $1 AND c.supplier_id = ANY($2)
        ORDER BY c.starts_on, c.id`,
      [programmeId, supplierIds, NETWORK_SERVICE_LINE],
    );
  }

  /** LAs answering to any of these codes: ONS, earlier ONS or DfE. */
  localAuthoritiesByCode(
    manager: EntityManager,
    codes: readonly string[],
  ): Promise<ResolvedLocalAuthority[]> {
    return manager.query(
      `SELECT la.id, la.name, la.region_code AS "regionCode", la.valid_from AS "validFrom",
              la.valid_to AS "validTo",
              ARRAY[la.gss_code, la.dfe_code]::text[]
                || COALESCE(array_agg(ec.gss_code::text) FILTER (WHERE ec.gss_code IS NOT NULL), '{}') AS codes
         FROM local_authority la
         LEFT JOIN local_authority_earlier_code ec ON ec.local_authority_id = la.id
        WHERE la.gss_code = ANY($1) OR la.dfe_code = ANY($1) OR ec.gss_code = ANY($1)
        GROUP BY la.id`,
      [codes],
    );
  }

  private meetings(scope: MeetingScope, query: MeetingQuery): SelectQueryBuilder<NetworkMeeting> {
    const qb = this.dataSource.getRepository(NetworkMeeting).createQueryBuilder('m');
    if (!scope.all)
      qb.andWhere(
        new Brackets((or) => {
          // An empty scope must match nothing, never everything.
          or.where('false');
          if (scope.programmeIds.length > 0)
            or.orWhere('m.programme_id = ANY(:scopeProgrammes)', {
              scopeProgrammes: scope.programmeIds,
            });
          if (scope.supplierIds.length > 0)
            or.orWhere('m.supplier_id = ANY(:scopeSuppliers)', {
              scopeSuppliers: scope.supplierIds,
            });
          if (scope.regionCodes.length > 0)
            or.orWhere('m.region_code = ANY(:scopeRegions)', { scopeRegions: scope.regionCodes });
        }),
      );
    if (query.programmeId) qb.andWhere('m.programme_id = :programmeId', query);
    if (query.networkId) qb.andWhere('m.network_id = :networkId', query);
    if (query.regionCode) qb.andWhere('m.region_code = :regionCode', query);
    if (query.financialYear) qb.andWhere('m.financial_year = :financialYear', query);
    if (query.from) qb.andWhere('m.held_on >= :from', query);
    if (query.to) qb.andWhere('m.held_on <= :to', query);
    return qb;
  }

  /** The latest meetings first; the cursor is the last row's (date, id). */
  page(
    scope: MeetingScope,
    query: MeetingQuery,
    limit: number,
    after?: [string, string],
  ): Promise<NetworkMeeting[]> {
    const qb = this.meetings(scope, query);
    if (after)
      qb.andWhere('(m.held_on, m.id) < (:afterDate, :afterId)', {
        afterDate: after[0],
        afterId: after[1],
      });
    return qb.orderBy('m.held_on', 'DESC').addOrderBy('m.id', 'DESC').limit(limit).getMany();
  }

  count(scope: MeetingScope, query: MeetingQuery): Promise<number> {
    return this.meetings(scope, query).getCount();
  }

  /** The LAs that attended each of these meetings, by name. */
  attendanceOf(
    meetingIds: readonly string[],
  ): Promise<Array<{ meetingId: string; localAuthorityId: string }>> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT a.meeting_id AS "meetingId", a.local_authority_id AS "localAuthorityId"
         FROM network_meeting_attendance a
         JOIN local_authority la ON la.id = a.local_authority_id
        WHERE a.meeting_id = ANY($1)
        ORDER BY la.name`,
      [meetingIds],
    );
  }

  /** LAs of each region that existed on any day of the period. */
  activeLocalAuthorities(
    from: IsoDate,
    to: IsoDate,
  ): Promise<Array<{ id: string; regionCode: string }>> {
    return this.dataSource.query(
      `SELECT id, region_code AS "regionCode" FROM local_authority
        WHERE (valid_from IS NULL OR valid_from <= $2) AND (valid_to IS NULL OR valid_to >= $1)`,
      [from, to],
    );
  }

  /** LAs that attended a network meeting of the programme in the year, by region. */
  attendedLocalAuthorities(
    programmeId: string,
    financialYear: string,
  ): Promise<Array<{ id: string; regionCode: string }>> {
    return this.dataSource.query(
      `SELECT DISTINCT a.local_authority_id AS id, m.region_code AS "regionCode"
         FROM network_meeting m JOIN network_meeting_attendance a ON a.meeting_id = m.id
        WHERE m.programme_id = $1 AND m.financial_year = $2`,
      [programmeId, financialYear],
    );
  }

  /**
   * One network per region for each programme buying Lead Member networks that lacks one; the
   * networks made. Running it again makes none.
   */
  insertMissingNetworks(
    manager: EntityManager,
    programmeId: string,
  ): Promise<Array<{ id: string; regionCode: string; name: string }>> {
    return manager.query(
      `INSERT INTO lead_member_network (programme_id, region_code, name)
       SELECT p.programme_id, r.code, r.name || ' Lead Member network'
         FROM programme_service_line p CROSS JOIN region r
        WHERE p.programme_id = $1 AND p.service_line = $2
       ON CONFLICT (programme_id, region_code) DO NOTHING
       RETURNING id, region_code AS "regionCode", name`,
      [programmeId, NETWORK_SERVICE_LINE],
    );
  }
}
