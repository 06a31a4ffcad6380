import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  InspectionImportRequestService,
  InspectionImportService,
  isFinished,
  type ChangedEventSummary,
  type FieldChange,
  type ImportedEventSummary,
  type InspectionImportProgress,
  type InspectionImportRequest,
  type InspectionImportSummary,
} from '@la-tracker/domain/inspections';
import type { AppConfig } from '@la-tracker/platform/config';
import { withCliContext } from '../cli-context';

const event = (e: ImportedEventSummary) =>
  `${e.localAuthority} ${e.kind} inspected ${e.inspectedOn ?? '(not given)'}, published ${e.publishedOn ?? '(not given)'} [${e.rows.join('; ')}]`;

const change = (c: FieldChange) => `${c.field}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`;

const changes = (e: ChangedEventSummary, list: FieldChange[]) =>
  `      ${list.map(change).join('; ')}${e.firstRecordedBy === 'USER' ? ' (first recorded by hand)' : ''}`;

/** The summary an import prints: counts first, then what changed, what was kept and why. */
export function describeInspectionImport(summary: InspectionImportSummary): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return [
    summary.dryRun
      ? `Dry run of ${summary.fileName}: nothing was written. The file would make these changes:`
      : `Imported ${summary.fileName} (${summary.edition === 'WIDE_2024' ? 'March 2024 layout' : 'later layout'}, as at ${summary.asAt ?? 'unknown'}):`,
    `  ${plural(summary.added.length, 'event')} added`,
    `  ${plural(summary.enriched.length, 'event')} enriched`,
    ...summary.enriched.flatMap((e) => [`    ~ ${event(e)}`, changes(e, e.fills)]),
    `  ${plural(summary.corrected.length, 'event')} corrected (the file wins)`,
    ...summary.corrected.flatMap((e) => [
      `    ! ${event(e)}`,
      changes(e, [...e.corrections, ...e.fills]),
    ]),
    `  ${plural(summary.unchanged, 'event')} unchanged`,
    ...(summary.keptNewer.length > 0
      ? [
          `  ${plural(summary.keptNewer.length, 'event')} where a newer edition's values were kept`,
          ...summary.keptNewer.flatMap((e) => [`    = ${event(e)}`, changes(e, e.kept)]),
        ]
      : []),
    `  ${plural(summary.notPlaced.length, 'row')} not placed`,
    ...summary.notPlaced.map((r) => `    ? ${r.sheet} row ${r.row} "${r.laName}": ${r.reason}`),
    ...(summary.problems.length > 0
      ? [
          `  ${plural(summary.problems.length, 'problem')}`,
          ...summary.problems.map((p) => `    - ${p}`),
        ]
      : []),
  ].join('\n');
}

/** `[ 40%] Matched 290 of 300 rows…`: a line of progress, its percentage in a fixed width. */
function progressLine({ percent, message }: InspectionImportProgress): string {
  return `[${String(percent).padStart(3)}%] ${message}`;
}

export function importInspections(
  config: AppConfig,
  file: string,
  options: { dryRun: boolean },
  log: (message: string) => void,
): Promise<InspectionImportSummary> {
  const buffer = readFileSync(file);
  return withCliContext(config, async (app) => {
    const summary = await app.get(InspectionImportService).importFile(buffer, basename(file), {
      dryRun: options.dryRun,
      onProgress: (progress) => log(progressLine(progress)),
    });
    log(describeInspectionImport(summary));
    return summary;
  });
}

const POLL_INTERVAL_MS = 250;
const NO_WORKER_HINT_AFTER_MS = 15_000;

/** Polls the request until it is finished, printing each move of its progress. */
async function followImport(
  read: () => Promise<InspectionImportRequest | null>,
  log: (message: string) => void,
): Promise<InspectionImportRequest> {
  let shown = '';
  for (let waited = 0; ; waited += POLL_INTERVAL_MS) {
    const request = await read();
    if (!request) throw new Error('The import request is no longer recorded.');
    if (request.progressMessage !== null) {
      const line = progressLine({ percent: request.progress, message: request.progressMessage });
      if (line !== shown) log(line);
      shown = line;
    }
    if (isFinished(request.status)) return request;
    if (request.startedAt === null && waited === NO_WORKER_HINT_AFTER_MS)
      log('No worker has taken it yet: is `npm start` (or the worker) running?');
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * `--queue`: hands the file to the worker, as the web app will, and follows the request until
 * it is done; the summary is the one the synchronous import prints.
 */
export function queueInspectionImport(
  config: AppConfig,
  file: string,
  options: { dryRun: boolean },
  log: (message: string) => void,
): Promise<InspectionImportSummary> {
  const buffer = readFileSync(file);
  return withCliContext(config, async (app) => {
    const imports = app.get(InspectionImportRequestService);
    const queued = await imports.request(
      { buffer, fileName: basename(file) },
      { dryRun: options.dryRun },
    );
    log(
      `Queued import ${queued.id} of ${queued.fileName}${queued.dryRun ? ' (a dry run)' : ''} for the worker. Ctrl-C stops following it here, not the import.`,
    );
    const finished = await followImport(() => imports.find(queued.id), log);
    if (finished.status !== 'DONE' || !finished.summary)
      throw new Error(finished.error ?? `Import ${queued.id} failed.`);
    log(describeInspectionImport(finished.summary));
    return finished.summary;
  });
}
