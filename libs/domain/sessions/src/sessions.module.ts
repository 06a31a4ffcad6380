import { Module } from '@nestjs/common';
import { CoachingModule } from '@la-tracker/domain/coaching';
import { EngagementsModule } from '@la-tracker/domain/engagements';
import { LocalAuthoritiesModule } from '@la-tracker/domain/local-authorities';
import { NotificationRecordingModule } from '@la-tracker/domain/notifications';
import { AuditModule } from '@la-tracker/platform/audit';
import { SessionImportRepository } from './session-import.repository';
import { SessionImportService } from './session-import.service';
import { SessionRepository } from './session.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    AuditModule,
    LocalAuthoritiesModule,
    EngagementsModule,
    CoachingModule,
    NotificationRecordingModule,
  ],
  providers: [SessionRepository, SessionsService, SessionImportRepository, SessionImportService],
  exports: [SessionsService, SessionImportService],
})
export class SessionsModule {}
