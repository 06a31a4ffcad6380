import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EngagementsModule } from '@la-tracker/domain/engagements';
import { IdentityModule } from '@la-tracker/domain/identity';
import { InspectionImportRequestsModule, InspectionsModule } from '@la-tracker/domain/inspections';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { MonthlyReturnsModule } from '@la-tracker/domain/monthly-returns';
import { ParticipantsModule } from '@la-tracker/domain/participants';
import { NetworksModule } from '@la-tracker/domain/networks';
import { NotificationsReadModule } from '@la-tracker/domain/notifications';
import { ReminderScanModule } from '@la-tracker/domain/reminders';
import { ProgrammesModule } from '@la-tracker/domain/programmes';
import { RetentionModule } from '@la-tracker/domain/retention';
import { SessionsModule } from '@la-tracker/domain/sessions';
import { entities, migrations } from '@la-tracker/migrations';
import { AuditModule } from '@la-tracker/platform/audit';
import { ConfigModule, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { QueueModule } from '@la-tracker/platform/queue';
import { StorageModule } from '@la-tracker/platform/storage';
import { Clock, ClockModule } from '@la-tracker/platform/time';

/** A clock the command sets itself, for records dated as they would have been made. */
@Global()
@Module({})
class GivenClockModule {
  static of(clock: Clock): DynamicModule {
    return {
      module: GivenClockModule,
      providers: [{ provide: Clock, useValue: clock }],
      exports: [Clock],
    };
  }
}

export interface CliOptions {
  /** Replaces the system clock. */
  clock?: Clock;
}

/** The domain services the command line calls: the same as the api's, so the same rules hold. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, options: CliOptions = {}): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        options.clock ? GivenClockModule.of(options.clock) : ClockModule,
        AuditModule,
        DatabaseModule.forRoot({
          entities,
          migrations,
          applicationName: 'la-delivery-tracker-cli',
        }),
        // Imports queued here are relayed to the worker after commit, as the api does.
        QueueModule.forRoot(config),
        StorageModule.forRoot(config),
        LocalAuthoritiesModule,
        InspectionsModule,
        InspectionImportRequestsModule,
        IdentityModule,
        ProgrammesModule,
        EngagementsModule,
        SessionsModule,
        ParticipantsModule,
        MonthlyReturnsModule,
        NetworksModule,
        ReminderScanModule,
        NotificationsReadModule,
        RetentionModule,
      ],
    };
  }
}
