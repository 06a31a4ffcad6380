import { createHash } from 'node:crypto';
import { readEnvironment } from '@la-tracker/platform/config';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { CLI, run } from '../support/cli';

/** The records the demo makes, by the fields that identify them and the figures they carry. */
const KEY_FIELDS = {
  suppliers: `SELECT s.name, array_agg(c.email ORDER BY c.email) AS contacts
                FROM supplier s JOIN supplier_contact c ON c.supplier_id = s.id
               GROUP BY s.name ORDER BY s.name`,
  contracts: `SELECT c.reference, s.name AS supplier, l.number AS lot, c.value_pence, c.starts_on, c.ends_on,
                     r.service_line, r.unit, r.amount_pence
                FROM contract c JOIN supplier s ON s.id = c.supplier_id JOIN lot l ON l.id = c.lot_id
                JOIN contract_rate r ON r.contract_id = c.id
               ORDER BY c.reference`,
  engagements: `SELECT la.gss_code, e.service_line, e.financial_year, e.status, e.referred_on, e.decided_on,
                       e.override_reason, e.decline_reason, e.withdrawn_on, e.started_on, c.reference AS contract
                  FROM engagement e JOIN local_authority la ON la.id = e.local_authority_id
                  LEFT JOIN contract c ON c.id = e.contract_id
                 ORDER BY la.gss_code, e.service_line`,
  sessions: `SELECT s.topic, s.status, s.planned_on, s.delivered_on, s.financial_year, s.duration_minutes,
                    s.format, s.cost_pence, s.rate_unit, s.return_reason, s.submitted_at, s.approved_at,
                    s.returned_at, c.reference AS contract,
                    (SELECT array_agg(la.gss_code ORDER BY la.gss_code) FROM session_engagement se
                       JOIN engagement e ON e.id = se.engagement_id
                       JOIN local_authority la ON la.id = e.local_authority_id
                      WHERE se.session_id = s.id) AS las,
                    (SELECT array_agg(la.gss_code || ' ' || a.role || ' ' || a.count ORDER BY la.gss_code, a.role)
                       FROM session_attendance a JOIN local_authority la ON la.id = a.local_authority_id
                      WHERE a.session_id = s.id) AS attendance,
                    (SELECT array_agg(la.gss_code || ' ' || sh.amount_pence ORDER BY la.gss_code)
                       FROM session_cost_share sh JOIN local_authority la ON la.id = sh.local_authority_id
                      WHERE sh.session_id = s.id) AS shares
               FROM delivery_session s JOIN contract c ON c.id = s.contract_id
              ORDER BY s.topic`,
  participants: `SELECT la.gss_code, p.name, p.email, p.role FROM participant p
                   JOIN local_authority la ON la.id = p.local_authority_id ORDER BY p.email`,
  monthlyReturns: `SELECT s.name AS supplier, r.month, r.status, r.sessions_delivered, r.participants,
                          r.spend_pence, r.return_reason, r.first_submitted_at, r.decided_at
                     FROM monthly_return r JOIN supplier s ON s.id = r.supplier_id
                    ORDER BY s.name, r.month`,
};

const COUNTS = `SELECT (SELECT count(*) FROM supplier) AS suppliers, (SELECT count(*) FROM contract) AS contracts,
  (SELECT count(*) FROM engagement) AS engagements, (SELECT count(*) FROM delivery_session) AS sessions,
  (SELECT count(*) FROM session_attendance) AS attendance, (SELECT count(*) FROM participant) AS participants,
  (SELECT count(*) FROM monthly_return) AS returns, (SELECT count(*) FROM audit_event) AS audit`;

