import { Module } from '@nestjs/common';
import { ParticipantsModule } from '@la-tracker/domain/participants';
import { AuditModule } from '@la-tracker/platform/audit';
import { RetentionService } from './retention.service';

@Module({
  imports: [AuditModule, ParticipantsModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
