import { Module } from '@nestjs/common';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { AuditModule } from '@la-tracker/platform/audit';
import { EligibilityService } from './eligibility.service';
import { ManualRecordService } from './manual-record.service';
import { InspectionImportRepository } from './inspection-import.repository';
import { InspectionImportService } from './inspection-import.service';
import { InspectionRepository } from './inspection.repository';
import { InspectionsService } from './inspections.service';

@Module({
  imports: [AuditModule, LocalAuthoritiesModule],
  providers: [
    InspectionRepository,
    InspectionsService,
    EligibilityService,
    InspectionImportRepository,
    InspectionImportService,
    ManualRecordService,
  ],
  exports: [InspectionsService, EligibilityService, InspectionImportService, ManualRecordService],
})
export class InspectionsModule {}
