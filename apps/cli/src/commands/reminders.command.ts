import { NotificationsService } from '@la-tracker/domain/notifications';
import { ReminderScanService } from '@la-tracker/domain/reminders';
import type { AppConfig } from '@la-tracker/platform/config';
import { dateInEngland, isIsoDate } from '@la-tracker/platform/time';
import { withCliContext } from '../cli-context';
import { OPERATOR } from '../operator';

/** Runs the reminder scan now (as the 07:00 schedule does), for today or the day given. */
export async function runReminders(
  config: AppConfig,
  options: { asOf?: string },
  log: (message: string) => void,
): Promise<void> {
  if (options.asOf !== undefined && !isIsoDate(options.asOf))
    throw new Error(
      `--as-of must be a date written YYYY-MM-DD, such as 2022-12-29, not "${options.asOf}".`,
    );
  // A day not yet come would send reminders early, and their keys would hold back the real ones.
  if (options.asOf !== undefined && options.asOf > dateInEngland(new Date()))
    throw new Error(`--as-of must not be after today in England; ${options.asOf} is.`);
  await withCliContext(config, async (app) => {
    const result = await app.get(ReminderScanService).scan(options.asOf);
    log(
      `Reminders as of ${result.asOf}: ${result.due} due, ` +
        (result.added > 0
          ? `${result.added} new and queued to be sent (the worker sends them).`
          : '0 new.'),
    );
  });
}

/** Prints the latest notifications: what each says, to whom, and how far it got. */
export async function listNotifications(
  config: AppConfig,
  options: { limit: number },
  log: (message: string) => void,
): Promise<void> {
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 100)
    throw new Error('--limit must be a whole number from 1 to 100.');
  await withCliContext(config, async (app) => {
    const page = await app.get(NotificationsService).list(OPERATOR, {}, { first: options.limit });
    if (page.totalCount === 0) return log('No notifications yet.');
    log(`The latest ${page.edges.length} of ${page.totalCount} notifications:`);
    for (const { node } of page.edges)
      log(
        `${node.createdAt.toISOString()}  ${node.status.padEnd(7)}  ${node.kind}  to ${node.recipient ?? '(no address)'}\n    ${node.summary}` +
          (node.lastError ? `\n    last error: ${node.lastError}` : ''),
      );
  });
}
