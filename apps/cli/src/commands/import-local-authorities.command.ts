import { readFileSync } from 'node:fs';
import {
  LocalAuthorityImportService,
  type LocalAuthorityImportSummary,
} from '@la-tracker/domain/local-authorities';
import type { AppConfig } from '@la-tracker/platform/config';
import { withCliContext } from '../cli-context';

export function describeImport(summary: LocalAuthorityImportSummary): string {
  const lines = [
    summary.dryRun
      ? 'Dry run: nothing was written. The file would make these changes:'
      : 'Imported:',
    `  ${summary.created.length} local authorit${summary.created.length === 1 ? 'y' : 'ies'} created`,
    ...summary.created.map((la) => `    + ${la.gssCode} ${la.name}`),
    `  ${summary.updated.length} updated`,
    ...summary.updated.flatMap((update) => [
      ...update.changes.map(
        (change) =>
          `    ~ ${update.gssCode} ${change.field}: ${change.before ?? '(none)'} → ${change.after ?? '(none)'}`,
      ),
      ...update.addedEarlierGssCodes.map((code) => `    ~ ${update.gssCode} earlier code ${code}`),
    ]),
    ...summary.successionsAdded.map(
      (s) =>
        `    → ${s.predecessorGssCode} succeeded by ${s.successorGssCode} from ${s.effectiveOn}`,
    ),
    `  ${summary.unchanged} unchanged`,
  ];
  return lines.join('\n');
}

export function importLocalAuthorities(
  config: AppConfig,
  file: string,
  options: { dryRun: boolean },
  log: (message: string) => void,
): Promise<LocalAuthorityImportSummary> {
  const text = readFileSync(file, 'utf8');
  return withCliContext(config, async (app) => {
    const summary = await app.get(LocalAuthorityImportService).importFile(text, options);
    log(describeImport(summary));
    return summary;
  });
}
