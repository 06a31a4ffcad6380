import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Queue, type JobType } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import { withTimeout } from '@la-tracker/platform/time';

/** The states a job can be in, each reported even when empty so a dashboard sees zeros. */
export const JOB_STATES = [
  'waiting',
  'prioritized',
  'waiting-children',
  'delayed',
  'active',
  'completed',
  'failed',
] as const satisfies readonly JobType[];

/** What readiness reports of each queue: the work waiting or under way, and what failed. */
export const READINESS_JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueCounts = Record<(typeof READINESS_JOB_STATES)[number], number>;

/** Which queues to count, and where BullMQ keeps them. */
export interface QueueMetricsOptions {
  queues: readonly string[];
  redisUrl: string;
  prefix: string;
}

const QUEUE_METRICS_OPTIONS = Symbol('QUEUE_METRICS_OPTIONS');

/** A scrape must not wait long on a Redis that is away. */
const COUNT_TIMEOUT_MS = 2000;

/**
 * `queue_jobs{queue,state}`: how many jobs each BullMQ queue holds in each state (failed ones
 * included), read from Redis when Prometheus scrapes. With no queues the metric has no samples.
 * The one set of connections the process opens to look at its queues: readiness counts through
 * it, and the api's queue dashboard shows these queues.
 */
@Injectable()
export class QueueMetrics implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueMetrics.name);
  readonly queues: readonly Queue[];

  constructor(
    @Inject(QUEUE_METRICS_OPTIONS) options: QueueMetricsOptions,
    @Inject(Registry) registry: Registry,
  ) {
    this.queues = options.queues.map((name) => {
      const queue = new Queue(name, {
        prefix: options.prefix,
        // Fail at once while Redis is away rather than queue the command until it returns.
        connection: {
          url: options.redisUrl,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          retryStrategy: (times: number) => Math.min(250 * times, 3_000),
        },
      });
      queue.on('error', () => undefined); // readiness reports Redis; a scrape just skips it
      return queue;
    });
    const gauge: Gauge<'queue' | 'state'> = new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each BullMQ queue, by state.',
      labelNames: ['queue', 'state'],
      registers: [registry],
      collect: () => this.collect(gauge),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.queues.map((queue) =>
        // With Redis away, disconnect() never settles: let it go rather than hang the shutdown.
        withTimeout(queue.close(), COUNT_TIMEOUT_MS).catch(
          () => void queue.disconnect().catch(() => undefined),
        ),
      ),
    );
  }

  /**
   * Each queue's counts for readiness, or why they could not be read. Information only: a full
   * queue or failed jobs say nothing about whether this process can serve.
   */
  async counts(timeoutMs: number): Promise<Record<string, QueueCounts | { error: string }>> {
    const entries = await Promise.all(
      this.queues.map(async (queue) => {
        try {
          const counts = await withTimeout(
            queue.getJobCounts(...READINESS_JOB_STATES),
            timeoutMs,
            'Redis did not answer in time',
          );
          const known = Object.fromEntries(
            READINESS_JOB_STATES.map((state) => [state, counts[state] ?? 0]),
          ) as QueueCounts;
          return [queue.name, known] as const;
        } catch (error) {
          return [
            queue.name,
            { error: error instanceof Error ? error.message : String(error) },
          ] as const;
        }
      }),
    );
    return Object.fromEntries(entries) as Record<string, QueueCounts | { error: string }>;
  }

  private async collect(gauge: Gauge<'queue' | 'state'>): Promise<void> {
    gauge.reset();
    await Promise.all(
      this.queues.map(async (queue) => {
        try {
          const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), COUNT_TIMEOUT_MS);
          for (const state of JOB_STATES) {
            gauge.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        } catch (error) {
          // A missing series says "unknown" better than a zero would.
          this.logger.warn(`Could not count the jobs of queue "${queue.name}": ${String(error)}`);
        }
      }),
    );
  }
}

/**
 * Job counts of the given queues in the process's metrics and readiness; needs the metrics
 * module. Global, so readiness (and the api's dashboard) find the one `QueueMetrics`.
 */
@Module({})
export class QueueMetricsModule {
  static forRoot(options: QueueMetricsOptions): DynamicModule {
    return {
      module: QueueMetricsModule,
      global: true,
      providers: [{ provide: QUEUE_METRICS_OPTIONS, useValue: options }, QueueMetrics],
      exports: [QueueMetrics],
    };
  }
}
