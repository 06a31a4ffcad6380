import { startOidcIssuer, type LocalOidcIssuer } from '@la-tracker/platform/testing';
import { query } from './database';

/** The api's OIDC_AUDIENCE for the run: the client id the issuer's tokens are for. */
export const BENCH_AUDIENCE = 'la-delivery-tracker-bench';

/** Longer than any run, so no token expires while it is being measured. */
const TOKEN_LIFETIME = '2h';

export type BenchRole = 'ADMIN' | 'SUPPLIER';

/** The people the benchmark signs in as: who they are at the issuer, and what they may do. */
export function benchPeople(supplierId: string): Record<
  BenchRole,
  {
    subject: string;
    email: string;
    givenName: string;
    familyName: string;
    supplierId: string | null;
  }
> {
  return {
    ADMIN: {
      subject: 'bench-admin',
      email: 'bench.admin@education.gov.uk',
      givenName: 'Bench',
      familyName: 'Admin',
      supplierId: null,
    },
    SUPPLIER: {
      subject: 'bench-supplier',
      email: 'bench.supplier@supplier.example',
      givenName: 'Bench',
      familyName: 'Supplier',
      supplierId,
    },
  };
}

export interface BenchSignIn {
  /** Give the api OIDC_ISSUER and OIDC_AUDIENCE from these. */
  issuer: string;
  audience: string;
  tokens: Record<BenchRole, string>;
  userIds: Record<BenchRole, string>;
  /** Removes the people from the database and stops the issuer. */
  stop(): Promise<void>;
}

/**
 * Signs callers in the production way: a local OpenID Connect issuer (RS256 keys the api finds
 * by discovery) signs their tokens, and the people are recorded in the database with their roles
 * beforehand, as an admin would have granted them, with the name and e-mail their tokens carry
 * (so the api's sign-in finds nothing to update).
 */
export async function signInBenchPeople(
  databaseUrl: string,
  supplierId: string,
): Promise<BenchSignIn> {
  const issuer: LocalOidcIssuer = await startOidcIssuer();
  const people = benchPeople(supplierId);
  // Left by an earlier run, whose issuer had another address.
  await removeBenchPeople(databaseUrl);
  const tokens = {} as Record<BenchRole, string>;
  const userIds = {} as Record<BenchRole, string>;
  for (const role of ['ADMIN', 'SUPPLIER'] as const) {
    const person = people[role];
    const [user] = await query<{ id: string }>(
      databaseUrl,
      `INSERT INTO app_user (issuer, subject, email, display_name) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [issuer.issuer, person.subject, person.email, `${person.givenName} ${person.familyName}`],
    );
    if (!user) throw new Error(`Could not record ${person.subject}`);
    await query(
      databaseUrl,
      `INSERT INTO role_assignment (user_id, role, supplier_id) VALUES ($1, $2, $3)`,
      [user.id, role, person.supplierId],
    );
    userIds[role] = user.id;
    tokens[role] = await issuer.sign(
      person.subject,
      BENCH_AUDIENCE,
      { email: person.email, given_name: person.givenName, family_name: person.familyName },
      TOKEN_LIFETIME,
    );
  }
  return {
    issuer: issuer.issuer,
    audience: BENCH_AUDIENCE,
    tokens,
    userIds,
    stop: async () => {
      await removeBenchPeople(databaseUrl);
      await issuer.close();
    },
  };
}

/** The benchmark's people (their roles go with them), whichever run's issuer they came from. */
async function removeBenchPeople(databaseUrl: string): Promise<void> {
  await query(
    databaseUrl,
    `DELETE FROM app_user WHERE subject IN ('bench-admin', 'bench-supplier')
        AND issuer LIKE 'http://127.0.0.1:%'`,
  );
}
