import { Inject } from '@nestjs/common';
import { ReportsService } from '@la-tracker/domain/reports';
import {
  ProcessorFor,
  REPORT_BUILD,
  type JobContext,
  type JobProcessor,
} from '@la-tracker/platform/queue';

@ProcessorFor(REPORT_BUILD)
export class ReportBuildProcessor implements JobProcessor<{ reportId: string }> {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  process({ reportId }: { reportId: string }, { attempt, attempts }: JobContext): Promise<void> {
    return this.reports.build(reportId, { number: attempt, of: attempts });
  }

  gaveUp({ reportId }: { reportId: string }, reason: string): Promise<void> {
    return this.reports.giveUp(reportId, reason);
  }
}
