import { Inject } from '@nestjs/common';
import { ReminderScanService } from '@la-tracker/domain/reminders';
import { ProcessorFor, REMINDER_SCAN, type JobProcessor } from '@la-tracker/platform/queue';

@ProcessorFor(REMINDER_SCAN)
export class ReminderScanProcessor implements JobProcessor<{ asOf: string | null }> {
  constructor(@Inject(ReminderScanService) private readonly scan: ReminderScanService) {}

  async process({ asOf }: { asOf: string | null }): Promise<void> {
    await this.scan.scan(asOf ?? undefined);
  }
}
