import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { InspectionImportRequestsModule } from '@la-tracker/domain/inspections';
import { NotificationsModule } from '@la-tracker/domain/notifications';
import { ReminderScanModule } from '@la-tracker/domain/reminders';
import { RetentionModule } from '@la-tracker/domain/retention';
import { ReportsModule } from '@la-tracker/domain/reports';
import { entities, migrations } from '@la-tracker/migrations';
import { ConfigModule, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { LoggingModule } from '@la-tracker/platform/logging';
import {
  MetricsModule,
  OperationsServerModule,
  QueueMetricsModule,
} from '@la-tracker/platform/observability';
import {
  JOBS,
  JobRegistry,
  QUEUES,
  QueueModule,
  workerConnections,
  type JobDefinition,
  type JobProcessor,
} from '@la-tracker/platform/queue';
import { StorageModule } from '@la-tracker/platform/storage';
import { ClockModule } from '@la-tracker/platform/time';
import { InspectionImportProcessor } from './inspections/inspection-import.processor';
import { NotificationSendProcessor } from './notifications/notification-send.processor';
import { ReminderScanProcessor } from './notifications/reminder-scan.processor';
import { RetentionRunProcessor } from './retention/retention-run.processor';
import { ReportBuildProcessor } from './reports/report-build.processor';
import { ReportsMonthlyProcessor } from './reports/reports-monthly.processor';
import { JobSchedules } from './job-schedules';
import { OutboxSweeper } from './outbox-sweeper';
import { QueueWorkers, WORKER_PROCESSORS } from './queue-workers';

/** One processor per job in `JOBS`, each marked `@ProcessorFor(job)`. */
export const PROCESSORS: Array<Type<JobProcessor>> = [
  InspectionImportProcessor,
  NotificationSendProcessor,
  ReminderScanProcessor,
  RetentionRunProcessor,
  ReportBuildProcessor,
  ReportsMonthlyProcessor,
];

export interface WorkerOptions {
  /** The jobs and their processors: the product's unless a test brings its own. */
  jobs?: readonly JobDefinition[];
  processors?: Array<Type<JobProcessor>>;
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: WorkerOptions = {}): DynamicModule {
    const processors = options.processors ?? PROCESSORS;
    const jobs = options.jobs ?? JOBS;
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot({
          entities,
          migrations,
          applicationName: 'la-delivery-tracker-worker',
          // A pool at least the jobs it runs at once, rather than fewer jobs: concurrency is sized
          // to overlap Notify's latency, when a send holds no connection; but when sends are
          // quick every job wants one at once, and a job short of one sits on the pool while
          // others' transactions wait idle behind the event loop.
          minimumPoolSize: workerConnections(new JobRegistry(jobs).queues),
        }),
        QueueModule.forRoot(config, { jobs }),
        StorageModule.forRoot(config),
        // The domain services the processors call.
        InspectionImportRequestsModule,
        NotificationsModule.forRoot(config),
        ReminderScanModule,
        RetentionModule,
        ReportsModule,
        MetricsModule.forRoot(),
        QueueMetricsModule.forRoot({
          queues: Object.keys(QUEUES),
          redisUrl: config.redisUrl,
          prefix: config.queuePrefix,
        }),
        // The worker has no HTTP server of its own: health and metrics get a small one.
        OperationsServerModule.forRoot({ port: config.workerPort }),
      ],
      providers: [
        ...processors,
        { provide: WORKER_PROCESSORS, useValue: processors },
        QueueWorkers,
        OutboxSweeper,
        JobSchedules,
      ],
    };
  }
}
