import { testConfig, testEnvironment } from '@la-tracker/platform/testing';
import { createWorker } from './main';

describe('the worker in production', () => {
  it('refuses to start without GOV.UK Notify, which would leave reminders in the outbox', async () => {
    const config = {
      ...testConfig({
        databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
        redisUrl: testEnvironment().redisUrl,
      }),
      nodeEnv: 'production' as const,
    };
    await expect(createWorker(config)).rejects.toThrow(
      'In production the worker sends reminders through GOV.UK Notify: set NOTIFY_API_KEY and every NOTIFY_TEMPLATE_<KIND>.',
    );
  });
});
