import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { startApi, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';
import { Client } from 'pg';

describe('local authorities over GraphQL', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    const token = await tokenFor(database.url, 'REGIONAL_ADVISER', '--region', 'E12000001');
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      {},
      { authorization: `Bearer ${token}` },
    );
  });

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  it.each([
    ['2019-03-31', 152],
    ['2020-12-10', 151],
    ['2021-04-01', 152],
    ['2023-04-01', 153],
  ])('counts %s: %d LAs', async (activeOn, count) => {
    const response = await api.graphql(
      `query ($on: Date) { localAuthorities(filter: { activeOn: $on }) { totalCount } }`,
      { on: activeOn },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.localAuthorities.totalCount).toBe(count);
  });

  it('answers the README’s query with a literal date', async () => {
    const response = await api.graphql(
      `{ localAuthorities(filter: { activeOn: "2020-12-10" }) { totalCount } }`,
    );
    expect(response.data).toEqual({ localAuthorities: { totalCount: 151 } });
  });

  it('lists the 9 regions with their alliances and LAs', async () => {
    const response = await api.graphql(
      `{ regions { code name improvementAlliance localAuthorities(activeOn: "2022-06-01") { gssCode } } }`,
    );
    const regions = response.data?.regions as Array<{
      code: string;
      name: string;
      improvementAlliance: string;
      localAuthorities: unknown[];
    }>;
    expect(regions).toHaveLength(9);
    expect(regions[0]).toMatchObject({
      code: 'E12000001',
      name: 'North East',
      improvementAlliance: 'North East regional improvement alliance',
    });
    expect(regions[0].localAuthorities).toHaveLength(12);
    expect(regions.reduce((sum, region) => sum + region.localAuthorities.length, 0)).toBe(152);
  });

  it('finds an LA by earlier ONS code, with its predecessors and successors', async () => {
    const response = await api.graphql(`{
      cumbria: localAuthority(code: "909") { name validTo successors { name validFrom predecessors { gssCode } } }
      barnsley: localAuthority(code: "E08000016") { name gssCode dfeCode earlierGssCodes region { name } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      cumbria: {
        name: 'Cumbria',
        validTo: '2023-03-31',
        successors: [
          { name: 'Cumberland', validFrom: '2023-04-01', predecessors: [{ gssCode: 'E10000006' }] },
          {
            name: 'Westmorland and Furness',
            validFrom: '2023-04-01',
            predecessors: [{ gssCode: 'E10000006' }],
          },
        ],
      },
      barnsley: {
        name: 'Barnsley',
        gssCode: 'E08000038',
        dfeCode: '370',
        earlierGssCodes: ['E08000016'],
        region: { name: 'Yorkshire and The Humber' },
      },
    });
  });

  it('pages with cursors', async () => {
    const query = `query ($after: String) { localAuthorities(filter: { regionCode: "E12000001", activeOn: "2022-06-01" }, first: 5, after: $after) {
      totalCount edges { node { name } cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const first = await api.graphql(query);
    const second = await api.graphql(query, {
      after: first.data?.localAuthorities.pageInfo.endCursor,
    });
    expect(first.data?.localAuthorities.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
    });
    expect(second.data?.localAuthorities.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: true,
    });
    const names = [
      ...first.data?.localAuthorities.edges,
      ...second.data?.localAuthorities.edges,
    ].map((edge: { node: { name: string } }) => edge.node.name);
    expect(names.slice(0, 6)).toEqual([
      'County Durham',
      'Darlington',
      'Gateshead',
      'Hartlepool',
      'Middlesbrough',
      'Newcastle upon Tyne',
    ]);
    expect(new Set(names).size).toBe(10);
  });

  describe('errors', () => {
    it('answers NOT_FOUND for an unknown code', async () => {
      const response = await api.graphql(`{ localAuthority(code: "E06000999") { name } }`);
      expect(response.data).toEqual({ localAuthority: null });
      expect(response.errors?.[0]).toMatchObject({
        extensions: { code: 'NOT_FOUND' },
        message: 'Local authority "E06000999" was not found.',
      });
    });

    it.each([
      ['a code that is not one', `{ localAuthority(code: "Leeds") { name } }`, 'code'],
      ['first over 100', `{ localAuthorities(first: 100000) { totalCount } }`, 'first'],
      ['a cursor it never gave', `{ localAuthorities(after: "nope") { totalCount } }`, 'after'],
      [
        'a well-formed cursor with an id that is not one',
        `{ localAuthorities(after: "${Buffer.from(JSON.stringify(['Leeds', 'x'])).toString('base64url')}") { totalCount } }`,
        'after',
      ],
      [
        'a malformed region code',
        `{ localAuthorities(filter: { regionCode: "North East" }) { totalCount } }`,
        'filter.regionCode',
      ],
    ])('answers BAD_USER_INPUT for %s, naming the field', async (_case, query, field) => {
      const response = await api.graphql(query);
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field }],
      });
    });

    it.each([
      [
        'a literal',
        `{ localAuthorities(filter: { activeOn: "2020-02-30" }) { totalCount } }`,
        undefined,
      ],
      [
        'a variable',
        `query ($on: Date) { localAuthorities(filter: { activeOn: $on }) { totalCount } }`,
        { on: '10/12/2020' },
      ],
    ])(
      'answers BAD_USER_INPUT for a date that is not one, given as %s',
      async (_case, query, variables) => {
        const response = await api.graphql(query, variables);
        expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].message).toMatch(/YYYY-MM-DD/);
      },
    );

    it('keeps the caller’s request id, or gives one', async () => {
      const given = await api.graphql(`{ regions { code } }`, undefined, {
        'x-request-id': 'trace-123',
      });
      expect(given.headers.get('x-request-id')).toBe('trace-123');
      const made = await api.graphql(`{ regions { code } }`);
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('hides an unexpected failure behind a generic message', async () => {
      const broken = await createTestDatabase();
      const adminToken = await tokenFor(broken.url, 'ADMIN');
      const brokenApi = await startApi(
        { databaseUrl: broken.url, redisUrl: testEnvironment().redisUrl },
        {},
        { authorization: `Bearer ${adminToken}` },
      );
      const client = new Client({ connectionString: broken.url });
      await client.connect();
      await client.query('ALTER TABLE region RENAME TO region_gone');
      await client.end();
      try {
        const response = await brokenApi.graphql(`{ regions { code } }`);
        expect(response.errors?.[0]).toMatchObject({
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
        expect(response.errors?.[0].message).toMatch(/x-request-id/);
        expect(JSON.stringify(response)).not.toMatch(/region_gone|relation|SELECT/i);
        // The log has the whole story, under the request id the client was given.
        const requestId = response.headers.get('x-request-id');
        const logged = await brokenApi.logLines(/GraphQL request failed/);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toContain(`"requestId":"${requestId}"`);
        expect(logged[0]).toMatch(/relation .*region.* does not exist/);
      } finally {
        await brokenApi.stop();
        await broken.drop();
      }
    });
  });
});
