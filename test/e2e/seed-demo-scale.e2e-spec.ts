import type { INestApplicationContext } from '@nestjs/common';
import { DashboardModule, DashboardService } from '@la-tracker/domain/dashboard';
import { entities } from '@la-tracker/migrations';
import { Role } from '@la-tracker/platform/auth';
import { readEnvironment } from '@la-tracker/platform/config';
import { QueueModule } from '@la-tracker/platform/queue';
import { StorageModule } from '@la-tracker/platform/storage';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { FixedClock } from '@la-tracker/platform/time';
import { Client } from 'pg';
import { CLI, run } from '../support/cli';

/** The programme's id, as the seeder derives it from its key (a name-based UUID). */
const PROGRAMME = '0fa77185-4813-5336-b972-4836f41b04bd';

const COUNTS = `SELECT
  (SELECT count(*)::int FROM programme WHERE name = 'Leadership support at national scale') AS programmes,
  (SELECT count(*)::int FROM supplier) AS suppliers,
  (SELECT count(*)::int FROM contract WHERE programme_id = '${PROGRAMME}') AS contracts,
  (SELECT count(*)::int FROM engagement WHERE programme_id = '${PROGRAMME}') AS engagements,
  (SELECT count(*)::int FROM delivery_session WHERE programme_id = '${PROGRAMME}') AS sessions,
  (SELECT count(*)::int FROM session_engagement) AS links,
  (SELECT count(*)::int FROM session_attendance) AS attendance,
  (SELECT count(*)::int FROM session_cost_share) AS shares,
  (SELECT count(*)::int FROM diagnostic WHERE programme_id = '${PROGRAMME}') AS diagnostics,
  (SELECT count(*)::int FROM coaching_allocation) AS allocations,
  (SELECT count(*)::int FROM lead_member_network WHERE programme_id = '${PROGRAMME}') AS networks,
  (SELECT count(*)::int FROM network_meeting WHERE programme_id = '${PROGRAMME}') AS meetings,
  (SELECT count(*)::int FROM monthly_return WHERE programme_id = '${PROGRAMME}') AS returns,
  (SELECT count(*)::int FROM service_line_target WHERE programme_id = '${PROGRAMME}') AS targets`;

/** Everything the sessions hold, as one digest: equal digests, equal rows. */
const SESSION_DIGEST = `SELECT md5(string_agg(s::text, '|' ORDER BY s.id)) AS sessions,
  (SELECT md5(string_agg(a::text, '|' ORDER BY a.session_id, a.local_authority_id, a.role)) FROM session_attendance a) AS attendance,
  (SELECT md5(string_agg(sh::text, '|' ORDER BY sh.session_id, sh.local_authority_id)) FROM session_cost_share sh) AS shares
  FROM delivery_session s`;

