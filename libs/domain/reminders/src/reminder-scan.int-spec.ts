import type { INestApplicationContext } from '@nestjs/common';
import { OutboxJob, QueueModule } from '@la-tracker/platform/queue';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { notificationEntities } from '@la-tracker/domain/notifications';
import { ReminderScanModule } from './reminder-scan.module';
import { ReminderScanService } from './reminder-scan.service';

const PROGRAMME = 'a4000000-0000-4000-8000-000000000001';
const LOT = 'c4000000-0000-4000-8000-000000000001';
const SUPPLIER = 'b4000000-0000-4000-8000-000000000001';
const CONTRACT = 'd4000000-0000-4000-8000-000000000001';
const CONTACTS = ['f4000000-0000-4000-8000-000000000001', 'f4000000-0000-4000-8000-000000000002'];
const MANAGERS = ['e4000000-0000-4000-8000-000000000001', 'e4000000-0000-4000-8000-000000000002'];
const LEEDS_ENGAGEMENT = '14000000-0000-4000-8000-000000000001';
const HARTLEPOOL_ENGAGEMENT = '14000000-0000-4000-8000-000000000002';
const S7 = '24000000-0000-4000-8000-000000000007';
const SANDWELL_VISIT = '34000000-0000-4000-8000-000000000001';

