import type { INestApplicationContext } from '@nestjs/common';
import { coachingEntities } from '@la-tracker/domain/coaching';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { inspectionEntities } from '@la-tracker/domain/inspections';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { notificationEntities } from '@la-tracker/domain/notifications';
import { participantEntities } from '@la-tracker/domain/participants';
import { programmeEntities } from '@la-tracker/domain/programmes';
import { sessionEntities } from '@la-tracker/domain/sessions';
import { AuditEvent } from '@la-tracker/platform/audit';
import { ErrorCode } from '@la-tracker/platform/errors';
import {
  createDomainTestContext,
  createTestDatabase,
  refusedWith,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { RetentionModule } from './retention.module';
import { RetentionService } from './retention.service';

// The clock stands at noon on 1 June 2024 (the test context's default); the policy is the
// default: participants kept 12 months after their programme ends, outbox messages 7 days.
const ENDED_LONG_AGO = 'a8000000-0000-4000-8000-000000000001'; // ended 2023-03-31: kept to 2024-03-31
const ENDED_RECENTLY = 'a8000000-0000-4000-8000-000000000002'; // ended 2023-12-31: kept to 2024-12-31
const RUNNING = 'a8000000-0000-4000-8000-000000000003'; // ends 2025-03-31
const PROGRAMMES = [
  { id: ENDED_LONG_AGO, startsOn: '2021-04-01', endsOn: '2023-03-31' },
  { id: ENDED_RECENTLY, startsOn: '2021-04-01', endsOn: '2023-12-31' },
  { id: RUNNING, startsOn: '2021-04-01', endsOn: '2025-03-31' },
];
const SUPPLIER = 'b8000000-0000-4000-8000-000000000001';
const SANDWELL = 'E08000028';

const SENT_NOTIFICATION = 'c8000000-0000-4000-8000-000000000001';
const SENDING_NOTIFICATION = 'c8000000-0000-4000-8000-000000000002';

describe('RetentionService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: RetentionService;
  let dataSource: DataSource;

  /** What personal data and counts the database holds, to compare before and after. */
  async function snapshot() {
    return {
      participants: await dataSource.query(
        `SELECT id, programme_id, name, email, erased_at FROM participant ORDER BY id`,
      ),
      outbox: await dataSource.query(
        `SELECT id, reference, email_address FROM development_outbox_message ORDER BY id`,
      ),
      attendance: await dataSource.query<Array<{ count: number }>>(
        `SELECT session_id, local_authority_id, role, count FROM session_attendance ORDER BY 1, 2, 3`,
      ),
      audit: await dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM audit_event`,
      ),
    };
  }

  async function given(): Promise<void> {
    for (const [index, programme] of PROGRAMMES.entries()) {
      const lotId = `d8000000-0000-4000-8000-00000000000${index}`;
      const contractId = `e8000000-0000-4000-8000-00000000000${index}`;
      await dataSource.query(
        `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
         VALUES ($1, $2, 'Department for Education', $3, $4, 10000000)`,
        [programme.id, `Programme ${index}`, programme.startsOn, programme.endsOn],
      );
      await dataSource.query(
        `INSERT INTO programme_service_line (programme_id, service_line, name)
         VALUES ($1, 'COACHING_MENTORING', 'Coaching and mentoring')`,
        [programme.id],
      );
      await dataSource.query(
        `INSERT INTO lot (id, programme_id, number, title, valid_from) VALUES ($1, $2, 7, 'Lot 7', $3)`,
        [lotId, programme.id, programme.startsOn],
      );
      await dataSource.query(
        `INSERT INTO lot_service_line (lot_id, service_line) VALUES ($1, 'COACHING_MENTORING')`,
        [lotId],
      );
      if (index === 0)
        await dataSource.query(
          `INSERT INTO supplier (id, name, name_key) VALUES ($1, 'North Star Ltd', 'northstarltd')`,
          [SUPPLIER],
        );
      await dataSource.query(
        `INSERT INTO contract (id, programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on)
         VALUES ($1, $2, $3, $4, $5, 5000000, $6, $7)`,
        [
          contractId,
          programme.id,
          SUPPLIER,
          lotId,
          `C${index}`,
          programme.startsOn,
          programme.endsOn,
        ],
      );
      const [engagement] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                                 referral_reason, referred_on, contract_id, decided_on)
         SELECT $1, 'COACHING_MENTORING', la.id, '2022-23', 'IN_DELIVERY', 'New leader', '2022-06-01', $2, '2022-06-08'
           FROM local_authority la WHERE la.gss_code = $3
         RETURNING id`,
        [programme.id, contractId, SANDWELL],
      );
      // Two people each, one with no e-mail.
      await dataSource.query(
        `INSERT INTO participant (engagement_id, programme_id, local_authority_id, role, name, email)
         SELECT e.id, e.programme_id, e.local_authority_id, 'LEADER_OF_COUNCIL', $2, $3 FROM engagement e WHERE e.id = $1
         UNION ALL
         SELECT e.id, e.programme_id, e.local_authority_id, 'CHIEF_EXECUTIVE', $4, NULL FROM engagement e WHERE e.id = $1`,
        [
          engagement.id,
          `Alex Morgan ${index}`,
          `alex.morgan.${index}@sandwell.example`,
          `Sam Lee ${index}`,
        ],
      );
      // A session delivered with 3 + 1 attending: counts that must survive erasure.
      const [session] = await dataSource.query<Array<{ id: string }>>(
        `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                       delivered_on, financial_year, duration_minutes, format, topic)
         VALUES ($1, 'COACHING_MENTORING', $2, $3, 'DRAFT', '2022-07-01', '2022-23', 60, 'ONLINE', 'Coaching')
         RETURNING id`,
        [programme.id, SUPPLIER, contractId],
      );
      await dataSource.query(
        `INSERT INTO session_engagement (session_id, engagement_id) VALUES ($1, $2)`,
        [session.id, engagement.id],
      );
      await dataSource.query(
        `INSERT INTO session_attendance (session_id, local_authority_id, role, count)
         SELECT $1, la.id, r.role, r.count FROM local_authority la,
                (VALUES ('LEADER_OF_COUNCIL', 3), ('CHIEF_EXECUTIVE', 1)) AS r(role, count)
          WHERE la.gss_code = $2`,
        [session.id, SANDWELL],
      );
    }
    await dataSource.query(
      `INSERT INTO notification (id, key, kind, subject_id, programme_id, recipient_type, recipient_id,
                                 due_on, summary, status, attempts, sent_at, sending_at)
       VALUES ($1, 'k-sent', 'MONTHLY_RETURN_DUE', 's1', $3, 'PROGRAMME_MANAGER', $4, '2024-05-20',
               'A monthly return is due', 'SENT', 1, '2024-05-20T09:00:00Z', '2024-05-20T09:00:00Z'),
              ($2, 'k-sending', 'MONTHLY_RETURN_DUE', 's2', $3, 'PROGRAMME_MANAGER', $4, '2024-05-20',
               'A monthly return is due', 'SENDING', 1, NULL, '2024-05-20T09:00:00Z')`,
      [SENT_NOTIFICATION, SENDING_NOTIFICATION, RUNNING, SUPPLIER],
    );
    // Kept from 2024-05-25 (7 days before 1 June). 24 May 23:30 UTC is 25 May in England (BST).
    await dataSource.query(
      `INSERT INTO development_outbox_message (reference, email_address, template, personalisation, created_at)
       VALUES ($1, 'manager@education.example', 'MONTHLY_RETURN_DUE', '{"summary": "due"}', '2024-05-20T09:00:00Z'),
              ($2, 'manager@education.example', 'MONTHLY_RETURN_DUE', '{"summary": "due"}', '2024-05-20T09:00:00Z'),
              ('no-notification', 'old@education.example', 'MONTHLY_RETURN_DUE', '{}', '2024-05-24T22:59:00Z'),
              ('recent', 'recent@education.example', 'MONTHLY_RETURN_DUE', '{}', '2024-05-24T23:30:00Z')`,
      [SENT_NOTIFICATION, SENDING_NOTIFICATION],
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [
        ...localAuthorityEntities,
        ...inspectionEntities,
        ...programmeEntities,
        ...engagementEntities,
        ...sessionEntities,
        ...coachingEntities,
        ...participantEntities,
        ...notificationEntities,
        AuditEvent,
      ],
      imports: [RetentionModule],
    });
    sut = app.get(RetentionService);
    dataSource = app.get(DataSource);
    await given();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const expectedReport = (dryRun: boolean) => ({
    asOf: '2024-06-01',
    dryRun,
    policy: { monthsAfterProgrammeEnd: 12, outboxDays: 7 },
    participants: {
      programmes: [{ programmeId: ENDED_LONG_AGO, endsOn: '2023-03-31', keptUntil: '2024-03-31' }],
      erased: 2,
    },
    // The message of the sent notification and the one with none; not the one still sending.
    developmentOutbox: { keptFrom: '2024-05-25', deleted: 2 },
  });

  it('on a dry run, reports what is due and changes nothing', async () => {
    const before = await snapshot();
    expect(await sut.run({ dryRun: true })).toEqual(expectedReport(true));
    expect(await snapshot()).toEqual(before);
  });

  it('erases what is past its period, keeps the rest and every count, and audits without personal values', async () => {
    const before = await snapshot();

    expect(await sut.run()).toEqual(expectedReport(false));

    const participants = await dataSource.query<
      Array<{ programme_id: string; name: string; email: string | null; erased: boolean }>
    >(
      `SELECT programme_id, name, email, erased_at IS NOT NULL AS erased FROM participant ORDER BY programme_id, role DESC`,
    );
    expect(participants).toEqual([
      { programme_id: ENDED_LONG_AGO, name: 'Erased participant', email: null, erased: true },
      { programme_id: ENDED_LONG_AGO, name: 'Erased participant', email: null, erased: true },
      {
        programme_id: ENDED_RECENTLY,
        name: 'Alex Morgan 1',
        email: 'alex.morgan.1@sandwell.example',
        erased: false,
      },
      { programme_id: ENDED_RECENTLY, name: 'Sam Lee 1', email: null, erased: false },
      {
        programme_id: RUNNING,
        name: 'Alex Morgan 2',
        email: 'alex.morgan.2@sandwell.example',
        erased: false,
      },
      { programme_id: RUNNING, name: 'Sam Lee 2', email: null, erased: false },
    ]);
    const after = await snapshot();
    // Delivery counts: 3 + 1 on each of the three sessions, as before.
    expect(after.attendance).toEqual(before.attendance);
    expect(after.attendance.reduce((sum, row) => sum + row.count, 0)).toBe(12);
    expect(
      await dataSource.query(`SELECT reference FROM development_outbox_message ORDER BY reference`),
    ).toEqual([{ reference: SENDING_NOTIFICATION }, { reference: 'recent' }]);

    // Two participants and two messages: four audit rows, naming no one.
    const audit = await dataSource.query<Array<{ action: string; actor_user_id: string | null }>>(
      `SELECT action, actor_user_id, entity_type, before, after FROM audit_event
        WHERE action IN ('participant.erase', 'development-outbox-message.delete') ORDER BY action`,
    );
    expect(after.audit[0].count - before.audit[0].count).toBe(4);
    expect(audit.map((row) => row.action)).toEqual([
      'development-outbox-message.delete',
      'development-outbox-message.delete',
      'participant.erase',
      'participant.erase',
    ]);
    expect(audit.every((row) => row.actor_user_id === null)).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/Alex|Sam Lee|@|sandwell/);
  });

  it('erases nothing more when run again', async () => {
    const before = await snapshot();
    expect(await sut.run()).toMatchObject({
      participants: { programmes: [{ programmeId: ENDED_LONG_AGO }], erased: 0 },
      developmentOutbox: { deleted: 0 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('judges as of an earlier day when asked: the programme ended recently is not yet due', async () => {
    expect(await sut.run({ asOf: '2024-03-31', dryRun: true })).toMatchObject({
      participants: { programmes: [], erased: 0 },
    });
  });

  it('refuses a day not yet come, or not a date, and changes nothing', async () => {
    const before = await snapshot();
    await refusedWith(sut.run({ asOf: '2024-06-02' }), ErrorCode.BAD_USER_INPUT);
    await refusedWith(sut.run({ asOf: '1 June 2024' }), ErrorCode.BAD_USER_INPUT);
    expect(await snapshot()).toEqual(before);
  });
});
