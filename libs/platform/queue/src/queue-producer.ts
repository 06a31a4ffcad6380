import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import {
  DEDUPLICATION_WINDOW_SECONDS,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF,
  JobRegistry,
  type JobDefinition,
  type JobPayload,
} from './jobs';
import { bullConnection, QUEUE_SETTINGS, type QueueSettings } from './queue-settings';
import { withTimeout } from '@la-tracker/platform/time';

export interface QueuedJob {
  queue: string;
  name: string;
  jobId: string;
  payload: JobPayload;
}

/**
 * BullMQ options for a job: its retry policy, and retention long enough that adding its id again
 * is ignored. Failed jobs are kept for inspection. A job this process does not know (a newer
 * release wrote it) gets the defaults.
 */
export function bullJobOptions(job: JobDefinition | undefined, jobId: string): JobsOptions {
  const backoff = job?.backoff ?? DEFAULT_BACKOFF;
  return {
    jobId,
    attempts: job?.attempts ?? DEFAULT_ATTEMPTS,
    backoff: { type: backoff.type, delay: backoff.delayMs },
    removeOnComplete: { age: DEDUPLICATION_WINDOW_SECONDS },
    removeOnFail: false,
  };
}

/** Adds jobs to BullMQ; only the outbox relay calls it, so no job skips the outbox. */
@Injectable()
export class QueueProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueProducer.name);
  private readonly queues = new Map<string, Queue>();

  constructor(
    @Inject(QUEUE_SETTINGS) private readonly settings: QueueSettings,
    @Inject(JobRegistry) private readonly registry: JobRegistry,
  ) {}

  /** Resolves once Redis holds the job (or already held its id); rejects if it does not in time. */
  async add(job: QueuedJob): Promise<void> {
    const adding = this.queue(job.queue).add(
      job.name,
      job.payload,
      bullJobOptions(this.registry.get(job.name), job.jobId),
    );
    await withTimeout(
      adding,
      this.settings.relayTimeoutMs,
      `Redis did not accept job ${job.jobId} within ${this.settings.relayTimeoutMs} ms`,
    );
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.settings.redisUrl, 'producer'),
        prefix: this.settings.prefix,
      });
      // Without a listener an 'error' event would crash the process; the outbox covers the job.
      queue.on('error', (error) => this.logger.warn(`Queue "${name}": ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map((queue) =>
        // With Redis away, close fails or waits forever: cut the connection off instead (BullMQ's
        // disconnect never settles then, so it is not awaited).
        withTimeout(queue.close(), 2_000, 'close timed out').catch(
          () => void queue.disconnect().catch(() => undefined),
        ),
      ),
    );
    this.queues.clear();
  }
}
