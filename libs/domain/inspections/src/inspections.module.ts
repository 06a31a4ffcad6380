import { Module } from '@nestjs/common';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { AuditModule } from '@la-tracker/platform/audit';
import { EligibilityService } from './eligibility.service';
import { InspectionRepository } from './inspection.repository';
import { InspectionsService } from './inspections.service';

@Module({
  imports: [AuditModule, LocalAuthoritiesModule],
  providers: [InspectionRepository, InspectionsService, EligibilityService],
  exports: [InspectionsService, EligibilityService],
})
export class InspectionsModule {}
