/** What the global set-up hands to every test file, through the environment jest workers inherit. */
export const TEST_ENV = {
  adminDatabaseUrl: 'LA_TEST_ADMIN_DATABASE_URL',
  templateDatabase: 'LA_TEST_TEMPLATE_DATABASE',
  redisUrl: 'LA_TEST_REDIS_URL',
  runId: 'LA_TEST_RUN_ID',
  fileStorageDir: 'LA_TEST_FILE_STORAGE_DIR',
} as const;

/** The URL of another database on the same server. */
export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
