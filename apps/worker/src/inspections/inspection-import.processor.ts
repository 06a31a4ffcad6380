import { Inject } from '@nestjs/common';
import { InspectionImportRequestService } from '@la-tracker/domain/inspections';
import {
  INSPECTION_IMPORT,
  ProcessorFor,
  type JobContext,
  type JobProcessor,
} from '@la-tracker/platform/queue';

@ProcessorFor(INSPECTION_IMPORT)
export class InspectionImportProcessor implements JobProcessor<{ importId: string }> {
  constructor(
    @Inject(InspectionImportRequestService)
    private readonly imports: InspectionImportRequestService,
  ) {}

  process({ importId }: { importId: string }, { attempt, attempts }: JobContext): Promise<void> {
    return this.imports.run(importId, { number: attempt, of: attempts });
  }

  gaveUp({ importId }: { importId: string }): Promise<void> {
    return this.imports.giveUp(importId);
  }
}
