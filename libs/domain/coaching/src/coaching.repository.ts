import { Inject, Injectable } from '@nestjs/common';
import { Engagement } from '@la-tracker/domain/engagements';
import { ATTENDEE_ROLES, type AttendeeRole } from '@la-tracker/domain/programmes';
import { DataSource, type EntityManager } from 'typeorm';
import type { CoachingReach } from './coaching-access.rules';
import type { CoachingBalance } from './coaching.rules';

/** An engagement with what scoping needs: its LA's region and name, and its contract's supplier. */
export interface CoachingEngagement {
  engagement: Engagement;
  regionCode: string;
  supplierId: string | null;
  localAuthorityName: string;
}

/**
 * Coaching reads sessions by table: the sessions library builds on this one, and calls it to
 * check each coaching session it records against these balances.
 */
@Injectable()
export class CoachingRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** One engagement, locked until the transaction ends, as sessions recording on it lock it. */
  async lockEngagement(manager: EntityManager, id: string): Promise<CoachingEngagement | null> {
    const engagement = await manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
    if (!engagement) return null;
    const [reach] = await manager.query<
      Array<{ regionCode: string; supplierId: string | null; name: string }>
    >(
      `SELECT la.region_code AS "regionCode", la.name, c.supplier_id AS "supplierId"
         FROM local_authority la LEFT JOIN contract c ON c.id = $2
        WHERE la.id = $1`,
      [engagement.localAuthorityId, engagement.contractId],
    );
    return {
      engagement,
      regionCode: reach.regionCode,
      supplierId: reach.supplierId,
      localAuthorityName: reach.name,
    };
  }

  /** Each engagement's programme and supplier, for those that exist. */
  reachOf(ids: readonly string[]): Promise<Array<CoachingReach & { id: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT e.id, e.programme_id AS "programmeId", c.supplier_id AS "supplierId"
         FROM engagement e LEFT JOIN contract c ON c.id = e.contract_id
        WHERE e.id = ANY($1)`,
      [ids],
    );
  }

  /** Locks the allocations of these engagements until the transaction ends. */
  async lockAllocations(manager: EntityManager, engagementIds: readonly string[]): Promise<void> {
    await manager.query(
      `SELECT 1 FROM coaching_allocation WHERE engagement_id = ANY($1)
        ORDER BY engagement_id, role FOR UPDATE`,
      [engagementIds],
    );
  }

  /**
   * Every role of these engagements with an allocation, a variation or minutes used, in the
   * order of SPEC §5.5; one statement. A session drawn on counts once recorded (not while only
   * planned), returned ones included: they claim delivery until they are changed.
   */
  balances(
    engagementIds: readonly string[],
    options: { manager?: EntityManager; excludingSessionId?: string | null } = {},
  ): Promise<CoachingBalance[]> {
    if (engagementIds.length === 0) return Promise.resolve([]);
    return (options.manager ?? this.dataSource.manager).query(
      `WITH variation AS (
         SELECT engagement_id, role, sum(extra_minutes)::int AS minutes
           FROM coaching_variation WHERE engagement_id = ANY($1) GROUP BY 1, 2
       ), used AS (
         SELECT se.engagement_id, a.role, sum(s.duration_minutes * a.count)::int AS minutes
           FROM session_engagement se
           JOIN delivery_session s ON s.id = se.session_id
           JOIN engagement e ON e.id = se.engagement_id
           JOIN session_attendance a
             ON a.session_id = s.id AND a.local_authority_id = e.local_authority_id
          WHERE se.engagement_id = ANY($1) AND s.service_line = 'COACHING_MENTORING'
            AND s.status <> 'PLANNED' AND ($2::uuid IS NULL OR s.id <> $2::uuid)
          GROUP BY 1, 2
       )
       SELECT engagement_id AS "engagementId", role,
              coalesce(al.allocated_minutes, 0) AS "allocatedMinutes",
              coalesce(v.minutes, 0) AS "variationMinutes",
              coalesce(u.minutes, 0) AS "usedMinutes"
         FROM (SELECT engagement_id, role, allocated_minutes
                 FROM coaching_allocation WHERE engagement_id = ANY($1)) al
         FULL JOIN variation v USING (engagement_id, role)
         FULL JOIN used u USING (engagement_id, role)
        ORDER BY engagement_id, array_position($3::text[], role)`,
      [engagementIds, options.excludingSessionId ?? null, ATTENDEE_ROLES],
    );
  }

  /** Sets a role's allocation, creating it if it has none. */
  async upsertAllocation(
    manager: EntityManager,
    row: {
      engagementId: string;
      role: AttendeeRole;
      allocatedMinutes: number;
      userId: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO coaching_allocation (engagement_id, role, allocated_minutes, allocated_by_user_id)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (engagement_id, role)
       DO UPDATE SET allocated_minutes = EXCLUDED.allocated_minutes,
                     allocated_by_user_id = EXCLUDED.allocated_by_user_id, updated_at = now()`,
      [row.engagementId, row.role, row.allocatedMinutes, row.userId],
    );
  }

  /** Gives a role an allocation of nothing, if it has none, so a variation has a row to lock. */
  async ensureAllocation(
    manager: EntityManager,
    engagementId: string,
    role: AttendeeRole,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO coaching_allocation (engagement_id, role, allocated_minutes)
       VALUES ($1, $2, 0) ON CONFLICT (engagement_id, role) DO NOTHING`,
      [engagementId, role],
    );
  }

  async localAuthorityNameOf(manager: EntityManager, engagementId: string): Promise<string> {
    const [row] = await manager.query<Array<{ name: string }>>(
      `SELECT la.name FROM engagement e JOIN local_authority la ON la.id = e.local_authority_id
        WHERE e.id = $1`,
      [engagementId],
    );
    return row.name;
  }
}
