import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotificationRecorder } from '@la-tracker/domain/notifications';
import { TransactionRunner } from '@la-tracker/platform/queue';
import { Clock, dateInEngland, type IsoDate } from '@la-tracker/platform/time';
import { ReminderScanRepository, type ScanInput } from './reminder-scan.repository';
import { dueReminders, reminderSummary, type DueReminder } from './reminder.rules';

export interface ScanResult {
  asOf: IsoDate;
  /** Reminders due on the day, whether or not they were found on an earlier scan. */
  due: number;
  /** Those new on this scan, each queued to be sent. */
  added: number;
  /** Earlier ones still unresolved long after, queued again. */
  requeued: number;
}

/** Longer than any send's retries take to begin: a notification this old has lost its job. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Finds the reminders due and records each new one with its send job, in one transaction: a
 * reminder is queued once however often the scan runs, and never recorded without its job.
 */
@Injectable()
export class ReminderScanService {
  private readonly logger = new Logger(ReminderScanService.name);

  constructor(
    @Inject(ReminderScanRepository) private readonly repository: ReminderScanRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(NotificationRecorder) private readonly notifications: NotificationRecorder,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async scan(asOf?: IsoDate): Promise<ScanResult> {
    const today = asOf ?? dateInEngland(this.clock.now());
    const input = await this.repository.read(today);
    const due = dueReminders(input.records, today);
    const stale = await this.repository.unresolvedSince(
      new Date(this.clock.now().getTime() - STALE_AFTER_MS),
    );
    const added = await this.transactions.run(async (manager) => {
      const ids = await this.notifications.record(
        manager,
        due.map((reminder) => ({
          key: reminder.key,
          kind: reminder.kind,
          subjectId: reminder.subjectId,
          programmeId: reminder.programmeId,
          recipientType: reminder.recipient.type,
          recipientId: reminder.recipient.id,
          dueOn: reminder.dueOn,
          summary: reminderSummary(reminder, subjectOf(reminder, input)),
        })),
      );
      await this.notifications.queueAgain(manager, stale, today);
      return ids.length;
    });
    this.logger.log(
      `Reminders as of ${today}: ${due.length} due, ${added} new, ${stale.length} queued again`,
    );
    return { asOf: today, due: due.length, added, requeued: stale.length };
  }
}

/** A monthly return is owed to a programme; everything else is named by its own subject. */
function subjectOf(reminder: DueReminder, input: ScanInput): string {
  const id =
    reminder.kind === 'MONTHLY_RETURN_DUE' ? (reminder.programmeId ?? '') : reminder.subjectId;
  return input.subjects.get(id) ?? 'a record of the programme';
}
