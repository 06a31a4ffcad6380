import { randomBytes } from 'node:crypto';
import { readEnvironment } from '@la-tracker/platform/config';
import {
  createTestDatabase,
  eventually,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../support/api';
import { CLI, run } from '../support/cli';
import { buildGoldenScenario, type GoldenScenario } from '../support/golden-scenario';
import { tokenFor } from '../support/tokens';
import { startWorker, type RunningWorker } from '../support/worker';

const NOTIFICATIONS = `query ($filter: NotificationFilter) {
  notifications(first: 10, filter: $filter) {
    totalCount edges { node { kind subjectId recipientType recipient dueOn summary status attempts } } } }`;

// The reference year, scanned as of 29 December 2022 from the command line; a worker of its own
// sends what is due to the development outbox, and the api reads it back to each role.
describe('reminders, from the scan to the outbox', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let scenario: GoldenScenario;
  let env: Record<string, string | undefined>;
  let admin: Record<string, string>;

  const notifications = async (headers: Record<string, string>, filter = {}) => {
    const response = await api.graphql(NOTIFICATIONS, { filter }, headers);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.notifications as {
      totalCount: number;
      edges: Array<{ node: Record<string, unknown> }>;
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      ...readEnvironment(),
      DATABASE_URL: database.url,
      REDIS_URL: testEnvironment().redisUrl,
      QUEUE_PREFIX: `la-tracker-e2e-${randomBytes(6).toString('hex')}`,
      OUTBOX_SWEEP_INTERVAL_MS: '200',
      LOG_LEVEL: 'warn',
    };
    // The worker's queues: the api queues the notices of the sessions the scenario submits.
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { QUEUE_PREFIX: env.QUEUE_PREFIX ?? '' },
    );
    scenario = await buildGoldenScenario(api, database.url);
    admin = { authorization: `Bearer ${await tokenFor(database.url, 'ADMIN')}` };
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('finds S7 overdue on 29 December 2022 and tells its supplier once, however often it runs', async () => {
    const scanned = await run(CLI, ['run-reminders', '--as-of', '2022-12-29'], env);
    expect(scanned).toMatchObject({ code: 0, stderr: '' });
    expect(scanned.stdout).toMatch(/^Reminders as of 2022-12-29: \d+ due, \d+ new and queued/m);

    worker = await startWorker(env);
    const overdue = { kind: 'SESSION_REPORT_OVERDUE', subjectId: scenario.session.S7 };
    await eventually(
      async () => {
        const { edges } = await notifications(admin, overdue);
        return edges.length === 1 && edges[0].node.status === 'SENT';
      },
      { timeoutMs: 20_000, what: 'the overdue reminder to be sent' },
    );

    // North Star's one contact, named on the supplier at its creation.
    expect((await notifications(scenario.auth.northStar, overdue)).edges).toEqual([
      {
        node: {
          kind: 'SESSION_REPORT_OVERDUE',
          subjectId: scenario.session.S7,
          recipientType: 'SUPPLIER_CONTACT',
          recipient: 'ops@northstar.example',
          dueOn: '2022-12-28',
          summary:
            'The report of the session of 19 December 2022 for Leeds was due by 28 December 2022 and has not been submitted.',
          status: 'SENT',
          attempts: 1,
        },
      },
    ]);
    // Another supplier sees none of it.
    expect((await notifications(scenario.auth.elsewhere, overdue)).totalCount).toBe(0);
    expect((await notifications(scenario.auth.elsewhere)).totalCount).toBe(0);

    const again = await run(CLI, ['run-reminders', '--as-of', '2022-12-29'], env);
    expect(again.stdout).toMatch(/: \d+ due, 0 new\.$/m);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT m.email_address FROM development_outbox_message m
           JOIN notification n ON n.id::text = m.reference
          WHERE n.subject_id = $1`,
        [scenario.session.S7],
      );
      expect(rows).toEqual([{ email_address: 'ops@northstar.example' }]);
    } finally {
      await client.end();
    }

    const listed = await run(CLI, ['notifications', '--limit', '5'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/SENT +SESSION_REPORT_OVERDUE +to ops@northstar\.example/);
  }, 60_000);

  it("tells the programme's manager of each session submitted in the reference year, through the outbox", async () => {
    worker ??= await startWorker(env);
    const awaiting = { kind: 'SESSION_AWAITING_SIGN_OFF' };
    const submitted = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((s) => scenario.session[s]);
    await eventually(
      async () => {
        const { totalCount, edges } = await notifications(admin, awaiting);
        return totalCount === submitted.length && edges.every((e) => e.node.status === 'SENT');
      },
      { timeoutMs: 20_000, what: 'the sign-off notices to be sent' },
    );

    // The one manager of the programme, once per session; its supplier sees none of them.
    const seen = await notifications(scenario.auth.manager, awaiting);
    expect(seen.edges.map((e) => e.node.subjectId).sort()).toEqual([...submitted].sort());
    expect(new Set(seen.edges.map((e) => e.node.recipientType))).toEqual(
      new Set(['PROGRAMME_MANAGER']),
    );
    expect(seen.edges.find((e) => e.node.subjectId === scenario.session.S1)?.node).toMatchObject({
      status: 'SENT',
      attempts: 1,
      summary: expect.stringMatching(
        /^The session of 14 June 2022 for Hartlepool, Middlesbrough, Redcar and Cleveland was submitted on \d{1,2} [A-Z][a-z]+ 20\d\d and awaits your sign-off\.$/,
      ),
    });
    expect((await notifications(scenario.auth.northStar, awaiting)).totalCount).toBe(0);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{
        subject_id: string;
        template: string;
        to_manager: boolean;
      }>(
        `SELECT n.subject_id, m.template, m.email_address = u.email AS to_manager
           FROM development_outbox_message m
           JOIN notification n ON n.id::text = m.reference
           JOIN app_user u ON u.id = n.recipient_id
          WHERE n.kind = 'SESSION_AWAITING_SIGN_OFF'`,
      );
      expect(rows.map((row) => row.subject_id).sort()).toEqual([...submitted].sort());
      expect(
        rows.every((row) => row.template === 'SESSION_AWAITING_SIGN_OFF' && row.to_manager),
      ).toBe(true);
    } finally {
      await client.end();
    }
  }, 60_000);

  it('refuses a day that is not one, and a day not yet come', async () => {
    const refused = await run(CLI, ['run-reminders', '--as-of', '2025-02-30'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--as-of must be a date written YYYY-MM-DD/);
    const early = await run(CLI, ['run-reminders', '--as-of', '2999-01-01'], env);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/--as-of must not be after today in England/);
  });
});
