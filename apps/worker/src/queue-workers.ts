import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  bullConnection,
  jobProcessedBy,
  JobRegistry,
  QUEUE_SETTINGS,
  QUEUES,
  queueLimiter,
  redisAnswers,
  RetryLaterError,
  type JobPayload,
  type JobProcessor,
  type QueueLimiter,
  type QueueSettings,
} from '@la-tracker/platform/queue';
import { DelayedError, Worker, type Job } from 'bullmq';

export const WORKER_PROCESSORS = Symbol('WORKER_PROCESSORS');

const UNKNOWN_JOB_DELAY_MS = 30_000;

/**
 * One BullMQ worker per queue that has jobs, handing each job to its processor. Closing the
 * application (SIGTERM) stops taking jobs and waits for those running to finish and be recorded,
 * before the database pool closes.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];
  private readonly inProgress = new Set<Promise<void>>();

  constructor(
    @Inject(JobRegistry) private readonly registry: JobRegistry,
    @Inject(QUEUE_SETTINGS) private readonly settings: QueueSettings,
    @Inject(WORKER_PROCESSORS) private readonly processorTypes: Array<Type<JobProcessor>>,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const processors = new Map<string, JobProcessor>();
    for (const type of this.processorTypes) {
      const job = jobProcessedBy(type);
      if (job) processors.set(job.name, this.moduleRef.get(type, { strict: false }));
    }
    for (const queue of this.registry.queues) {
      const worker = new Worker<JobPayload>(
        queue,
        (job, token) => this.run(processors, job, token),
        {
          connection: bullConnection(this.settings.redisUrl, 'worker'),
          prefix: this.settings.prefix,
          concurrency: QUEUES[queue].concurrency,
          limiter: limiterOf(queueLimiter(queue, this.settings)),
          // Kept on each job it takes (BullMQ's processedBy): which process ran a job, when
          // several share a queue.
          name: `${hostname()}:${process.pid}`,
        },
      );
      worker.on('error', (error) => this.logger.warn(`Queue "${queue}": ${error.message}`));
      worker.on('failed', (job, error) => {
        if (job) void this.failed(processors, job, error);
      });
      this.workers.push(worker);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.workers.length === 0) return;
    // BullMQ's graceful close waits for Redis forever. With Redis away nothing can be fetched or
    // recorded anyway: let running processors return, then cut the connections. Those jobs were
    // not recorded as done, so they run again later (processors are idempotent).
    const redisAway = !(await redisAnswers(this.settings.redisUrl));
    if (redisAway) {
      this.logger.warn('Redis is away: stopping without recording the jobs in progress');
      while (this.inProgress.size > 0) await Promise.allSettled([...this.inProgress]);
    }
    await Promise.all(this.workers.map((worker) => worker.close(redisAway)));
    this.workers.length = 0;
  }

  private async failed(
    processors: Map<string, JobProcessor>,
    job: Job<JobPayload>,
    error: Error,
  ): Promise<void> {
    // Failed for good, rather than waiting for a retry: out of attempts, or stalled too often.
    const gaveUp = await job.isFailed().catch(() => false);
    this.logger.warn(
      `Job ${job.id} failed on attempt ${job.attemptsMade}: ${error.message}` +
        (gaveUp ? ' (the queue gave up; kept in Redis as failed)' : '; it will be retried'),
    );
    const processor = processors.get(job.name);
    if (!gaveUp || !processor?.gaveUp) return;
    await processor
      .gaveUp(job.data, error.message)
      .catch((cause: unknown) =>
        this.logger.error(`Could not record that job ${job.id} was given up: ${String(cause)}`),
      );
  }

  private async run(
    processors: Map<string, JobProcessor>,
    job: Job<JobPayload>,
    token: string | undefined,
  ): Promise<void> {
    const processor = processors.get(job.name);
    if (!processor) {
      // A job of a newer release, met during a rolling deploy: leave it, without using up an
      // attempt, for a worker that knows it.
      this.logger.warn(`No processor here for job ${job.id}; it waits for a worker that has one`);
      await job.moveToDelayed(Date.now() + UNKNOWN_JOB_DELAY_MS, token);
      throw new DelayedError();
    }
    const running = processor.process(job.data, {
      jobId: job.id ?? '',
      attempt: job.attemptsMade + 1,
      attempts: job.opts.attempts ?? 1,
    });
    this.inProgress.add(running);
    try {
      await running;
    } catch (error) {
      if (!(error instanceof RetryLaterError)) throw error;
      await job.moveToDelayed(Date.now() + error.delayMs, token);
      throw new DelayedError();
    } finally {
      this.inProgress.delete(running);
    }
  }
}

function limiterOf(
  limiter: QueueLimiter | undefined,
): { max: number; duration: number } | undefined {
  return limiter && { max: limiter.max, duration: limiter.durationMs };
}
