import type { INestApplicationContext } from '@nestjs/common';
import { AppUser, identityEntities } from '@la-tracker/domain/identity';
import { programmeEntities, Supplier, SupplierContact } from '@la-tracker/domain/programmes';
import { RetryLaterError } from '@la-tracker/platform/queue';
import {
  createDomainTestContext,
  createTestDatabase,
  startFakeNotify,
  testConfig,
  testEnvironment,
  type FakeNotify,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { FixedClock } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { DevelopmentOutboxChannel } from './development-outbox.channel';
import { NotificationChannel } from './notification-channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import { Notification } from './notification.entity';
import { SENDING_LEASE_MS } from './notification.rules';
import { notificationEntities } from './notifications.entities';
import { NotificationsModule } from './notifications.module';
import { NotifyChannel } from './notify.channel';

const SUPPLIER = 'b3000000-0000-4000-8000-000000000001';
const CONTACT = 'c3000000-0000-4000-8000-000000000001';
const MANAGER = 'e3000000-0000-4000-8000-000000000001';
const NO_ADDRESS = 'e3000000-0000-4000-8000-000000000002';
const API_KEY = 'test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const TEMPLATE = 'a1b2c3d4-0000-4000-8000-000000000001';
const ONE_ATTEMPT = { number: 1, of: 8 };
const LAST_ATTEMPT = { number: 8, of: 8 };

describe('NotificationDeliveryService', () => {
  let database: TestDatabase;
  let notify: FakeNotify;
  const clock = new FixedClock(new Date('2026-11-25T07:00:00Z'));
  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  async function contextWith(channel: 'notify' | 'outbox', timeoutMs = 2_000) {
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const app = await createDomainTestContext({
      config,
      entities: [...programmeEntities, ...identityEntities, ...notificationEntities],
      imports: [NotificationsModule.forRoot({ notify: undefined })],
      clock,
    });
    const dataSource = app.get(DataSource);
    const chosen =
      channel === 'notify'
        ? new NotifyChannel({
            apiKey: API_KEY,
            baseUrl: notify.url,
            templateIds: { SESSION_REPORT_OVERDUE: TEMPLATE, ENGAGEMENT_STALLED: TEMPLATE },
            timeoutMs,
          })
        : new DevelopmentOutboxChannel(dataSource);
    // The service under test with the channel this test wants.
    const sut = new NotificationDeliveryService(dataSource, chosen, clock);
    return { app, dataSource, sut, channel: chosen };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    notify = await startFakeNotify();
  });

  afterAll(async () => {
    await notify?.stop();
    await database?.drop();
  });

  let app: INestApplicationContext;
  let dataSource: DataSource;
  let sut: NotificationDeliveryService;

  const given = async (overrides: Partial<Notification> = {}): Promise<Notification> =>
    dataSource.getRepository(Notification).save({
      key: `session_report_overdue:s7:${Math.random()}`,
      kind: 'SESSION_REPORT_OVERDUE',
      subjectId: 'S7',
      programmeId: null,
      recipientType: 'SUPPLIER_CONTACT',
      recipientId: CONTACT,
      dueOn: '2022-12-28',
      summary: 'The report of the session planned for 19 December 2022 (Leeds) is overdue.',
      ...overrides,
    });
  const row = (id: string) => dataSource.getRepository(Notification).findOneByOrFail({ id });
  const sentTo = (id: string) => notify.messages.filter((m) => m.reference === id);

  async function givenPeople(): Promise<void> {
    if (await dataSource.getRepository(Supplier).existsBy({ id: SUPPLIER })) return;
    await dataSource
      .getRepository(Supplier)
      .insert({ id: SUPPLIER, name: 'North Star Leadership Ltd', nameKey: 'north star' });
    await dataSource
      .getRepository(SupplierContact)
      .insert({ id: CONTACT, supplierId: SUPPLIER, email: 'delivery@northstar.example' });
    await dataSource.getRepository(AppUser).insert([
      { id: MANAGER, issuer: 'test', subject: 'manager', email: 'manager@education.gov.example' },
      { id: NO_ADDRESS, issuer: 'test', subject: 'no-address', email: null },
    ]);
  }

  describe('through GOV.UK Notify', () => {
    beforeAll(async () => {
      ({ app, dataSource, sut } = await contextWith('notify', 1_000));
      await givenPeople();
    });
    afterAll(() => app.close());

    it('records the attempt, sends once with the notification id as reference, and says SENT', async () => {
      const { id } = await given();

      await sut.deliver(id, ONE_ATTEMPT);
      await sut.deliver(id, ONE_ATTEMPT);

      expect(sentTo(id)).toEqual([
        {
          id: expect.any(String),
          reference: id,
          templateId: TEMPLATE,
          emailAddress: 'delivery@northstar.example',
          personalisation: {
            summary: 'The report of the session planned for 19 December 2022 (Leeds) is overdue.',
            due_on: '2022-12-28',
          },
        },
      ]);
      expect(await row(id)).toMatchObject({
        status: 'SENT',
        attempts: 1,
        channel: 'GOV.UK Notify',
        providerMessageId: sentTo(id)[0].id,
        sentAt: clock.now(),
        lastError: null,
      });
    });

    it('reaches a programme manager at the address on their account', async () => {
      const { id } = await given({ recipientType: 'PROGRAMME_MANAGER', recipientId: MANAGER });
      await sut.deliver(id, ONE_ATTEMPT);
      expect(sentTo(id).map((m) => m.emailAddress)).toEqual(['manager@education.gov.example']);
    });

    it('does not send again a message Notify took but whose answer was lost (a timeout)', async () => {
      const { id } = await given();
      notify.answerLate(3_000);

      await expect(sut.deliver(id, ONE_ATTEMPT)).rejects.toThrow(/timeout/i);
      expect(await row(id)).toMatchObject({ status: 'SENDING', attempts: 1 });

      // A retry within the lease leaves it to the attempt that may still be running.
      await expect(sut.deliver(id, { number: 2, of: 8 })).rejects.toThrow(RetryLaterError);
      later(SENDING_LEASE_MS);
      await sut.deliver(id, { number: 2, of: 8 });

      expect(sentTo(id)).toHaveLength(1);
      expect(await row(id)).toMatchObject({
        status: 'SENT',
        attempts: 2,
        providerMessageId: sentTo(id)[0].id,
      });
    });

    it('sends again when Notify never had the message (a 500), after looking', async () => {
      const { id } = await given();
      notify.refuseNext(500);

      await expect(sut.deliver(id, ONE_ATTEMPT)).rejects.toThrow(/HTTP 500/);
      expect(await row(id)).toMatchObject({
        status: 'SENDING',
        lastError: expect.stringMatching(/HTTP 500/),
      });
      later(SENDING_LEASE_MS);
      await sut.deliver(id, { number: 2, of: 8 });

      expect(sentTo(id)).toHaveLength(1);
      expect((await row(id)).status).toBe('SENT');
    });

    it('fails for good, without retrying, what Notify refuses (a 400)', async () => {
      const { id } = await given();
      notify.refuseNext(400);

      await sut.deliver(id, ONE_ATTEMPT);

      expect(sentTo(id)).toEqual([]);
      expect(await row(id)).toMatchObject({
        status: 'FAILED',
        lastError: expect.stringMatching(/HTTP 400.*Refused/),
        failedAt: clock.now(),
      });
    });

    it('fails a recipient with no address, sending nothing', async () => {
      const { id } = await given({ recipientType: 'PROGRAMME_MANAGER', recipientId: NO_ADDRESS });
      await sut.deliver(id, ONE_ATTEMPT);
      expect(sentTo(id)).toEqual([]);
      expect(await row(id)).toMatchObject({
        status: 'FAILED',
        lastError: 'The programme manager has no e-mail address on record',
      });
    });

    it('fails on the last attempt what is still unknown, where admins see it', async () => {
      const { id } = await given();
      notify.refuseNext(503);
      await expect(sut.deliver(id, LAST_ATTEMPT)).rejects.toThrow(/HTTP 503/);
      expect(await row(id)).toMatchObject({
        status: 'FAILED',
        lastError: expect.stringMatching(/^Given up after every attempt: .*HTTP 503/),
      });
    });

    it('marks SENT on giving up what Notify turns out to have', async () => {
      const { id } = await given();
      notify.answerLate(3_000);
      await expect(sut.deliver(id, ONE_ATTEMPT)).rejects.toThrow(/timeout/i);

      await sut.giveUp(id, 'stalled');

      expect((await row(id)).status).toBe('SENT');
      expect(sentTo(id)).toHaveLength(1);
    });

    it('sends each message once when two workers deliver the same notifications at once', async () => {
      const ids = await Promise.all(Array.from({ length: 20 }, () => given().then((n) => n.id)));
      const deliverAll = () => Promise.allSettled(ids.map((id) => sut.deliver(id, ONE_ATTEMPT)));

      const outcomes = (await Promise.all([deliverAll(), deliverAll()])).flat();

      for (const id of ids) expect(sentTo(id)).toHaveLength(1);
      for (const outcome of outcomes)
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(RetryLaterError);
    });
  });

  describe('to the development outbox', () => {
    beforeAll(async () => {
      ({ app, dataSource, sut } = await contextWith('outbox'));
      await givenPeople();
    });
    afterAll(() => app.close());

    it('keeps the message where it can be read back, once', async () => {
      const { id } = await given();

      await sut.deliver(id, ONE_ATTEMPT);
      await sut.deliver(id, ONE_ATTEMPT);

      const kept = await dataSource.query(
        'SELECT reference, email_address, template, personalisation FROM development_outbox_message WHERE reference = $1',
        [id],
      );
      expect(kept).toEqual([
        {
          reference: id,
          email_address: 'delivery@northstar.example',
          template: 'SESSION_REPORT_OVERDUE',
          personalisation: {
            summary: 'The report of the session planned for 19 December 2022 (Leeds) is overdue.',
            due_on: '2022-12-28',
          },
        },
      ]);
      expect(await row(id)).toMatchObject({ status: 'SENT', channel: 'development outbox' });
    });

    it('is the channel the module chooses when Notify is not configured', () => {
      expect(app.get(NotificationChannel)).toBeInstanceOf(DevelopmentOutboxChannel);
    });
  });
});
