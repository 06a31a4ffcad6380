import {
  Inject,
  Injectable,
  Module,
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

/** How long one dependency may take to answer before the process counts as not ready. */
const CHECK_TIMEOUT_MS = 2000;

export interface ReadinessReport {
  /** 200 when every dependency answers, 503 otherwise (and while shutting down). */
  httpStatus: 200 | 503;
  body: HealthCheckResult;
}

/**
 * Readiness: PostgreSQL answers, Redis answers, and the database has run every migration this
 * release has (a process on a schema that is behind must not receive traffic).
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
  ) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  async check(): Promise<ReadinessReport> {
    if (this.shuttingDown) {
      const down = { shutdown: { status: 'down' as const, message: 'shutting down' } };
      return { httpStatus: 503, body: { status: 'error', info: {}, error: down, details: down } };
    }
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
      ]);
      return { httpStatus: 200, body };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        return { httpStatus: 503, body: error.getResponse() as HealthCheckResult };
      }
      throw error;
    }
  }
}

/** Health checks on the process's PostgreSQL and Redis; needs the database module. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class HealthModule {}
