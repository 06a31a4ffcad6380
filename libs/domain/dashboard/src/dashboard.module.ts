import { Module } from '@nestjs/common';
import { InspectionsModule } from '@la-tracker/domain/inspections';
import { MonthlyReturnsModule } from '@la-tracker/domain/monthly-returns';
import { NetworksModule } from '@la-tracker/domain/networks';
import { ProgrammesModule } from '@la-tracker/domain/programmes';
import { ReminderScanRepository } from '@la-tracker/domain/reminders';
import { MiPackModule } from '@la-tracker/domain/reports';
import { SpendModule } from '@la-tracker/domain/spend';
import { DashboardService } from './dashboard.service';

/**
 * The programme dashboard. The reminder scan's repository is provided here on its own: the
 * dashboard reads the visits it reads, and needs none of the scan's sending.
 */
@Module({
  imports: [
    ProgrammesModule,
    SpendModule,
    NetworksModule,
    MonthlyReturnsModule,
    InspectionsModule,
    MiPackModule,
  ],
  providers: [DashboardService, ReminderScanRepository],
  exports: [DashboardService],
})
export class DashboardModule {}
