import { Inject, Injectable } from '@nestjs/common';
import { Engagement, type EngagementScope } from '@la-tracker/domain/engagements';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import type { IsoDate } from '@la-tracker/platform/time';
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  DeliverySession,
  SessionAttendance,
  SessionCostShare,
  SessionEngagement,
} from './delivery-session.entity';
import { ATTENDEE_ROLES, type AttendeeRole, type SessionStatus } from './session.rules';

export interface SessionQuery {
  programmeId?: string;
  serviceLine?: ServiceLine;
  statuses?: readonly SessionStatus[];
  regionCode?: string;
  localAuthorityId?: string;
  supplierId?: string;
  financialYear?: string;
  engagementId?: string;
  from?: IsoDate;
  to?: IsoDate;
}

/** A session with the regions of its engagements' LAs, which advisers' scope turns on. */
export interface ScopedSession {
  session: DeliverySession;
  regionCodes: string[];
}

/** An engagement with what scoping needs: its LA's region and its contract's supplier. */
export interface ScopedEngagement {
  engagement: Engagement;
  regionCode: string;
  supplierId: string | null;
}

/** A row of a session's attendance or cost shares, with what scoping needs of it. */
export interface SessionLocalAuthorityRow {
  sessionId: string;
  programmeId: string;
  supplierId: string;
  localAuthorityId: string;
  regionCode: string;
}

export type AttendanceRow = SessionLocalAuthorityRow & { role: AttendeeRole; count: number };
export type CostShareRow = SessionLocalAuthorityRow & { amountPence: number };

/** An LA's codes: current ONS, DfE and any earlier ONS codes. */
export interface LocalAuthorityCodes {
  id: string;
  codes: string[];
}

/** The day a session is held on: delivered, else planned. */
const SESSION_DATE = 'COALESCE(s.delivered_on, s.planned_on)';

/** Whether one of the session's engagements is of an LA meeting the condition. */
const ANY_LOCAL_AUTHORITY = (condition: string) =>
  `EXISTS (SELECT 1 FROM session_engagement se
             JOIN engagement e ON e.id = se.engagement_id
             JOIN local_authority la ON la.id = e.local_authority_id
            WHERE se.session_id = s.id AND ${condition})`;

/**
 * Whether the caller may see a session's LA (`la`, in ANY_LOCAL_AUTHORITY): every one of a session
 * in their programmes or of their supplier, and those of their regions. Uses the parameters the
 * scope condition sets.
 */
function visibleLocalAuthority(scope: EngagementScope): string {
  if (scope.all) return 'true';
  const conditions = ['false'];
  if (scope.programmeIds.length > 0) conditions.push('s.programme_id IN (:...scopeProgrammes)');
  if (scope.supplierIds.length > 0) conditions.push('s.supplier_id IN (:...scopeSuppliers)');
  if (scope.regionCodes.length > 0) conditions.push('la.region_code IN (:...scopeRegions)');
  return `(${conditions.join(' OR ')})`;
}

