import { LocalAuthorityImportService } from '@la-tracker/domain/local-authorities';
import type { AppConfig } from '@la-tracker/platform/config';
import { withCliContext } from '../cli-context';

/** Loads the reference data the product ships with; running it again changes nothing. */
export function seed(config: AppConfig, log: (message: string) => void): Promise<void> {
  return withCliContext(config, async (app) => {
    const summary = await app.get(LocalAuthorityImportService).seedReferenceData();
    const las = summary.localAuthorities;
    log(
      `Reference data: regions ${summary.regions.created} created, ${summary.regions.updated} updated; ` +
        `local authorities ${las.created.length} created, ${las.updated.length} updated, ${las.unchanged} unchanged; ` +
        `aliases ${summary.aliases.created} created, ${summary.aliases.updated} updated.`,
    );
  });
}
