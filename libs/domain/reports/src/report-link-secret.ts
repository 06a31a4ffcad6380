import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReportLinksConfig } from '@la-tracker/platform/config';

/**
 * The secret report links are signed with: REPORT_LINK_SECRET, or outside production a random one
 * kept in a file under DATA_DIR, made on first use and then shared by every process.
 */
export function reportLinkSecret(config: ReportLinksConfig): string {
  if (config.secret) return config.secret;
  const file = config.developmentSecretFile;
  if (!file) throw new Error('REPORT_LINK_SECRET is not set');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