describe('npm run cli -- seed-demo --scale', () => {
  let database: TestDatabase;
  let client: Client;

  const seedAtScale = (target: TestDatabase, scale: string) =>
    run(CLI, ['seed-demo', '--scale', scale], {
      ...readEnvironment(),
      DATABASE_URL: target.url,
      REDIS_URL: testEnvironment().redisUrl,
      LOG_LEVEL: 'warn',
    });
  const one = async <T>(sql: string) => (await client.query(sql)).rows[0] as T;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    const made = await seedAtScale(database, '0.02');
    expect(made).toMatchObject({ code: 0, stdout: expect.stringContaining('Made in') });
    expect(made.stderr).toContain('sessions 2,000/2,000 (100%)');
  }, 300_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('makes the rows planned for 2025-26 at 2% of national scale', async () => {
    expect(await one(COUNTS)).toMatchObject({
      programmes: 1,
      // None before: the seed makes none.
      suppliers: 12,
      contracts: 12,
      // 153 LAs active in 2025-26 on 5 lines, 12 diagnostics and 15 coached LAs.
      engagements: 153 * 5 + 12 + 15,
      sessions: 2_000,
      diagnostics: 12,
      networks: 9,
      // Six meetings a year in each of 9 regions.
      meetings: 54,
      // 12 suppliers, April 2025 to February 2026.
      returns: 12 * 11,
      targets: 7,
    });
    const years = await client.query(
      `SELECT DISTINCT financial_year FROM delivery_session ORDER BY 1`,
    );
    expect(years.rows).toEqual([{ financial_year: '2025-26' }]);
  });

  it('holds every invariant the product keeps', async () => {
    const broken = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM delivery_session s
        WHERE s.status = 'APPROVED' AND s.cost_pence IS DISTINCT FROM
              (SELECT sum(amount_pence) FROM session_cost_share sh WHERE sh.session_id = s.id)) AS cost_not_shared,
      (SELECT count(*)::int FROM session_cost_share sh JOIN delivery_session s ON s.id = sh.session_id
        WHERE s.status <> 'APPROVED') AS shares_unapproved,
      (SELECT count(*)::int FROM delivery_session s
        WHERE NOT EXISTS (SELECT 1 FROM session_engagement se WHERE se.session_id = s.id)) AS unlinked,
      (SELECT count(*)::int FROM delivery_session s
        WHERE s.status <> 'PLANNED'
          AND NOT EXISTS (SELECT 1 FROM session_attendance a WHERE a.session_id = s.id)) AS delivered_unattended,
      (SELECT count(*)::int FROM session_engagement se
         JOIN delivery_session s ON s.id = se.session_id JOIN engagement e ON e.id = se.engagement_id
        WHERE e.financial_year <> s.financial_year OR e.service_line <> s.service_line
           OR e.contract_id <> s.contract_id OR e.status NOT IN ('IN_DELIVERY', 'COMPLETED')) AS mislinked,
      (SELECT count(*)::int FROM delivery_session s
        WHERE s.financial_year <> CASE WHEN extract(month FROM COALESCE(s.delivered_on, s.planned_on)) >= 4
              THEN extract(year FROM COALESCE(s.delivered_on, s.planned_on))::int
              ELSE extract(year FROM COALESCE(s.delivered_on, s.planned_on))::int - 1 END
              || '-' || lpad(((CASE WHEN extract(month FROM COALESCE(s.delivered_on, s.planned_on)) >= 4
              THEN extract(year FROM COALESCE(s.delivered_on, s.planned_on))::int
              ELSE extract(year FROM COALESCE(s.delivered_on, s.planned_on))::int - 1 END + 1) % 100)::text, 2, '0')) AS wrong_year,
      (SELECT count(*)::int FROM session_attendance a
        WHERE NOT EXISTS (SELECT 1 FROM session_engagement se JOIN engagement e ON e.id = se.engagement_id
                           WHERE se.session_id = a.session_id AND e.local_authority_id = a.local_authority_id)) AS stray_attendance,
      (SELECT count(*)::int FROM delivery_session s
        WHERE s.status <> 'APPROVED' AND COALESCE(s.delivered_on, s.planned_on) < '2026-01-30') AS old_open,
      (SELECT count(*)::int FROM session_engagement se JOIN delivery_session s ON s.id = se.session_id
        WHERE se.session_on <> COALESCE(s.delivered_on, s.planned_on)) AS link_day_wrong,
      (SELECT count(*)::int FROM (
         (SELECT programme_id, contract_id, supplier_id, service_line, financial_year, local_authority_id,
                 pence, charges FROM session_charge_total
          EXCEPT
          SELECT s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
                 sh.local_authority_id, sum(sh.amount_pence), count(*)::int
            FROM session_cost_share sh JOIN delivery_session s ON s.id = sh.session_id
           WHERE s.status = 'APPROVED' GROUP BY 1, 2, 3, 4, 5, 6)
         UNION ALL
         (SELECT s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
                 sh.local_authority_id, sum(sh.amount_pence), count(*)::int
            FROM session_cost_share sh JOIN delivery_session s ON s.id = sh.session_id
           WHERE s.status = 'APPROVED' GROUP BY 1, 2, 3, 4, 5, 6
          EXCEPT
          SELECT programme_id, contract_id, supplier_id, service_line, financial_year, local_authority_id,
                 pence, charges FROM session_charge_total)) differ) AS charge_totals_wrong,
      (SELECT count(*)::int FROM pg_trigger
        WHERE tgname IN ('session_engagement_day', 'session_cost_share_added') AND tgenabled = 'D') AS trigger_left_off`);
    expect(broken).toEqual({
      cost_not_shared: 0,
      shares_unapproved: 0,
      unlinked: 0,
      delivered_unattended: 0,
      mislinked: 0,
      wrong_year: 0,
      stray_attendance: 0,
      old_open: 0,
      link_day_wrong: 0,
      charge_totals_wrong: 0,
      trigger_left_off: 0,
    });
  });

  it('puts back the session tables’ foreign keys and indexes it set aside', async () => {
    const { rows } = await client.query<{ table: string; keys: number; indexes: number }>(
      `SELECT t AS table,
              (SELECT count(*)::int FROM pg_constraint WHERE contype = 'f' AND conrelid = t::regclass) AS keys,
              (SELECT count(*)::int FROM pg_index WHERE indrelid = t::regclass) AS indexes
         FROM unnest(ARRAY['delivery_session', 'session_engagement', 'session_attendance', 'session_cost_share']) t
        ORDER BY 1`,
    );
    expect(rows).toEqual([
      { table: 'delivery_session', keys: 3, indexes: 5 },
      { table: 'session_attendance', keys: 2, indexes: 1 },
      { table: 'session_cost_share', keys: 2, indexes: 2 },
      { table: 'session_engagement', keys: 2, indexes: 2 },
    ]);
  });

  it('changes nothing when run again, and says so', async () => {
    const before = [await one(COUNTS), await one(SESSION_DIGEST)];
    const again = await seedAtScale(database, '0.02');
    expect(again).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        `"Leadership support at national scale" is already there (id ${PROGRAMME}, 2000 sessions); nothing changed.`,
      ),
    });
    expect([await one(COUNTS), await one(SESSION_DIGEST)]).toEqual(before);
  }, 120_000);

  it('makes the same rows, ids included, on another database', async () => {
    const other = await createTestDatabase();
    try {
      expect((await seedAtScale(other, '0.02')).code).toBe(0);
      const reader = new Client({ connectionString: other.url });
      await reader.connect();
      try {
        expect((await reader.query(SESSION_DIGEST)).rows[0]).toEqual(await one(SESSION_DIGEST));
      } finally {
        await reader.end();
      }
    } finally {
      await other.drop();
    }
  }, 300_000);

  it('refuses a scale that is not a positive number, and writes nothing', async () => {
    const other = await createTestDatabase();
    try {
      const refused = await seedAtScale(other, '-3');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--scale must be a positive number');
      const reader = new Client({ connectionString: other.url });
      await reader.connect();
      try {
        const { rows } = await reader.query(`SELECT count(*)::int AS n FROM delivery_session`);
        expect(rows).toEqual([{ n: 0 }]);
      } finally {
        await reader.end();
      }
    } finally {
      await other.drop();
    }
  }, 120_000);

  describe('read by the product', () => {
    let app: INestApplicationContext;

    beforeAll(async () => {
      const config = testConfig({
        databaseUrl: database.url,
        redisUrl: testEnvironment().redisUrl,
      });
      app = await createDomainTestContext({
        config,
        entities,
        imports: [QueueModule.forRoot(config), StorageModule.forRoot(config), DashboardModule],
        clock: new FixedClock(new Date('2026-04-15T12:00:00Z')),
      });
    }, 60_000);

    afterAll(() => app?.close());

    it('counts on the dashboard the approved sessions and spend that SQL counts', async () => {
      const dashboard = await app
        .get(DashboardService)
        .dashboard(callerWith([grant(Role.ADMIN)]), PROGRAMME, '2025-26');
      const sql = await one<{ approved: number; political: string }>(
        `SELECT count(*) FILTER (WHERE status = 'APPROVED')::int AS approved,
                sum(cost_pence) FILTER (WHERE service_line = 'POLITICAL_LEADERSHIP')::text AS political
           FROM delivery_session WHERE programme_id = '${PROGRAMME}' AND financial_year = '2025-26'`,
      );
      expect(dashboard.programmeName).toBe('Leadership support at national scale');
      expect(dashboard.serviceLines.reduce((sum, line) => sum + line.sessionsApproved, 0)).toBe(
        sql.approved,
      );
      expect(sql.approved).toBeGreaterThan(1_000);
      const political = dashboard.serviceLines.find(
        (l) => l.serviceLine === 'POLITICAL_LEADERSHIP',
      )!;
      expect(political.spentPence).toBe(Number(sql.political));
      expect(dashboard.regions.every((region) => region.reachedLocalAuthorities > 0)).toBe(true);
    });
  });
});
