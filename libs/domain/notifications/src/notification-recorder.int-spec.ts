import type { INestApplicationContext } from '@nestjs/common';
import { statementCounter } from '@la-tracker/platform/database';
import { OutboxJob, QueueModule } from '@la-tracker/platform/queue';
import {
  createDomainTestContext,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { NotificationRecorder, type NewNotification } from './notification-recorder.service';
import { NotificationRecordingModule } from './notification-recording.module';
import { notificationEntities } from './notifications.entities';

const SUBJECT = 'a5000000-0000-4000-8000-000000000001';

/** `count` reminders for as many supplier contacts, keyed by `run` so each test has its own. */
function reminders(run: string, count: number): NewNotification[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${run}/${i}`,
    kind: 'MONTHLY_RETURN_DUE',
    subjectId: SUBJECT,
    programmeId: null,
    recipientType: 'SUPPLIER_CONTACT',
    recipientId: `c5000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    dueOn: '2022-12-09',
    summary: 'The monthly return for November 2022 is due by 9 December 2022.',
  }));
}

describe('NotificationRecorder', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let sut: NotificationRecorder;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    dataSource.query<T[]>(text, params);
  // A plain transaction: nothing is relayed afterwards, so only the recording is counted.
  const recorded = (notifications: NewNotification[]) =>
    statementCounter.run(async () => {
      const ids = await dataSource.transaction((manager) => sut.record(manager, notifications));
      return { ids, statements: statementCounter.current() };
    });
  const jobsOf = (run: string) =>
    sql<{ job_id: string; notification_id: string; key: string }>(
      `SELECT o.job_id, o.payload ->> 'notificationId' AS notification_id, n.key
         FROM outbox_job o JOIN notification n ON n.id = (o.payload ->> 'notificationId')::uuid
        WHERE n.key LIKE $1 || '/%' ORDER BY o.job_id COLLATE "C"`,
      [run],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    app = await createDomainTestContext({
      config,
      entities: [...notificationEntities, OutboxJob],
      imports: [QueueModule.forRoot(config), NotificationRecordingModule],
    });
    dataSource = app.get(DataSource);
    sut = app.get(NotificationRecorder);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('record', () => {
    it('records 2 or 2,000 notifications and their send jobs in the same number of statements', async () => {
      const few = await recorded(reminders('few', 2));
      const many = await recorded(reminders('many', 2_000));

      expect(few.ids).toHaveLength(2);
      expect(many.ids).toHaveLength(2_000);
      // Begin, the notifications, their outbox rows, commit.
      expect(few.statements).toBe(4);
      expect(many.statements).toBe(4);
      const jobs = await jobsOf('many');
      expect(jobs).toHaveLength(2_000);
      expect(new Set(jobs.map((job) => job.notification_id)).size).toBe(2_000);
      for (const job of jobs) expect(job.job_id).toBe(`notifications.send/${job.notification_id}`);
    });

    it('records and queues nothing twice when the same notifications come again', async () => {
      const first = await recorded(reminders('again', 300));
      const again = await recorded(reminders('again', 301));

      expect(first.ids).toHaveLength(300);
      // Only the one not seen before is new.
      expect(again.ids).toHaveLength(1);
      expect(first.ids).not.toContain(again.ids[0]);
      expect(await jobsOf('again')).toHaveLength(301);
      expect(
        await sql(`SELECT count(*)::int AS n FROM notification WHERE key LIKE 'again/%'`),
      ).toEqual([{ n: 301 }]);
    });
  });

  describe('queueAgain', () => {
    it('queues each notification once a day in one statement, however often asked', async () => {
      const { ids } = await recorded(reminders('lost', 3));
      const queueAgain = (day: string) =>
        statementCounter.run(async () => {
          await dataSource.transaction((manager) => sut.queueAgain(manager, ids, day));
          return statementCounter.current();
        });

      expect(await queueAgain('2022-12-10')).toBe(3);
      expect(await queueAgain('2022-12-10')).toBe(3);
      expect(await queueAgain('2022-12-11')).toBe(3);

      const jobs = await jobsOf('lost');
      expect(jobs.map((job) => job.job_id)).toEqual(
        [...ids]
          .sort()
          .flatMap((id) => [
            `notifications.send/${id}`,
            `notifications.send/${id}.2022-12-10`,
            `notifications.send/${id}.2022-12-11`,
          ]),
      );
    });
  });
});
