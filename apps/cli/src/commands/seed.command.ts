import { InspectionImportService } from '@la-tracker/domain/inspections';
import { LocalAuthorityImportService } from '@la-tracker/domain/local-authorities';
import type { AppConfig } from '@la-tracker/platform/config';
import { withCliContext } from '../cli-context';

/**
 * Loads the reference data the product ships with, then the bundled Ofsted edition (which needs
 * the LAs); running it again changes nothing.
 */
export function seed(config: AppConfig, log: (message: string) => void): Promise<void> {
  return withCliContext(config, async (app) => {
    const summary = await app.get(LocalAuthorityImportService).seedReferenceData();
    const las = summary.localAuthorities;
    log(
      `Reference data: regions ${summary.regions.created} created, ${summary.regions.updated} updated; ` +
        `local authorities ${las.created.length} created, ${las.updated.length} updated, ${las.unchanged} unchanged; ` +
        `aliases ${summary.aliases.created} created, ${summary.aliases.updated} updated.`,
    );
    const inspections = await app.get(InspectionImportService).importBundled();
    log(
      `Inspections (${inspections.fileName}): ${inspections.added.length} added, ${inspections.enriched.length} enriched, ` +
        `${inspections.corrected.length} corrected, ${inspections.unchanged} unchanged; ` +
        `${inspections.notPlaced.length} rows not placed, ${inspections.problems.length} problems.`,
    );
  });
}
