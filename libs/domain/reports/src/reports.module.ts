import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@la-tracker/domain/programmes';
import { SpendModule } from '@la-tracker/domain/spend';
import { ExtractRepository } from './extract.repository';
import { MiPackModule } from './mi-pack.module';
import { ReportRepository } from './report.repository';
import { ReportsService } from './reports.service';

/**
 * Reports, requested in the api and built in the worker. The application provides `FileStorage`
 * (StorageModule), the outbox (QueueModule) and the configuration.
 */
@Module({
  imports: [ProgrammesModule, SpendModule, MiPackModule],
  providers: [ReportRepository, ExtractRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
