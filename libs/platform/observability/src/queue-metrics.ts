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
 * `queue_jobs{queue,state}`: how many jobs each BullMQ queue holds in each state, read from Redis
 * when Prometheus scrapes. With no queues the metric has no samples.
 */
@Injectable()
export class QueueMetrics implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueMetrics.name);
  private readonly queues: Queue[];

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

/** Job counts of the given queues in the process's metrics; needs the metrics module. */
@Module({})
export class QueueMetricsModule {
  static forRoot(options: QueueMetricsOptions): DynamicModule {
    return {
      module: QueueMetricsModule,
      providers: [{ provide: QUEUE_METRICS_OPTIONS, useValue: options }, QueueMetrics],
    };
  }
}
