import { Module } from '@nestjs/common';
import { InspectionImportRequestRepository } from './inspection-import-request.repository';
import { InspectionImportRequestService } from './inspection-import-request.service';
import { InspectionsModule } from './inspections.module';

/**
 * Imports the worker runs. The application provides `FileStorage` (StorageModule) and the outbox
 * (QueueModule), which the rest of the inspections library does without.
 */
@Module({
  imports: [InspectionsModule],
  providers: [InspectionImportRequestRepository, InspectionImportRequestService],
  exports: [InspectionImportRequestService],
})
export class InspectionImportRequestsModule {}
