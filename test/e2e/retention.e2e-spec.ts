import { readEnvironment } from '@la-tracker/platform/config';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { CLI, run } from '../support/cli';

const ENDED = 'a9000000-0000-4000-8000-000000000001';
const RUNNING = 'a9000000-0000-4000-8000-000000000002';

describe('retention on the command line', () => {
  let database: TestDatabase;
  let env: Record<string, string | undefined>;

  async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  const participants = () =>
    sql<{ programme_id: string; name: string; email: string | null }>(
      `SELECT programme_id, name, email FROM participant ORDER BY programme_id, name`,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      ...readEnvironment(),
      DATABASE_URL: database.url,
      REDIS_URL: testEnvironment().redisUrl,
      LOG_LEVEL: 'warn',
      RETENTION_MONTHS_AFTER_PROGRAMME_END: '6',
    };
    // One programme ended 2023-03-31 (kept 6 months, to 2023-09-30), one running; a person on each.
    for (const [id, endsOn] of [
      [ENDED, '2023-03-31'],
      [RUNNING, '2030-03-31'],
    ]) {
      await sql(
        `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
         VALUES ($1, $3, 'Department for Education', '2021-04-01', $2, 1000000)`,
        [id, endsOn, `Programme ending ${endsOn}`],
      );
      await sql(
        `INSERT INTO programme_service_line (programme_id, service_line, name)
         VALUES ($1, 'COACHING_MENTORING', 'Coaching and mentoring')`,
        [id],
      );
      await sql(
        `WITH e AS (
           INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year,
                                   status, referral_reason, referred_on)
           SELECT $1, 'COACHING_MENTORING', la.id, '2022-23', 'REFERRED', 'New leader', '2022-06-01'
             FROM local_authority la WHERE la.gss_code = 'E08000028'
           RETURNING id, programme_id, local_authority_id)
         INSERT INTO participant (engagement_id, programme_id, local_authority_id, role, name, email)
         SELECT id, programme_id, local_authority_id, 'LEADER_OF_COUNCIL', 'Alex Morgan', 'alex@sandwell.example' FROM e`,
        [id],
      );
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('on a dry run prints what would be erased and changes nothing', async () => {
    const before = await participants();
    const result = await run(CLI, ['retention', '--dry-run', '--as-of', '2023-10-01'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Retention as of 2023-10-01 (dry run: nothing changed): participants are kept 6 month(s) after their programme ends',
    );
    expect(result.stdout).toContain(
      'Participants: 1 would be erased, of 1 programme(s) past their period.',
    );
    expect(result.stdout).toContain(`programme ${ENDED}: ended 2023-03-31, kept until 2023-09-30`);
    expect(await participants()).toEqual(before);
  });

  it('keeps everyone on the last day of the period', async () => {
    const result = await run(CLI, ['retention', '--as-of', '2023-09-30'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Participants: 0 were erased, of 0 programme(s)');
  });

  it('erases the ended programme’s participants the day after, once', async () => {
    const result = await run(CLI, ['retention', '--as-of', '2023-10-01'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Participants: 1 were erased, of 1 programme(s)');
    expect(await participants()).toEqual([
      { programme_id: ENDED, name: 'Erased participant', email: null },
      { programme_id: RUNNING, name: 'Alex Morgan', email: 'alex@sandwell.example' },
    ]);

    const again = await run(CLI, ['retention', '--as-of', '2023-10-01'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Participants: 0 were erased, of 1 programme(s)');
  });

  it.each([
    ['2999-01-01', '--as-of must not be after today in England; 2999-01-01 is.'],
    ['2025-02-30', '--as-of must be a date written YYYY-MM-DD'],
  ])('refuses --as-of %s', async (asOf, message) => {
    const before = await participants();
    const result = await run(CLI, ['retention', '--as-of', asOf], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(await participants()).toEqual(before);
  });
});
