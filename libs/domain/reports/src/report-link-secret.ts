import { developmentSecretFromFile, type ReportLinksConfig } from '@la-tracker/platform/config';

/**
 * The secret report links are signed with: REPORT_LINK_SECRET, or outside production a random one
 * kept in a file under DATA_DIR, made on first use and then shared by every process.
 */
export function reportLinkSecret(config: ReportLinksConfig): string {
  if (config.secret) return config.secret;
  if (!config.developmentSecretFile) throw new Error('REPORT_LINK_SECRET is not set');
  return developmentSecretFromFile(config.developmentSecretFile);
}
