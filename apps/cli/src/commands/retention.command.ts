import { RetentionService } from '@la-tracker/domain/retention';
import type { AppConfig } from '@la-tracker/platform/config';
import { dateInEngland, isIsoDate } from '@la-tracker/platform/time';
import { withCliContext } from '../cli-context';

/** Runs the retention job now (as the 02:30 schedule does), or on a dry run counts what it would erase. */
export async function retention(
  config: AppConfig,
  options: { dryRun?: boolean; asOf?: string },
  log: (message: string) => void,
): Promise<void> {
  if (options.asOf !== undefined && !isIsoDate(options.asOf))
    throw new Error(
      `--as-of must be a date written YYYY-MM-DD, such as 2025-04-01, not "${options.asOf}".`,
    );
  // A day not yet come would erase what must still be kept.
  if (options.asOf !== undefined && options.asOf > dateInEngland(new Date()))
    throw new Error(`--as-of must not be after today in England; ${options.asOf} is.`);
  await withCliContext(config, async (app) => {
    const report = await app
      .get(RetentionService)
      .run({ asOf: options.asOf, dryRun: Boolean(options.dryRun) });
    const verb = report.dryRun ? 'would be' : 'were';
    log(
      `Retention as of ${report.asOf}${report.dryRun ? ' (dry run: nothing changed)' : ''}: ` +
        `participants are kept ${report.policy.monthsAfterProgrammeEnd} month(s) after their programme ends, ` +
        `development outbox messages ${report.policy.outboxDays} day(s).`,
    );
    log(
      `Participants: ${report.participants.erased} ${verb} erased, of ${report.participants.programmes.length} programme(s) past their period.`,
    );
    for (const programme of report.participants.programmes)
      log(
        `  programme ${programme.programmeId}: ended ${programme.endsOn}, kept until ${programme.keptUntil}`,
      );
    log(
      `Development outbox: ${report.developmentOutbox.deleted} message(s) sent before ${report.developmentOutbox.keptFrom} ${verb} deleted.`,
    );
  });
}