describe('ReminderScanService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let sut: ReminderScanService;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    dataSource.query<T[]>(text, params);
  const notifications = () =>
    sql(
      `SELECT kind, subject_id, recipient_type, recipient_id, due_on::text, summary, status
         FROM notification WHERE programme_id = $1 ORDER BY key`,
      [PROGRAMME],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    app = await createDomainTestContext({
      config,
      entities: [...notificationEntities, OutboxJob],
      imports: [QueueModule.forRoot(config), ReminderScanModule],
    });
    dataSource = app.get(DataSource);
    sut = app.get(ReminderScanService);

    // A programme with two managers and a supplier with two contacts, as in the reference year.
    await sql(
      `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
       VALUES ($1, 'Leadership support', 'DfE', '2021-05-31', '2024-03-31', 140000000)`,
      [PROGRAMME],
    );
    await sql(
      `INSERT INTO lot (id, programme_id, number, title, valid_from) VALUES ($1, $2, 1, 'Lot 1', '2021-05-31')`,
      [LOT, PROGRAMME],
    );
    await sql(
      `INSERT INTO supplier (id, name, name_key) VALUES ($1, 'North Star Leadership Ltd', 'north star')`,
      [SUPPLIER],
    );
    for (const [i, id] of CONTACTS.entries())
      await sql(`INSERT INTO supplier_contact (id, supplier_id, email) VALUES ($1, $2, $3)`, [
        id,
        SUPPLIER,
        `contact${i}@northstar.example`,
      ]);
    for (const [i, id] of MANAGERS.entries()) {
      await sql(`INSERT INTO app_user (id, issuer, subject, email) VALUES ($1, 'test', $2, $3)`, [
        id,
        `manager-${i}`,
        `manager${i}@education.gov.example`,
      ]);
      await sql(
        `INSERT INTO role_assignment (user_id, role, programme_id) VALUES ($1, 'PROGRAMME_MANAGER', $2)`,
        [id, PROGRAMME],
      );
    }
    await sql(
      `INSERT INTO contract (id, programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, 'A1', 25000000, '2021-05-31', '2024-03-31')`,
      [CONTRACT, PROGRAMME, SUPPLIER, LOT],
    );
    const engagement = (id: string, gssCode: string, status: string, decidedOn: string) =>
      sql(
        `INSERT INTO engagement (id, programme_id, service_line, local_authority_id, financial_year, status,
                                 referral_reason, referred_on, contract_id, decided_on)
         SELECT $1, $2, 'POLITICAL_LEADERSHIP', la.id, '2022-23', $3, 'Asked for', '2022-06-01', $4, $5
           FROM local_authority la WHERE la.gss_code = $6`,
        [id, PROGRAMME, status, CONTRACT, decidedOn, gssCode],
      );
    await engagement(LEEDS_ENGAGEMENT, 'E08000035', 'IN_DELIVERY', '2022-06-08');
    // Approved on 15 November 2022 with no session since: stalled from 15 December.
    await engagement(HARTLEPOOL_ENGAGEMENT, 'E06000001', 'APPROVED', '2022-11-15');
    // S7: planned for 19 December 2022 and never recorded; due by the 28th.
    await sql(
      `INSERT INTO delivery_session (id, programme_id, service_line, supplier_id, contract_id, status, planned_on, financial_year)
       VALUES ($1, $2, 'POLITICAL_LEADERSHIP', $3, $4, 'PLANNED', '2022-12-19', '2022-23')`,
      [S7, PROGRAMME, SUPPLIER, CONTRACT],
    );
    await sql(`INSERT INTO session_engagement (session_id, engagement_id) VALUES ($1, $2)`, [
      S7,
      LEEDS_ENGAGEMENT,
    ]);
    // Sandwell's focused visit: 2 areas for priority action, letter of 21 November 2022.
    await sql(
      `INSERT INTO inspection_event (id, local_authority_id, kind, inspected_on, published_on, priority_action_areas, letter_date, source)
       SELECT $1, la.id, 'FOCUSED_VISIT', '2022-10-25', '2022-11-21', ARRAY['Help and protection', 'Leadership'], '2022-11-21', 'USER'
         FROM local_authority la WHERE la.gss_code = 'E08000028'`,
      [SANDWELL_VISIT],
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('records each reminder due once, for each recipient, in words naming no person, each with its send job', async () => {
    const first = await sut.scan('2022-12-29');

    const overdue =
      'The report of the session of 19 December 2022 for Leeds was due by 28 December 2022 and has not been submitted.';
    const stalled =
      "Nothing has happened on Hartlepool's political leadership engagement for 30 days (since 15 November 2022).";
    expect(await notifications()).toEqual([
      ...MANAGERS.map((id) => ({
        kind: 'ENGAGEMENT_STALLED',
        subject_id: HARTLEPOOL_ENGAGEMENT,
        recipient_type: 'PROGRAMME_MANAGER',
        recipient_id: id,
        due_on: '2022-12-15',
        summary: stalled,
        status: 'PENDING',
      })),
      ...CONTACTS.map((id) => ({
        kind: 'SESSION_REPORT_OVERDUE',
        subject_id: S7,
        recipient_type: 'SUPPLIER_CONTACT',
        recipient_id: id,
        due_on: '2022-12-28',
        summary: overdue,
        status: 'PENDING',
      })),
    ]);
    const ids = await sql<{ id: string }>(`SELECT id FROM notification WHERE programme_id = $1`, [
      PROGRAMME,
    ]);
    const jobs = await sql<{ id: string }>(
      `SELECT payload ->> 'notificationId' AS id FROM outbox_job WHERE name = 'notifications.send'`,
    );
    expect(jobs.map((job) => job.id).sort()).toEqual(ids.map((row) => row.id).sort());
    expect(first).toMatchObject({ asOf: '2022-12-29' });
    expect(first.added).toBe(first.due);

    // However often it runs, nothing is recorded or queued twice.
    const again = await sut.scan('2022-12-29');
    expect(again).toEqual({ asOf: '2022-12-29', due: first.due, added: 0, requeued: 0 });
    expect(await sql(`SELECT count(*)::int AS n FROM outbox_job`)).toEqual([{ n: first.added }]);
  });

  it('asks the supplier for December’s return from the new year, and the managers for the action plan', async () => {
    await sut.scan('2023-01-03');
    const returns = await sql(
      `SELECT recipient_id, due_on::text, summary FROM notification
        WHERE kind = 'MONTHLY_RETURN_DUE' AND programme_id = $1 ORDER BY recipient_id`,
      [PROGRAMME],
    );
    expect(returns).toEqual(
      CONTACTS.map((id) => ({
        recipient_id: id,
        due_on: '2023-01-09',
        summary:
          'The monthly return for December 2022 to Leadership support is due by 9 January 2023.',
      })),
    );

    // The final plan is due 2023-03-02: the managers hear of it from 23 February.
    await sut.scan('2023-02-23');
    const plans = await sql(
      `SELECT recipient_id, due_on::text, summary FROM notification
        WHERE kind = 'APA_PLAN_DUE' AND subject_id = $1 AND programme_id = $2 ORDER BY recipient_id`,
      [SANDWELL_VISIT, PROGRAMME],
    );
    expect(plans).toEqual(
      MANAGERS.map((id) => ({
        recipient_id: id,
        due_on: '2023-03-02',
        summary:
          "An action plan for the areas for priority action of Sandwell's focused visit (letter of 21 November 2022) is due on 2 March 2023.",
      })),
    );
  });

  it('queues again a notification left unresolved for a day, its job lost', async () => {
    const [{ id }] = await sql<{ id: string }>(
      `SELECT id FROM notification WHERE programme_id = $1 ORDER BY key LIMIT 1`,
      [PROGRAMME],
    );
    // Two days before the test's clock (noon on 1 June 2024), and still PENDING.
    await sql(`UPDATE notification SET created_at = '2024-05-30T12:00:00Z' WHERE id = $1`, [id]);

    const scanned = await sut.scan('2023-01-04');

    expect(scanned.requeued).toBe(1);
    expect(
      await sql(`SELECT payload FROM outbox_job WHERE job_id = $1`, [
        `notifications.send/${id}.2023-01-04`,
      ]),
    ).toEqual([{ payload: { notificationId: id } }]);
  });
});
