import { DEDUPLICATION_WINDOW_SECONDS, defineJob } from './jobs';
import { bullJobOptions } from './queue-producer';
import { bullConnection } from './queue-settings';

describe('bullJobOptions', () => {
  it('carries the job id and the job’s retries, keeps completed jobs for the window and failed ones for good', () => {
    const job = defineJob('reports.build', {
      attempts: 3,
      backoff: { type: 'fixed', delayMs: 50 },
    });
    expect(bullJobOptions(job, 'reports.build/r1')).toEqual({
      jobId: 'reports.build/r1',
      attempts: 3,
      backoff: { type: 'fixed', delay: 50 },
      removeOnComplete: { age: DEDUPLICATION_WINDOW_SECONDS },
      removeOnFail: false,
    });
  });

  it('falls back to the defaults for a job this process does not know', () => {
    expect(bullJobOptions(undefined, 'new.job/x')).toMatchObject({
      jobId: 'new.job/x',
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnFail: false,
    });
  });
});

describe('bullConnection', () => {
  it('fails a producer’s command at once while Redis is away', () => {
    expect(bullConnection('redis://r:6379', 'producer')).toMatchObject({
      url: 'redis://r:6379',
      enableOfflineQueue: false,
    });
  });

  it('lets a worker wait for Redis, as BullMQ requires', () => {
    expect(bullConnection('redis://r:6379', 'worker')).toMatchObject({
      maxRetriesPerRequest: null,
    });
  });

  it('tries to reconnect within a few seconds however long Redis has been away', () => {
    const { retryStrategy } = bullConnection('redis://r:6379', 'worker');
    expect([1, 4, 100].map((times) => retryStrategy?.(times))).toEqual([250, 1000, 3000]);
  });
});