describe('npm run cli -- seed-demo', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let client: Client;

  const seedDemo = (database: TestDatabase) =>
    run(CLI, ['seed-demo'], {
      ...readEnvironment(),
      DATABASE_URL: database.url,
      REDIS_URL: testEnvironment().redisUrl,
      LOG_LEVEL: 'warn',
    });

  async function keyFields(database: TestDatabase): Promise<Record<string, unknown[]>> {
    const reader = new Client({ connectionString: database.url });
    await reader.connect();
    try {
      const result: Record<string, unknown[]> = {};
      for (const [name, sql] of Object.entries(KEY_FIELDS))
        result[name] = (await reader.query(sql)).rows;
      return result;
    } finally {
      await reader.end();
    }
  }

  const digest = (fields: Record<string, unknown[]>) =>
    createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  const counts = async () => (await client.query(COUNTS)).rows[0] as Record<string, string>;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    client = new Client({ connectionString: first.url });
    await client.connect();
    const made = await seedDemo(first);
    expect(made.stderr).toBe('');
    expect(made).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /Demo data: suppliers 4, contracts 6, engagements \d+, coachingAllocations 5, sessions \d+/,
      ),
    });
  }, 300_000);

  afterAll(async () => {
    await client?.end();
    await first?.drop();
    await second?.drop();
  });

  it('changes nothing when run again, and says so', async () => {
    const before = await counts();
    const fields = await keyFields(first);
    const again = await seedDemo(first);
    expect(again).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Demo data: already in place; nothing changed.'),
    });
    expect(await counts()).toEqual(before);
    expect(await keyFields(first)).toEqual(fields);
  }, 300_000);

  it('makes the same records on a second fresh database', async () => {
    expect((await seedDemo(second)).code).toBe(0);
    const [a, b] = [await keyFields(first), await keyFields(second)];
    expect(b).toEqual(a);
    expect(digest(b)).toBe(digest(a));
  }, 300_000);

  it('holds a year of 2023-24 in every state, nothing after its last day', async () => {
    const { rows } = await client.query<{ status: string; count: string; last: string }>(
      `SELECT status, count(*), max(COALESCE(delivered_on, planned_on))::text AS last
         FROM delivery_session GROUP BY status ORDER BY status`,
    );
    expect(rows.map((row) => row.status)).toEqual([
      'APPROVED',
      'DRAFT',
      'PLANNED',
      'RETURNED',
      'SUBMITTED',
    ]);
    expect(rows.every((row) => row.last <= '2024-03-28')).toBe(true);
    const years = await client.query(`SELECT DISTINCT financial_year FROM delivery_session`);
    expect(years.rows).toEqual([{ financial_year: '2023-24' }]);
    const engagements = await client.query(
      `SELECT DISTINCT status FROM engagement ORDER BY status`,
    );
    expect(engagements.rows.map((row: { status: string }) => row.status)).toEqual([
      'APPROVED',
      'DECLINED',
      'IN_DELIVERY',
      'REFERRED',
      'WITHDRAWN',
    ]);
    const returns = await client.query(
      `SELECT DISTINCT status FROM monthly_return ORDER BY status`,
    );
    expect(returns.rows.map((row: { status: string }) => row.status)).toEqual([
      'ACCEPTED',
      'RETURNED',
      'SUBMITTED',
    ]);
  });

  it('costs every approved session by the product, shared to the penny among its LAs', async () => {
    const { rows } = await client.query<{
      topic: string;
      unit: string;
      rate: string;
      minutes: number;
      headcount: string;
      cost: string | null;
      shared: string | null;
    }>(
      `SELECT s.topic, s.rate_unit AS unit, s.rate_amount_pence AS rate, s.duration_minutes AS minutes,
              (SELECT sum(count) FROM session_attendance a WHERE a.session_id = s.id) AS headcount,
              s.cost_pence AS cost,
              (SELECT sum(amount_pence) FROM session_cost_share sh WHERE sh.session_id = s.id) AS shared
         FROM delivery_session s WHERE s.status = 'APPROVED'`,
    );
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      expect(row.cost).not.toBeNull();
      expect(row.shared).toBe(row.cost);
    }
    // The rates of the plan, worked by hand: £1,250 and £1,600 a session, £95 and £110 an hour,
    // £42.50 a head, nothing by session for a diagnostic.
    const expected = (row: (typeof rows)[number]) => {
      switch (row.unit) {
        case 'PER_SESSION':
          return Number(row.rate);
        case 'PER_HOUR':
          return Math.round((Number(row.rate) * row.minutes) / 60);
        case 'PER_PARTICIPANT':
          return Number(row.rate) * Number(row.headcount);
        default:
          return 0;
      }
    };
    expect(new Set(rows.map((row) => `${row.unit} ${row.rate}`))).toEqual(
      new Set([
        'PER_SESSION 125000',
        'PER_SESSION 160000',
        'PER_HOUR 9500',
        'PER_HOUR 11000',
        'PER_PARTICIPANT 4250',
        'PER_DIAGNOSTIC 1850000',
      ]),
    );
    expect(rows.filter((row) => Number(row.cost) !== expected(row))).toEqual([]);
  });

  it('gives coaching only to eligible LAs, or with an override reason, and records the coached leaders', async () => {
    const { rows } = await client.query(
      `SELECT (e.eligibility->>'eligible')::boolean AS eligible, e.override_reason
         FROM engagement e WHERE e.service_line = 'COACHING_MENTORING' AND e.status <> 'REFERRED'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every(
        (row: { eligible: boolean; override_reason: string | null }) =>
          row.eligible || row.override_reason !== null,
      ),
    ).toBe(true);
    const participants = await client.query(`SELECT count(*) FROM participant`);
    expect(Number(participants.rows[0].count)).toBe(rows.length);
  });
});
