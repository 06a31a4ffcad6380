import { entities, migrations } from '@la-tracker/migrations';
import type { AppConfig } from '@la-tracker/platform/config';
import { runMigrations } from '@la-tracker/platform/database';

export function migrate(config: AppConfig, log: (message: string) => void): Promise<string[]> {
  return runMigrations(
    {
      url: config.databaseUrl,
      entities,
      migrations,
      applicationName: 'la-delivery-tracker-migrate',
    },
    log,
  );
}
