import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  InspectionImportService,
  type ChangedEventSummary,
  type FieldChange,
  type ImportedEventSummary,
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

export function importInspections(
  config: AppConfig,
  file: string,
  options: { dryRun: boolean },
  log: (message: string) => void,
): Promise<InspectionImportSummary> {
  const buffer = readFileSync(file);
  return withCliContext(config, async (app) => {
    const summary = await app
      .get(InspectionImportService)
      .importFile(buffer, basename(file), { dryRun: options.dryRun, onProgress: log });
    log(describeInspectionImport(summary));
    return summary;
  });
}
