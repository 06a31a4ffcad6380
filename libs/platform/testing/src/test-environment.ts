import { readEnvironment } from '@la-tracker/platform/config';

import { TEST_ENV } from './test-env-names';

export { TEST_ENV, databaseUrlFor } from './test-env-names';

export function testEnvironment(): {
  adminDatabaseUrl: string;
  templateDatabase: string;
  redisUrl: string;
  runId: string;
  /** A directory of this run's, removed after it: stored files go in a folder of it per test. */
  fileStorageDir: string;
} {
  const env = readEnvironment();
  const values = Object.fromEntries(
    Object.entries(TEST_ENV).map(([key, name]) => [key, env[name]]),
  );
  const missing = Object.entries(values).filter(([, value]) => !value);
  if (missing.length > 0) {
    throw new Error(
      'The test services are not set up: run integration tests through `npm test` or `npm run test:integration`.',
    );
  }
  return values as ReturnType<typeof testEnvironment>;
}
