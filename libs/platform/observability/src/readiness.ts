import {
  Inject,
  Injectable,
  Module,
  Optional,
  ServiceUnavailableException,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { pendingMigrations } from '@la-tracker/platform/database';
import { assertRedisReachable } from '@la-tracker/platform/queue';
import { DataSource } from 'typeorm';
import { QueueMetrics } from './queue-metrics';

/** How long one dependency may take to answer before the process counts as not ready. */
const CHECK_TIMEOUT_MS = 2000;
/** Queue counts are detail only: readiness does not wait long for them. */
const QUEUE_COUNT_TIMEOUT_MS = 1000;

export interface ReadinessReport {
  /** 200 when every dependency answers, 503 otherwise (and while shutting down). */
  httpStatus: 200 | 503;
  body: HealthCheckResult;
}

/**
 * Readiness: PostgreSQL answers, Redis answers, and the database has run every migration this
 * release has (a process on a schema that is behind must not receive traffic). Where the process
 * counts its queues, each queue's waiting, active, delayed and failed jobs come as detail under
 * `queues`, always "up": a backlog or failed jobs are for people to look into, and taking the
 * process out of service would not clear them (Redis away already makes it unready).
 */
@Injectable()
export class ReadinessService implements BeforeApplicationShutdown {
  /** Set once shutdown begins, so load balancers stop sending work before the pools close. */
  private shuttingDown = false;

  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(QueueMetrics) private readonly queueMetrics?: QueueMetrics,
  ) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  async check(): Promise<ReadinessReport> {
    if (this.shuttingDown) {
      const down = { shutdown: { status: 'down' as const, message: 'shutting down' } };
      return { httpStatus: 503, body: { status: 'error', info: {}, error: down, details: down } };
    }
    const queueMetrics = this.queueMetrics;
    try {
      const body = await this.health.check([
        () =>
          this.indicators
            .check('database')
            .attempt(async () => void (await this.dataSource.query('SELECT 1')))
            .withTimeout(CHECK_TIMEOUT_MS),
        () =>
          this.indicators
            .check('redis')
            .attempt(() => assertRedisReachable(this.config.redisUrl))
            .withTimeout(CHECK_TIMEOUT_MS),
        () =>
          this.indicators
            .check('schema')
            .attempt(async () => {
              const pending = await pendingMigrations(this.dataSource);
              if (pending.length > 0) {
                throw new Error(
                  `${pending.length} migration(s) have not run: ${pending.join(', ')}`,
                );
              }
            })
            .withTimeout(CHECK_TIMEOUT_MS),
        ...(queueMetrics ? [() => this.queueCounts(queueMetrics)] : []),
      ]);
      return { httpStatus: 200, body };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        return { httpStatus: 503, body: error.getResponse() as HealthCheckResult };
      }
      throw error;
    }
  }

  private async queueCounts(metrics: QueueMetrics) {
    return this.indicators.check('queues').up(await metrics.counts(QUEUE_COUNT_TIMEOUT_MS));
  }
}

/** Health checks on the process's PostgreSQL and Redis; needs the database module. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class HealthModule {}
