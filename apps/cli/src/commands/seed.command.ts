import { InspectionImportService } from '@la-tracker/domain/inspections';
import { LocalAuthorityImportService } from '@la-tracker/domain/local-authorities';
import { NetworksService } from '@la-tracker/domain/networks';
import { DEFAULT_PROGRAMME, ProgrammeChangeService } from '@la-tracker/domain/programmes';
import type { AppConfig } from '@la-tracker/platform/config';
import { withCliContext } from '../cli-context';

/**
 * Loads the reference data the product ships with, the default programme and its regional Lead
 * Member networks, then the bundled Ofsted edition (which needs the LAs); running it again changes
 * nothing.
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
    const programme = await app.get(ProgrammeChangeService).seedDefaultProgramme();
    log(
      programme.created
        ? `Default programme: "${DEFAULT_PROGRAMME.name}" created, with its 7 lots and targets (id ${DEFAULT_PROGRAMME.id}).`
        : `Default programme: already there (id ${DEFAULT_PROGRAMME.id}), left as it is.`,
    );
    const networks = await app.get(NetworksService).seedDefaultNetworks();
    log(
      networks.created > 0
        ? `Lead Member networks: ${networks.created} created for the default programme, one per region.`
        : 'Lead Member networks: already there, left as they are.',
    );
    const inspections = await app.get(InspectionImportService).importBundled();
    log(
      `Inspections (${inspections.fileName}): ${inspections.added.length} added, ${inspections.enriched.length} enriched, ` +
        `${inspections.corrected.length} corrected, ${inspections.unchanged} unchanged; ` +
        `${inspections.notPlaced.length} rows not placed, ${inspections.problems.length} problems.`,
    );
  });
}
