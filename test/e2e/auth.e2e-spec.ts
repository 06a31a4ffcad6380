import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { SignJWT } from 'jose';
import { startApi, type RunningApi } from '../support/api';
import { insertSupplier } from '../support/suppliers';
import { TEST_SECRET, tokenFor, tokenForStranger } from '../support/tokens';

describe('signing in', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      { AUTH_HS256_SECRET: TEST_SECRET },
    );
  });

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  const asBearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('tells a regional adviser who they are, with roles and scopes from the database', async () => {
    const token = await tokenFor(
      database.url,
      'REGIONAL_ADVISER',
      '--region',
      'E12000001',
      '--region',
      'E12000002',
    );
    const response = await api.graphql(
      '{ me { userId issuer grants { role regionCode supplierId programmeId } } }',
      undefined,
      asBearer(token),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.me).toEqual({
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      issuer: 'la-delivery-tracker-development',
      grants: [
        { role: 'REGIONAL_ADVISER', regionCode: 'E12000001', supplierId: null, programmeId: null },
        { role: 'REGIONAL_ADVISER', regionCode: 'E12000002', supplierId: null, programmeId: null },
      ],
    });
  });

  it('names the same user when the same role and scope are asked for again', async () => {
    const first = await tokenFor(database.url, 'PROGRAMME_MANAGER');
    const again = await tokenFor(database.url, 'PROGRAMME_MANAGER');
    const me = async (token: string): Promise<unknown> =>
      (await api.graphql('{ me { userId grants { role } } }', undefined, asBearer(token))).data?.me;
    expect(await me(again)).toEqual(await me(first));
  });

  it('knows a stranger with a valid token, who holds no roles', async () => {
    const response = await api.graphql(
      '{ me { userId grants { role } } }',
      undefined,
      asBearer(await tokenForStranger()),
    );
    expect(response.data?.me).toEqual({ userId: null, grants: [] });
  });

  it.each([
    ['no token', {}, 'You need to sign in'],
    [
      'a header that is not a bearer token',
      { authorization: 'Basic dXNlcjpwYXNz' },
      'must be "Bearer <token>"',
    ],
    ['a token that is not a JWT', { authorization: 'Bearer nonsense' }, 'not a JWT'],
  ])('answers UNAUTHENTICATED for %s', async (_case, headers, message) => {
    const response = await api.graphql('{ regions { code } }', undefined, headers);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringContaining(message),
    });
  });

  it('answers UNAUTHENTICATED for an expired token, saying it has expired', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('la-delivery-tracker-development')
      .setAudience('la-delivery-tracker')
      .setSubject('anyone')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 600)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const response = await api.graphql('{ me { subject } }', undefined, asBearer(expired));
    expect(response.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'Your token has expired: sign in again.',
    });
  });

  it('records who was given which role in the append-only audit log', async () => {
    const supplierId = await insertSupplier(database.url, 'North Star Ltd');
    await tokenFor(database.url, 'SUPPLIER', '--supplier', supplierId);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ after: { grants: Array<{ role: string }> } }>(
        `SELECT after FROM audit_event WHERE action = 'role-assignment.replace' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0].after.grants).toEqual([
        expect.objectContaining({
          role: 'SUPPLIER',
          supplierId,
        }),
      ]);
      await expect(
        client.query('UPDATE audit_event SET action = $1', ['tampered']),
      ).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
