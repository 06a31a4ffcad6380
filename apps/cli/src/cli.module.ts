import { Module, type DynamicModule } from '@nestjs/common';
import { IdentityModule } from '@la-tracker/domain/identity';
import { InspectionImportRequestsModule, InspectionsModule } from '@la-tracker/domain/inspections';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { NetworksModule } from '@la-tracker/domain/networks';
import { ProgrammesModule } from '@la-tracker/domain/programmes';
import { entities, migrations } from '@la-tracker/migrations';
import { AuditModule } from '@la-tracker/platform/audit';
import { ConfigModule, type AppConfig } from '@la-tracker/platform/config';
import { DatabaseModule } from '@la-tracker/platform/database';
import { QueueModule } from '@la-tracker/platform/queue';
import { StorageModule } from '@la-tracker/platform/storage';
import { ClockModule } from '@la-tracker/platform/time';

/** The domain services the command line calls: the same as the api's, so the same rules hold. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
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
        NetworksModule,
      ],
    };
  }
}
