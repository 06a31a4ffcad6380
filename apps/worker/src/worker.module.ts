import { Module, type DynamicModule } from '@nestjs/common';
import { entities, migrations } from '@la-tracker/migrations';
import { ConfigModule, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { LoggingModule } from '@la-tracker/platform/logging';
import { QueueModule } from '@la-tracker/platform/queue';
import { ClockModule } from '@la-tracker/platform/time';
import { KeepAlive } from './keep-alive';

/** The BullMQ processors, one per job name; domain issues add theirs here. */
export const PROCESSORS: Array<{ jobName: string; processor: new (...args: never[]) => unknown }> =
  [];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
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
        }),
        QueueModule.forRoot(config),
      ],
      providers: [KeepAlive, ...PROCESSORS.map((entry) => entry.processor)],
    };
  }
}
