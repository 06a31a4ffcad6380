import { Module } from '@nestjs/common';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { AuditModule } from '@la-tracker/platform/audit';
import { ParticipantRepository } from './participant.repository';
import { ParticipantsService } from './participants.service';

@Module({
  imports: [AuditModule, LocalAuthoritiesModule],
  providers: [ParticipantRepository, ParticipantsService],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
