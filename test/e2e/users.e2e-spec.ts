import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
  startOidcIssuer,
  type LocalOidcIssuer,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { insertSupplier } from '../support/suppliers';
import { TEST_SECRET, tokenFor } from '../support/tokens';

const AUDIENCE = 'la-delivery-tracker';
/** A DfE Sign-in organisation whose people are supplier staff (OIDC_ORGANISATION_ROLES). */
const SUPPLIER_ORGANISATION = 'D1E2F3A4-0000-4000-8000-00000000000A';
const NORTH_EAST = 'E12000001';

const USERS = `query Users($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id issuer subject email displayName assignments { role regionCode supplierId programmeId } } }
  }
}`;
const ROLE_CHANGE = (mutation: 'assignRole' | 'revokeRole') =>
  `mutation Change($input: RoleChangeInput!) {
    ${mutation}(input: $input) { id assignments { role regionCode supplierId programmeId } }
  }`;
const ELIGIBLE =
  '{ eligibleLocalAuthorities(serviceLine: COACHING_MENTORING, asOf: "2024-06-30") { localAuthority { region { code } } } }';

describe('people and their roles', () => {
  let database: TestDatabase;
  let issuer: LocalOidcIssuer;
  let api: RunningApi;
  let adminToken: string;
  let supplierId: string;

  const as = (token: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, { authorization: `Bearer ${token}` });
  const asAdmin = (query: string, variables?: Record<string, unknown>) =>
    as(adminToken, query, variables);
  const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
  const signIn = (subject: string, claims: Record<string, unknown> = {}) =>
    issuer.sign(subject, AUDIENCE, claims);
  const userIdOf = async (token: string): Promise<string> =>
    (await as(token, '{ me { userId } }')).data!.me.userId as string;

  async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    supplierId = await insertSupplier(database.url, 'Provisioned Partners Ltd');
    issuer = await startOidcIssuer();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      {
        AUTH_HS256_SECRET: TEST_SECRET,
        OIDC_ISSUER: issuer.issuer,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_ORGANISATION_ROLES: JSON.stringify({
          [SUPPLIER_ORGANISATION]: { role: 'SUPPLIER', supplierId },
        }),
      },
    );
    adminToken = await tokenFor(database.url, 'ADMIN');
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await issuer?.close();
    await database?.drop();
  });

  it('shows an admin who signed in, and lets them give and take away a role', async () => {
    const subject = `dsi-${randomUUID()}`;
    const token = await signIn(subject, {
      email: 'ada.adviser@education.gov.uk',
      given_name: 'Ada',
      family_name: 'Adviser',
    });
    expect((await as(token, '{ me { userId grants { role } } }')).data?.me).toEqual({
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      grants: [],
    });
    expect(codeOf(await as(token, ELIGIBLE))).toBe('FORBIDDEN');

    const found = await asAdmin(USERS, { filter: { search: 'ada adv' } });
    expect(found.errors).toBeUndefined();
    expect(found.data?.users.edges).toEqual([
      {
        node: {
          id: await userIdOf(token),
          issuer: issuer.issuer,
          subject,
          email: 'ada.adviser@education.gov.uk',
          displayName: 'Ada Adviser',
          assignments: [],
        },
      },
    ]);
    const userId = found.data!.users.edges[0].node.id as string;

    const adviser = {
      role: 'REGIONAL_ADVISER',
      regionCode: NORTH_EAST,
      supplierId: null,
      programmeId: null,
    };
    const input = { userId, role: 'REGIONAL_ADVISER', regionCode: NORTH_EAST };
    const assigned = await asAdmin(ROLE_CHANGE('assignRole'), { input });
    expect(assigned.data?.assignRole).toEqual({ id: userId, assignments: [adviser] });
    // A repeat changes nothing.
    expect((await asAdmin(ROLE_CHANGE('assignRole'), { input })).data?.assignRole).toEqual({
      id: userId,
      assignments: [adviser],
    });

    const eligible = await as(token, ELIGIBLE);
    expect(eligible.errors).toBeUndefined();
    const regions = (
      eligible.data!.eligibleLocalAuthorities as Array<{
        localAuthority: { region: { code: string } };
      }>
    ).map((row) => row.localAuthority.region.code);
    expect(regions.length).toBeGreaterThan(0);
    expect(new Set(regions)).toEqual(new Set([NORTH_EAST]));

    const revoked = await asAdmin(ROLE_CHANGE('revokeRole'), { input });
    expect(revoked.data?.revokeRole).toEqual({ id: userId, assignments: [] });
    expect((await asAdmin(ROLE_CHANGE('revokeRole'), { input })).errors).toBeUndefined();
    expect(codeOf(await as(token, ELIGIBLE))).toBe('FORBIDDEN');

    const adminId = await userIdOf(adminToken);
    expect(
      await sql(
        `SELECT action, actor_user_id AS actor, before, after FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [userId],
      ),
    ).toEqual([
      {
        action: 'role-assignment.assign',
        actor: adminId,
        before: null,
        after: { role: 'REGIONAL_ADVISER', regionCode: NORTH_EAST },
      },
      {
        action: 'role-assignment.revoke',
        actor: adminId,
        before: { role: 'REGIONAL_ADVISER', regionCode: NORTH_EAST },
        after: null,
      },
    ]);
  });

  it('keeps a person’s e-mail and name up to date, writing only when they change', async () => {
    const subject = `dsi-${randomUUID()}`;
    const first = await signIn(subject, { email: 'bo@example.gov.uk', name: 'Bo Brown' });
    const userId = await userIdOf(first);
    const updatedAt = async () =>
      (await sql<{ at: Date }>('SELECT updated_at AS at FROM app_user WHERE id = $1', [userId]))[0]
        .at;
    const recorded = await updatedAt();
    await userIdOf(await signIn(subject, { email: 'bo@example.gov.uk', name: 'Bo Brown' }));
    expect(await updatedAt()).toEqual(recorded);

    await userIdOf(await signIn(subject, { email: 'bo.green@example.gov.uk', name: 'Bo Green' }));
    const found = await asAdmin(USERS, { filter: { search: subject } });
    expect(found.data?.users.edges).toEqual([
      {
        node: expect.objectContaining({
          id: userId,
          email: 'bo.green@example.gov.uk',
          displayName: 'Bo Green',
        }),
      },
    ]);
  });

  it('gives the people of a configured organisation its role on their first sign-in only', async () => {
    const subject = `dsi-${randomUUID()}`;
    // DfE Sign-in may write the GUID in another case than the setting does.
    const organisation = {
      id: SUPPLIER_ORGANISATION.toLowerCase(),
      name: 'Provisioned Partners Ltd',
      category: { id: '008', name: 'Other Stakeholders' },
    };
    const token = await signIn(subject, { email: 'cy@partners.example', organisation });
    const me = (await as(token, '{ me { userId grants { role supplierId } } }')).data?.me;
    expect(me.grants).toEqual([{ role: 'SUPPLIER', supplierId }]);
    expect(
      await sql(
        `SELECT action, actor_user_id AS actor, after FROM audit_event WHERE entity_id = $1`,
        [me.userId],
      ),
    ).toEqual([
      {
        action: 'role-assignment.provision',
        actor: null,
        after: { role: 'SUPPLIER', supplierId, organisationId: organisation.id },
      },
    ]);

    // Once the person is known, admins decide: taking the role away sticks.
    await asAdmin(ROLE_CHANGE('revokeRole'), {
      input: { userId: me.userId, role: 'SUPPLIER', supplierId },
    });
    const again = await signIn(subject, { email: 'cy@partners.example', organisation });
    expect((await as(again, '{ me { grants { role } } }')).data?.me.grants).toEqual([]);
  });

  it('refuses a scope that does not fit or does not exist, and an unknown person, changing nothing', async () => {
    const userId = await userIdOf(await signIn(`dsi-${randomUUID()}`));
    const assign = (input: Record<string, unknown>) =>
      asAdmin(ROLE_CHANGE('assignRole'), { input: { userId, ...input } });

    const noRegion = await assign({ role: 'REGIONAL_ADVISER', regionCode: 'E12000099' });
    expect(codeOf(noRegion)).toBe('BAD_USER_INPUT');
    expect(noRegion.errors?.[0]?.message).toContain('regionCode: no region has the code E12000099');
    const misfit = await assign({ role: 'SUPPLIER', supplierId, regionCode: NORTH_EAST });
    expect(misfit.errors?.[0]?.message).toContain(
      'regionCode: a region applies to REGIONAL_ADVISER only',
    );
    const noSupplier = await assign({ role: 'SUPPLIER', supplierId: randomUUID() });
    expect(noSupplier.errors?.[0]?.message).toMatch(/supplierId: no supplier has the id/);
    const stranger = await asAdmin(ROLE_CHANGE('assignRole'), {
      input: { userId: randomUUID(), role: 'ADMIN' },
    });
    expect(codeOf(stranger)).toBe('NOT_FOUND');

    expect(await sql('SELECT 1 FROM role_assignment WHERE user_id = $1', [userId])).toEqual([]);
  });

  it('never takes away the last ADMIN assignment', async () => {
    const adminId = await userIdOf(adminToken);
    const deputyId = await userIdOf(await signIn(`dsi-${randomUUID()}`, { name: 'Dee Deputy' }));
    const admin = (userId: string) => ({ input: { userId, role: 'ADMIN' } });

    expect((await asAdmin(ROLE_CHANGE('assignRole'), admin(deputyId))).errors).toBeUndefined();
    expect((await asAdmin(ROLE_CHANGE('revokeRole'), admin(deputyId))).errors).toBeUndefined();
    const last = await asAdmin(ROLE_CHANGE('revokeRole'), admin(adminId));
    expect(codeOf(last)).toBe('CONFLICT');
    expect(last.errors?.[0]?.message).toContain('This is the last ADMIN assignment');
    expect((await as(adminToken, '{ me { grants { role } } }')).data?.me.grants).toEqual([
      { role: 'ADMIN' },
    ]);
  });

  it('pages through people by name, and filters them by role', async () => {
    const team = randomUUID().slice(0, 8);
    for (const name of ['Zed Zane', 'Al Abbot', 'Mo Mint'])
      await userIdOf(await signIn(`dsi-${randomUUID()}`, { name: `${name} ${team}` }));
    const byName = await asAdmin(USERS, { filter: { search: team } });
    expect(
      (byName.data?.users.edges as Array<{ node: { displayName: string } }>).map(
        (edge) => edge.node.displayName,
      ),
    ).toEqual([`Al Abbot ${team}`, `Mo Mint ${team}`, `Zed Zane ${team}`]);

    const all = await asAdmin(USERS, { first: 100 });
    const firstPage = await asAdmin(USERS, { first: 2 });
    const rest = await asAdmin(USERS, {
      first: 100,
      after: firstPage.data?.users.pageInfo.endCursor,
    });
    const ids = (response: GraphQLResponse) =>
      (response.data?.users.edges as Array<{ node: { id: string } }>).map((edge) => edge.node.id);
    expect(firstPage.data?.users.pageInfo.hasNextPage).toBe(true);
    expect([...ids(firstPage), ...ids(rest)]).toEqual(ids(all));
    expect(firstPage.data?.users.totalCount).toBe(ids(all).length);

    const admins = await asAdmin(USERS, { filter: { role: 'ADMIN' } });
    expect(admins.data?.users.edges).toEqual([
      expect.objectContaining({
        node: expect.objectContaining({ id: await userIdOf(adminToken) }),
      }),
    ]);
    expect(codeOf(await asAdmin(USERS, { after: 'forged' }))).toBe('BAD_USER_INPUT');
  });
});
