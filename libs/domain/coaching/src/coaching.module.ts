import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { CoachingRepository } from './coaching.repository';
import { CoachingService } from './coaching.service';

@Module({
  imports: [AuditModule],
  providers: [CoachingRepository, CoachingService],
  exports: [CoachingService],
})
export class CoachingModule {}
