import { randomUUID } from 'node:crypto';
import { signDevelopmentToken } from '@la-tracker/platform/auth';
import { readEnvironment } from '@la-tracker/platform/config';
import { CLI, run } from './cli';

/** The local signing secret the api under test and its tokens share. */
export const TEST_SECRET = 'end-to-end-tests-secret-0123456789abcdef';

/** A token for a development user with exactly this role and scope, made by the command line. */
export async function tokenFor(
  databaseUrl: string,
  role: string,
  ...scopeArgs: string[]
): Promise<string> {
  const result = await run(CLI, ['token', '--role', role, ...scopeArgs], {
    ...readEnvironment(),
    DATABASE_URL: databaseUrl,
    AUTH_HS256_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
  });
  if (result.code !== 0) throw new Error(`token --role ${role} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** A valid token for someone the database has never heard of: signed in, with no roles. */
export function tokenForStranger(): Promise<string> {
  return signDevelopmentToken(new TextEncoder().encode(TEST_SECRET), {
    subject: `stranger-${randomUUID()}`,
    email: null,
  });
}
