import { Module } from '@nestjs/common';
import { NotificationRecordingModule } from '@la-tracker/domain/notifications';
import { ReminderScanRepository } from './reminder-scan.repository';
import { ReminderScanService } from './reminder-scan.service';

/**
 * The scan that finds reminders due. The application provides the outbox and transactions
 * (QueueModule), through which each new reminder's send job is queued.
 */
@Module({
  imports: [NotificationRecordingModule],
  providers: [ReminderScanRepository, ReminderScanService],
  exports: [ReminderScanService],
})
export class ReminderScanModule {}
