import { UsersService, type PersonWithRoles } from '@la-tracker/domain/identity';
import { DEVELOPMENT_ISSUER, isRole, type RoleGrant } from '@la-tracker/platform/auth';
import type { AppConfig } from '@la-tracker/platform/config';
import { withCliContext } from '../cli-context';
import { OPERATOR } from '../operator';

const PAGE = 100;

export interface ListUsersOptions {
  search?: string;
  role?: string;
}

export interface AddAdminOptions {
  subject: string;
  issuer?: string;
  email?: string;
}

function describeGrant(grant: RoleGrant): string {
  const scope = grant.supplierId ?? grant.regionCode ?? grant.programmeId;
  return scope ? `${grant.role} ${scope}` : grant.role;
}

/** Columns padded to their widest cell, so the list reads as a table in a terminal. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  return [header, ...rows].map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}

/** Prints everyone who has signed in (or been added), by name, with the roles they hold. */
export async function listUsers(
  config: AppConfig,
  options: ListUsersOptions,
  log: (message: string) => void,
): Promise<void> {
  const role = options.role?.toUpperCase();
  if (role !== undefined && !isRole(role))
    throw new Error(
      `--role must be one of PROGRAMME_MANAGER, SUPPLIER, REGIONAL_ADVISER, ADMIN (got "${options.role}")`,
    );
  const people = await withCliContext(config, async (app) => {
    const users = app.get(UsersService);
    const found: PersonWithRoles[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await users.list(
        OPERATOR,
        { search: options.search, role },
        { first: PAGE, after },
      );
      found.push(...page.edges.map((edge) => edge.node));
      if (!page.hasNextPage) return found;
      after = page.edges.at(-1)?.cursor;
    }
  });
  if (people.length === 0) return log('No people yet: they appear once they sign in.');
  const rows = people.map((person) => [
    person.displayName ?? '-',
    person.email ?? '-',
    person.subject,
    person.issuer,
    person.assignments.map(describeGrant).join(', ') || '(no roles)',
    person.id,
  ]);
  for (const line of table(['NAME', 'E-MAIL', 'SUBJECT', 'ISSUER', 'ROLES', 'ID'], rows)) log(line);
  log(`${people.length} ${people.length === 1 ? 'person' : 'people'}.`);
}

/**
 * Makes someone an admin, creating their record if they have not signed in yet: how a new
 * installation gets its first admin. The issuer is the configured OpenID Connect issuer unless
 * given (else, outside production, the development issuer). A repeat changes nothing.
 */
export async function addAdmin(
  config: AppConfig,
  options: AddAdminOptions,
  log: (message: string) => void,
): Promise<void> {
  const subject = options.subject.trim();
  if (subject === '') throw new Error('--subject must name the person’s id at their issuer.');
  const email = options.email?.trim() || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email))
    throw new Error(`--email must be an e-mail address (got "${options.email}")`);
  const issuer = options.issuer?.trim() || config.auth.oidc?.issuer || DEVELOPMENT_ISSUER;
  // Production never accepts the development issuer's tokens: such an admin could never sign in,
  // yet would count as one, letting the real admins remove each other down to none.
  if (config.nodeEnv === 'production' && issuer !== config.auth.oidc?.issuer)
    throw new Error(
      `--issuer must be the OpenID Connect issuer people sign in with here (${config.auth.oidc?.issuer}); got "${issuer}".`,
    );
  const { person, created, granted } = await withCliContext(config, (app) =>
    app.get(UsersService).addAdmin({ issuer, subject, email }),
  );
  const who = `${subject} at ${issuer} (user ${person.id})`;
  if (!granted) return log(`${who} is already an admin: nothing changed.`);
  log(`${created ? 'Added' : 'Made'} ${who} an admin.`);
}
