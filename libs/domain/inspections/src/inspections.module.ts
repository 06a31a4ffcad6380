import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { InspectionRepository } from './inspection.repository';
import { InspectionsService } from './inspections.service';

@Module({
  imports: [AuditModule],
  providers: [InspectionRepository, InspectionsService],
  exports: [InspectionsService],
})
export class InspectionsModule {}