@Injectable()
export class SessionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private filtered(
    scope: EngagementScope,
    query: SessionQuery,
  ): SelectQueryBuilder<DeliverySession> {
    const qb = this.dataSource.getRepository(DeliverySession).createQueryBuilder('s');
    if (!scope.all) {
      qb.andWhere(
        new Brackets((or) => {
          // An empty scope must match nothing, never everything.
          or.where('false');
          if (scope.programmeIds.length > 0)
            or.orWhere('s.programme_id IN (:...scopeProgrammes)', {
              scopeProgrammes: scope.programmeIds,
            });
          if (scope.supplierIds.length > 0)
            or.orWhere('s.supplier_id IN (:...scopeSuppliers)', {
              scopeSuppliers: scope.supplierIds,
            });
          if (scope.regionCodes.length > 0)
            or.orWhere(ANY_LOCAL_AUTHORITY('la.region_code IN (:...scopeRegions)'), {
              scopeRegions: scope.regionCodes,
            });
        }),
      );
    }
    if (query.programmeId) qb.andWhere('s.programme_id = :programmeId', query);
    if (query.serviceLine) qb.andWhere('s.service_line = :serviceLine', query);
    if (query.statuses && query.statuses.length > 0)
      qb.andWhere('s.status IN (:...statuses)', { statuses: query.statuses });
    if (query.supplierId) qb.andWhere('s.supplier_id = :supplierId', query);
    if (query.financialYear) qb.andWhere('s.financial_year = :financialYear', query);
    // A cohort may take in LAs the caller may not see (an adviser's other regions): a filter by
    // LA, region or engagement matches only through those they may, or it would tell them which
    // LAs attended.
    const seen = visibleLocalAuthority(scope);
    if (query.regionCode)
      qb.andWhere(ANY_LOCAL_AUTHORITY(`la.region_code = :regionCode AND ${seen}`), query);
    if (query.localAuthorityId)
      qb.andWhere(
        ANY_LOCAL_AUTHORITY(`e.local_authority_id = :localAuthorityId AND ${seen}`),
        query,
      );
    if (query.engagementId)
      qb.andWhere(ANY_LOCAL_AUTHORITY(`e.id = :engagementId AND ${seen}`), query);
    if (query.from) qb.andWhere(`${SESSION_DATE} >= :from`, query);
    if (query.to) qb.andWhere(`${SESSION_DATE} <= :to`, query);
    return qb;
  }

  /** The latest sessions first; the cursor is the last row's (date, id). */
  page(
    scope: EngagementScope,
    query: SessionQuery,
    limit: number,
    after?: [string, string],
  ): Promise<DeliverySession[]> {
    const qb = this.filtered(scope, query);
    if (after)
      qb.andWhere(`(${SESSION_DATE}, s.id) < (:afterDate, :afterId)`, {
        afterDate: after[0],
        afterId: after[1],
      });
    return qb.orderBy(SESSION_DATE, 'DESC').addOrderBy('s.id', 'DESC').limit(limit).getMany();
  }

  count(scope: EngagementScope, query: SessionQuery): Promise<number> {
    return this.filtered(scope, query).getCount();
  }

  /** The sessions with these ids that the scope reaches, the latest first. */
  findInScope(scope: EngagementScope, ids: readonly string[]): Promise<DeliverySession[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.filtered(scope, {})
      .andWhere('s.id = ANY(:ids)', { ids })
      .orderBy(SESSION_DATE, 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getMany();
  }

  /**
   * The sessions covering each engagement that the scope reaches, the latest first, at most
   * `first` of each (all without it): one statement however many engagements ask, reading each
   * engagement's links newest first from the `session_engagement_latest` index and stopping at
   * `first`, rather than sorting all its sessions.
   */
  async latestOfEngagements(
    scope: EngagementScope,
    engagementIds: readonly string[],
    first?: number,
  ): Promise<Array<{ engagementId: string; sessionId: string }>> {
    if (engagementIds.length === 0) return [];
    const ofOne = this.filtered(scope, {})
      .innerJoin(SessionEngagement, 'link', 'link.session_id = s.id')
      .andWhere('link.engagement_id = asked.engagement_id')
      .select('s.id', 'session_id')
      .addSelect('link.session_on', 'session_on')
      .orderBy('link.session_on', 'DESC')
      .addOrderBy('link.session_id', 'DESC');
    const [sql, parameters] = ofOne.getQueryAndParameters() as [string, unknown[]];
    const ids = `$${parameters.length + 1}::uuid[]`;
    const limit = `$${parameters.length + 2}::int`;
    return this.dataSource.query(
      `SELECT asked.engagement_id AS "engagementId", latest.session_id AS "sessionId"
         FROM unnest(${ids}) WITH ORDINALITY AS asked(engagement_id, position)
        CROSS JOIN LATERAL (${sql} LIMIT ${limit}) latest
        ORDER BY asked.position, latest.session_on DESC, latest.session_id DESC`,
      [...parameters, engagementIds, first ?? null],
    );
  }

  /** Which sessions cover which engagements, by either side. */
  links(
    by: 'sessionId' | 'engagementId',
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionEngagement[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(SessionEngagement)
      .find({ where: { [by]: In([...ids]) }, order: { sessionId: 'ASC', engagementId: 'ASC' } });
  }

  /** One session, locked until the transaction ends, with its LAs' regions. */
  async lock(manager: EntityManager, id: string): Promise<ScopedSession | null> {
    const session = await manager
      .getRepository(DeliverySession)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
    if (!session) return null;
    const rows = await manager.query<Array<{ regionCode: string }>>(
      `SELECT DISTINCT la.region_code AS "regionCode"
         FROM session_engagement se
         JOIN engagement e ON e.id = se.engagement_id
         JOIN local_authority la ON la.id = e.local_authority_id
        WHERE se.session_id = $1`,
      [id],
    );
    return { session, regionCodes: rows.map((row) => row.regionCode) };
  }

  /** Who signs a submitted session off (its programme's managers) and the LAs it covers. */
  async signOffParties(
    manager: EntityManager,
    session: { id: string; programmeId: string },
  ): Promise<{ managerUserIds: string[]; localAuthorityNames: string[] }> {
    const [managers, las] = await Promise.all([
      manager.query<Array<{ userId: string }>>(
        `SELECT DISTINCT user_id AS "userId" FROM role_assignment
          WHERE role = 'PROGRAMME_MANAGER' AND programme_id = $1`,
        [session.programmeId],
      ),
      manager.query<Array<{ name: string }>>(
        `SELECT DISTINCT la.name
           FROM session_engagement se
           JOIN engagement e ON e.id = se.engagement_id
           JOIN local_authority la ON la.id = e.local_authority_id
          WHERE se.session_id = $1`,
        [session.id],
      ),
    ]);
    return {
      managerUserIds: managers.map((row) => row.userId),
      localAuthorityNames: las.map((row) => row.name),
    };
  }

  /**
   * Engagements, locked until the transaction ends (in id order, so two sessions over the same
   * cohort wait for each other rather than deadlock), with their regions and suppliers.
   */
  async lockEngagements(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<ScopedEngagement[]> {
    if (ids.length === 0) return [];
    const engagements = await manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id IN (:...ids)', { ids })
      .orderBy('e.id')
      .getMany();
    const reach = await manager.query<
      Array<{ id: string; regionCode: string; supplierId: string | null }>
    >(
      `SELECT e.id, la.region_code AS "regionCode", c.supplier_id AS "supplierId"
         FROM engagement e
         JOIN local_authority la ON la.id = e.local_authority_id
         LEFT JOIN contract c ON c.id = e.contract_id
        WHERE e.id = ANY($1)`,
      [ids],
    );
    return engagements.map((engagement) => {
      const { regionCode, supplierId } = reach.find((row) => row.id === engagement.id)!;
      return { engagement, regionCode, supplierId };
    });
  }

  /** The codes each LA answers to, to match attendance given by code. */
  localAuthorityCodes(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<LocalAuthorityCodes[]> {
    return manager.query(
      `SELECT la.id, ARRAY[la.gss_code, la.dfe_code]::text[]
                      || COALESCE(array_agg(ec.gss_code::text) FILTER (WHERE ec.gss_code IS NOT NULL), '{}') AS codes
         FROM local_authority la
         LEFT JOIN local_authority_earlier_code ec ON ec.local_authority_id = la.id
        WHERE la.id = ANY($1)
        GROUP BY la.id`,
      [ids],
    );
  }

  /** The attendance of these sessions, by LA name and then role in the order of SPEC §5.5. */
  attendanceOf(
    sessionIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AttendanceRow[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT a.session_id AS "sessionId", s.programme_id AS "programmeId", s.supplier_id AS "supplierId",
              a.local_authority_id AS "localAuthorityId", la.region_code AS "regionCode", a.role, a.count
         FROM session_attendance a
         JOIN delivery_session s ON s.id = a.session_id
         JOIN local_authority la ON la.id = a.local_authority_id
        WHERE a.session_id = ANY($1)
        ORDER BY la.name, array_position($2::text[], a.role)`,
      [sessionIds, ATTENDEE_ROLES],
    );
  }

  /** The cost shares of these sessions, by LA name. */
  async costSharesOf(sessionIds: readonly string[]): Promise<CostShareRow[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.dataSource.query<Array<CostShareRow & { amountPence: string }>>(
      `SELECT c.session_id AS "sessionId", s.programme_id AS "programmeId", s.supplier_id AS "supplierId",
              c.local_authority_id AS "localAuthorityId", la.region_code AS "regionCode",
              c.amount_pence AS "amountPence"
         FROM session_cost_share c
         JOIN delivery_session s ON s.id = c.session_id
         JOIN local_authority la ON la.id = c.local_authority_id
        WHERE c.session_id = ANY($1)
        ORDER BY la.name`,
      [sessionIds],
    );
    return rows.map((row) => ({ ...row, amountPence: Number(row.amountPence) }));
  }

  /** Sets which engagements a session covers. */
  async replaceLinks(
    manager: EntityManager,
    sessionId: string,
    engagementIds: readonly string[],
  ): Promise<void> {
    const links = manager.getRepository(SessionEngagement);
    await links.delete({ sessionId });
    await links.insert(engagementIds.map((engagementId) => ({ sessionId, engagementId })));
  }

  /** Sets a session's attendance. */
  async replaceAttendance(
    manager: EntityManager,
    sessionId: string,
    lines: ReadonlyArray<{ localAuthorityId: string; role: AttendeeRole; count: number }>,
  ): Promise<void> {
    const attendance = manager.getRepository(SessionAttendance);
    await attendance.delete({ sessionId });
    if (lines.length > 0) await attendance.insert(lines.map((line) => ({ ...line, sessionId })));
  }

  async insertCostShares(
    manager: EntityManager,
    sessionId: string,
    shares: ReadonlyArray<{ localAuthorityId: string; amountPence: number }>,
  ): Promise<void> {
    if (shares.length > 0)
      await manager
        .getRepository(SessionCostShare)
        .insert(shares.map((share) => ({ ...share, sessionId })));
  }
}
