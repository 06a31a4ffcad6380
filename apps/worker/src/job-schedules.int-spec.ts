import { randomBytes } from 'node:crypto';
import { bullConnection, type QueueSettings } from '@la-tracker/platform/queue';
import { findFreePort } from '@la-tracker/platform/local-services';
import { testEnvironment } from '@la-tracker/platform/testing';
import { Queue } from 'bullmq';
import { JobSchedules } from './job-schedules';

describe('JobSchedules', () => {
  const settings: QueueSettings = {
    redisUrl: testEnvironment().redisUrl,
    prefix: `la-tracker-test-${randomBytes(6).toString('hex')}`,
    relayTimeoutMs: 2_000,
    notifySendsPerMinute: 1400,
  };
  let queue: Queue;

  beforeAll(() => {
    queue = new Queue('default', {
      connection: bullConnection(settings.redisUrl, 'worker'),
      prefix: settings.prefix,
    });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('keeps the daily reminder scan at 07:00, retention at 02:30 and the monthly MI packs at 06:00 on the 1st in England, once however many workers start', async () => {
    await new JobSchedules(settings).onApplicationBootstrap();
    await new JobSchedules(settings).onApplicationBootstrap();

    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(3);
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'reminders-daily',
          name: 'reminders.scan',
          pattern: '0 7 * * *',
          tz: 'Europe/London',
        }),
        expect.objectContaining({
          key: 'retention-daily',
          name: 'retention.run',
          pattern: '30 2 * * *',
          tz: 'Europe/London',
        }),
        expect.objectContaining({
          key: 'reports-monthly',
          name: 'reports.monthly',
          pattern: '0 6 1 * *',
          tz: 'Europe/London',
        }),
      ]),
    );
  });

  it('starts without its schedules when Redis is away, rather than wait for it', async () => {
    const away = { ...settings, redisUrl: `redis://127.0.0.1:${await findFreePort()}` };
    const started = Date.now();
    await expect(new JobSchedules(away).onApplicationBootstrap()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
