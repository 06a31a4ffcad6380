import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  bullConnection,
  QUEUE_SETTINGS,
  REMINDER_SCAN,
  RETENTION_RUN,
  type JobDefinition,
  type JobPayload,
  type QueueSettings,
} from '@la-tracker/platform/queue';
import { withTimeout } from '@la-tracker/platform/time';
import { Queue } from 'bullmq';

export interface JobSchedule<P extends JobPayload = JobPayload> {
  /** Stable: the schedule is kept in Redis under it, so every worker's start-up agrees. */
  id: string;
  job: JobDefinition<P>;
  payload: P;
  /** A cron pattern, read in the time zone given. */
  pattern: string;
  tz: string;
}

/** What runs on its own, at times fixed in England's clock time (so across the clock changes). */
export const JOB_SCHEDULES: readonly JobSchedule[] = [
  {
    id: 'reminders-daily',
    job: REMINDER_SCAN,
    payload: { asOf: null },
    pattern: '0 7 * * *',
    tz: 'Europe/London',
  } satisfies JobSchedule<{ asOf: string | null }>,
  // At night, away from the day's work and clear of 01:00-02:00, which the clock changes skip or repeat.
  {
    id: 'retention-daily',
    job: RETENTION_RUN,
    payload: { asOf: null },
    pattern: '30 2 * * *',
    tz: 'Europe/London',
  } satisfies JobSchedule<{ asOf: string | null }>,
];

/**
 * Keeps BullMQ's job schedulers as `JOB_SCHEDULES` says, once at start. Upserting is idempotent,
 * so every worker does it and they all agree; each run is then added by Redis, once. With Redis
 * away the schedules already kept there stand, and the next start puts them right.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);

  constructor(@Inject(QUEUE_SETTINGS) private readonly settings: QueueSettings) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const queueName of new Set(JOB_SCHEDULES.map((schedule) => schedule.job.queue))) {
      const queue = new Queue(queueName, {
        connection: bullConnection(this.settings.redisUrl, 'producer'),
        prefix: this.settings.prefix,
      });
      queue.on('error', (error) => this.logger.warn(`Queue "${queueName}": ${error.message}`));
      try {
        await withTimeout(queue.waitUntilReady(), KEEP_TIMEOUT_MS, 'Redis did not answer');
        for (const schedule of JOB_SCHEDULES.filter((s) => s.job.queue === queueName))
          await withTimeout(keep(queue, schedule), KEEP_TIMEOUT_MS, 'Redis did not answer');
      } catch (error) {
        this.logger.warn(`Could not keep the schedules of "${queueName}": ${String(error)}`);
      } finally {
        // Closing waits for Redis for ever when it is away: cut the connection instead.
        await withTimeout(queue.close(), 2_000, 'close timed out').catch(
          () => void queue.disconnect().catch(() => undefined),
        );
      }
    }
  }
}

const KEEP_TIMEOUT_MS = 5_000;

function keep(queue: Queue, schedule: JobSchedule): Promise<unknown> {
  return queue.upsertJobScheduler(
    schedule.id,
    { pattern: schedule.pattern, tz: schedule.tz },
    {
      name: schedule.job.name,
      data: schedule.payload,
      opts: {
        attempts: schedule.job.attempts,
        backoff: { type: schedule.job.backoff.type, delay: schedule.job.backoff.delayMs },
        removeOnFail: false,
      },
    },
  );
}
