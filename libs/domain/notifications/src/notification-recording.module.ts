import { Module } from '@nestjs/common';
import { NotificationRecorder } from './notification-recorder.service';

/**
 * Records notifications with their send jobs. The application provides the outbox and
 * transactions (QueueModule).
 */
@Module({
  providers: [NotificationRecorder],
  exports: [NotificationRecorder],
})
export class NotificationRecordingModule {}
