import { createHash, randomBytes } from 'node:crypto';
import { addDays } from '@la-tracker/domain/calendar';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { dateInEngland } from '@la-tracker/platform/time';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

const NORTH_EAST = 'E12000001';
const HARTLEPOOL = 'E06000001'; // North East
const CUMBERLAND = 'E06000063'; // North West

const CREATE = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  secret token { id name prefix createdAt expiresOn lastUsedAt revokedAt } } }`;
const LIST = `{ apiTokens { id name prefix createdAt expiresOn lastUsedAt revokedAt } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;
// Every LA that exists was eligible for political leadership in 2022 (SPEC §5.4).
const ELIGIBILITY = (code: string) =>
  `{ localAuthority(code: "${code}") { name eligibility(serviceLine: POLITICAL_LEADERSHIP, asOf: "2022-06-30") { eligible } } }`;
// The audit log is for managers and admins: an adviser's role may never read it.
const MANAGERS_ONLY = '{ auditEvents(first: 1) { totalCount } }';

interface CreatedToken {
  secret: string;
  token: { id: string; name: string; prefix: string; expiresOn: string; revokedAt: string | null };
}

describe('personal API tokens', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let sql: Client;
  let adviserJwt: string;
  /** Every secret handed out, to look for in the log and the audit log at the end. */
  const secrets: string[] = [];

  const today = () => dateInEngland(new Date());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const create = async (signIn: string, name: string, expiresOn = addDays(today(), 30)) => {
    const response = await api.graphql<{ createApiToken: CreatedToken }>(
      CREATE,
      { input: { name, expiresOn } },
      bearer(signIn),
    );
    expect(response.errors).toBeUndefined();
    const created = response.data!.createApiToken;
    secrets.push(created.secret);
    return created;
  };
  const errorOf = (response: {
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  }) => ({
    code: response.errors?.[0]?.extensions?.code,
    message: response.errors?.[0]?.message,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    // Request lines are logged at info, as in production: the secret must not be in them.
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { LOG_LEVEL: 'info' },
    );
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    adviserJwt = await tokenFor(database.url, 'REGIONAL_ADVISER', '--region', NORTH_EAST);
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await api?.stop();
    await database?.drop();
  });

  it("reads only what the adviser may: their region's LAs, not another region's, nor managers' data", async () => {
    const { secret, token } = await create(adviserJwt, 'Regional dashboard');
    expect(secret).toMatch(/^lat_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: 'Regional dashboard',
      prefix: secret.slice(0, 12),
      expiresOn: addDays(today(), 30),
      revokedAt: null,
    });

    const asAdviser = await api.graphql(
      '{ me { userId grants { role regionCode } } }',
      undefined,
      bearer(adviserJwt),
    );
    const asToken = await api.graphql(
      '{ me { userId grants { role regionCode } } }',
      undefined,
      bearer(secret),
    );
    expect(asToken.data).toEqual(asAdviser.data);
    expect(asToken.data?.me.grants).toEqual([{ role: 'REGIONAL_ADVISER', regionCode: NORTH_EAST }]);

    const own = await api.graphql(ELIGIBILITY(HARTLEPOOL), undefined, bearer(secret));
    expect(own.errors).toBeUndefined();
    expect(own.data?.localAuthority).toEqual({
      name: 'Hartlepool',
      eligibility: { eligible: true },
    });

    const other = await api.graphql(ELIGIBILITY(CUMBERLAND), undefined, bearer(secret));
    expect(other.data?.localAuthority).toEqual({ name: 'Cumberland', eligibility: null });
    expect(errorOf(other).code).toBe('NOT_FOUND');

    expect(errorOf(await api.graphql(MANAGERS_ONLY, undefined, bearer(secret))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('is listed without its secret, with when it was last used', async () => {
    const { secret, token } = await create(adviserJwt, 'Listed');
    await api.graphql('{ me { userId } }', undefined, bearer(secret));

    const response = await api.graphql(LIST, undefined, bearer(adviserJwt));
    expect(response.errors).toBeUndefined();
    const listed = (response.data?.apiTokens as Array<Record<string, unknown>>).find(
      (row) => row.id === token.id,
    );
    expect(listed).toEqual({
      id: token.id,
      name: 'Listed',
      prefix: secret.slice(0, 12),
      createdAt: expect.any(String),
      expiresOn: addDays(today(), 30),
      lastUsedAt: expect.any(String),
      revokedAt: null,
    });
    expect(JSON.stringify(response.data)).not.toContain(secret);
    expect(JSON.stringify(response.data)).not.toContain(secret.slice(12));
  });

  it('cannot create further tokens', async () => {
    const { secret } = await create(adviserJwt, 'No children');
    const response = await api.graphql(
      CREATE,
      { input: { name: 'Child', expiresOn: addDays(today(), 300) } },
      bearer(secret),
    );
    expect(errorOf(response)).toEqual({
      code: 'FORBIDDEN',
      message: 'This needs you signed in as yourself: a personal API token cannot do it.',
    });
  });

  it("cannot give anyone a role, even an admin's: a leaked token must not make more admins", async () => {
    const { secret } = await create(await tokenFor(database.url, 'ADMIN'), 'Admin script');
    const adviser = await api.graphql<{ me: { userId: string } }>(
      '{ me { userId } }',
      {},
      bearer(adviserJwt),
    );
    const userId = adviser.data!.me.userId;
    const programmes = await api.graphql<{ programmes: Array<{ id: string }> }>(
      '{ programmes { id } }',
      {},
      bearer(secret),
    );
    const programmeId = programmes.data!.programmes[0].id;
    const attempts = [
      [
        'mutation ($input: RoleChangeInput!) { assignRole(input: $input) { id } }',
        { userId, role: 'ADMIN' },
      ],
      [
        'mutation ($input: RoleChangeInput!) { revokeRole(input: $input) { id } }',
        { userId, role: 'ADMIN' },
      ],
      [
        'mutation ($input: AssignProgrammeManagerInput!) { assignProgrammeManager(input: $input) { userId } }',
        { userId, programmeId },
      ],
      [
        'mutation ($input: RevokeProgrammeManagerInput!) { revokeProgrammeManager(input: $input) { userId } }',
        { userId, programmeId },
      ],
    ] as const;
    for (const [mutation, input] of attempts) {
      expect(errorOf(await api.graphql(mutation, { input }, bearer(secret)))).toEqual({
        code: 'FORBIDDEN',
        message: 'This needs you signed in as yourself: a personal API token cannot do it.',
      });
    }
    const roles = await sql.query('SELECT role FROM role_assignment WHERE user_id = $1', [userId]);
    expect(roles.rows).toEqual([{ role: 'REGIONAL_ADVISER' }]);
    // Reading people is still open to the token: only handing out power needs the person.
    const users = await api.graphql('{ users(first: 1) { totalCount } }', {}, bearer(secret));
    expect(users.errors).toBeUndefined();
  });

  it('stops working at once when revoked; revoking again changes nothing', async () => {
    const { secret, token } = await create(adviserJwt, 'To revoke');
    expect(
      (await api.graphql('{ me { userId } }', undefined, bearer(secret))).errors,
    ).toBeUndefined();

    const revoked = await api.graphql(REVOKE, { id: token.id }, bearer(adviserJwt));
    expect(revoked.errors).toBeUndefined();
    const revokedAt = revoked.data?.revokeApiToken.revokedAt as string;
    expect(revokedAt).toEqual(expect.any(String));

    expect(errorOf(await api.graphql('{ me { userId } }', undefined, bearer(secret)))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'This API token has been revoked: create a new one.',
    });
    const again = await api.graphql(REVOKE, { id: token.id }, bearer(adviserJwt));
    expect(again.data?.revokeApiToken).toEqual({ id: token.id, revokedAt });
  });

  it("answers NOT_FOUND to another person's attempt to revoke it", async () => {
    const { secret, token } = await create(adviserJwt, 'Not yours');
    const otherAdviser = await tokenFor(database.url, 'REGIONAL_ADVISER', '--region', 'E12000002');
    const response = await api.graphql(REVOKE, { id: token.id }, bearer(otherAdviser));
    expect(errorOf(response).code).toBe('NOT_FOUND');
    expect(
      (await api.graphql('{ me { userId } }', undefined, bearer(secret))).errors,
    ).toBeUndefined();
  });

  it('stops working after its last day', async () => {
    const { secret, token } = await create(adviserJwt, 'To expire');
    await sql.query(`UPDATE api_token SET expires_on = $2 WHERE id = $1`, [
      token.id,
      addDays(today(), -1),
    ]);
    expect(errorOf(await api.graphql('{ me { userId } }', undefined, bearer(secret)))).toEqual({
      code: 'UNAUTHENTICATED',
      message: `This API token expired at the end of ${addDays(today(), -1)}: create a new one.`,
    });
  });

  it('refuses a secret it never made', async () => {
    const made = `lat_${randomBytes(32).toString('base64url')}`;
    expect(errorOf(await api.graphql('{ me { userId } }', undefined, bearer(made)))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'This API token is not known here: check it was copied whole, or create a new one.',
    });
  });

  it('reads nothing more once its owner loses the role', async () => {
    // An adviser of their own (two regions), so no other test's adviser loses anything.
    const jwt = await tokenFor(
      database.url,
      'REGIONAL_ADVISER',
      '--region',
      NORTH_EAST,
      '--region',
      'E12000004',
    );
    const { secret } = await create(jwt, 'Outlives the role');
    expect(
      (await api.graphql(ELIGIBILITY(HARTLEPOOL), undefined, bearer(secret))).errors,
    ).toBeUndefined();

    const me = await api.graphql('{ me { userId } }', undefined, bearer(secret));
    await sql.query(`DELETE FROM role_assignment WHERE user_id = $1`, [me.data?.me.userId]);

    const after = await api.graphql(ELIGIBILITY(HARTLEPOOL), undefined, bearer(secret));
    expect(errorOf(after).code).toBe('FORBIDDEN');
    expect(
      (await api.graphql('{ me { grants { role } } }', undefined, bearer(secret))).data?.me,
    ).toEqual({
      grants: [],
    });
  });

  it("opens the queue dashboard with an admin's token only, the browser kept signed in for 8 hours at most", async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const admin = await create(await tokenFor(database.url, 'ADMIN'), 'Queues');
    const adviser = await create(adviserJwt, 'Not for queues');

    expect(
      (await fetch(`${base}/admin/queues/api/queues`, { headers: bearer(admin.secret) })).status,
    ).toBe(200);
    expect(
      (await fetch(`${base}/admin/queues/api/queues`, { headers: bearer(adviser.secret) })).status,
    ).toBe(403);

    const signIn = await fetch(`${base}/admin/queues/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: admin.secret }).toString(),
      redirect: 'manual',
    });
    expect(signIn.status).toBe(303);
    // The token works for 30 days more, but a browser keeps it for 8 hours at most.
    const maxAge = Number(/Max-Age=(\d+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1]);
    expect(maxAge).toBe(8 * 60 * 60);
  });

  // Last: looks for every secret the tests above handed out.
  it('never writes a secret, or its hash, to the log or the audit log', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    const log = (await api.logLines(/./)).join('\n');
    expect(log).toMatch(/request completed/);
    const { rows } = await sql.query<{ entry: string }>(
      `SELECT row_to_json(audit_event)::text AS entry FROM audit_event WHERE entity_type = 'api_token'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(secrets.length);
    const audit = rows.map((row) => row.entry).join('\n');
    for (const secret of secrets) {
      const hash = createHash('sha256').update(secret).digest('hex');
      // The part after the prefix a list shows is what makes it usable.
      for (const text of [log, audit]) {
        expect(text).not.toContain(secret.slice(12));
        expect(text).not.toContain(hash);
      }
    }
  });
});
