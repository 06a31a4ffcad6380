import { Module } from '@nestjs/common';
import { InspectionsModule } from '@la-tracker/domain/inspections';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { AuditModule } from '@la-tracker/platform/audit';
import { EngagementRepository } from './engagement.repository';
import { EngagementsService } from './engagements.service';

@Module({
  imports: [AuditModule, LocalAuthoritiesModule, InspectionsModule],
  providers: [EngagementRepository, EngagementsService],
  exports: [EngagementsService],
})
export class EngagementsModule {}
