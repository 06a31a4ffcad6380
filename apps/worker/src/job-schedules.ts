import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  bullConnection,
  QUEUE_SETTINGS,
  REMINDER_SCAN,
  type JobDefinition,
  type JobPayload,
  type QueueSettings,
} from '@la-tracker/platform/queue';
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
];

/**
 * Keeps BullMQ's job schedulers as `JOB_SCHEDULES` says. Upserting is idempotent, so every
 * worker does it at start and they all agree; a schedule's runs are added by Redis, once each.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobSchedules.name);
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(QUEUE_SETTINGS) private readonly settings: QueueSettings) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of JOB_SCHEDULES) {
      try {
        await this.queue(schedule.job.queue).upsertJobScheduler(
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
      } catch (error) {
        // The schedule is in Redis from an earlier start, or will be from the next one.
        this.logger.warn(`Could not keep the schedule "${schedule.id}": ${String(error)}`);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.settings.redisUrl, 'producer'),
        prefix: this.settings.prefix,
      });
      queue.on('error', (error) => this.logger.warn(`Queue "${name}": ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
