import { Inject, Logger } from '@nestjs/common';
import { ReportsService } from '@la-tracker/domain/reports';
import { ProcessorFor, REPORTS_MONTHLY, type JobProcessor } from '@la-tracker/platform/queue';

@ProcessorFor(REPORTS_MONTHLY)
export class ReportsMonthlyProcessor implements JobProcessor<{ asOf: string | null }> {
  private readonly logger = new Logger(ReportsMonthlyProcessor.name);

  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  async process({ asOf }: { asOf: string | null }): Promise<void> {
    const queued = await this.reports.requestMonthly(asOf ?? undefined);
    this.logger.log(`Monthly MI packs queued: ${queued}`);
  }
}
