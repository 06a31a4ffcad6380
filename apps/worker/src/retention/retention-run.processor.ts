import { Inject } from '@nestjs/common';
import { RetentionService } from '@la-tracker/domain/retention';
import { ProcessorFor, RETENTION_RUN, type JobProcessor } from '@la-tracker/platform/queue';

@ProcessorFor(RETENTION_RUN)
export class RetentionRunProcessor implements JobProcessor<{ asOf: string | null }> {
  constructor(@Inject(RetentionService) private readonly retention: RetentionService) {}

  async process({ asOf }: { asOf: string | null }): Promise<void> {
    await this.retention.run({ asOf: asOf ?? undefined });
  }
}
