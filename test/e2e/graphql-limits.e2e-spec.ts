import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { PRODUCTION_ENV, startApi, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

// Limits are checked while parsing and validating, before any guard or resolver: none of these
// refusals depends on being signed in.
describe('GraphQL limits', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  async function post(body: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  function expectRefused(
    response: {
      status: number;
      data?: unknown;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    },
    code: string,
    message: RegExp,
  ): void {
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({ extensions: { code } });
    expect(response.errors?.[0].message).toMatch(message);
    expect(response.errors?.[0].extensions).not.toHaveProperty('stacktrace');
  }

  describe('leave real queries working', () => {
    let headers: Record<string, string>;

    beforeAll(async () => {
      headers = { authorization: `Bearer ${await tokenFor(database.url, 'ADMIN')}` };
    });

    it('regions → localAuthorities → successors → predecessors → region', async () => {
      interface Authority {
        name: string;
        successors: Array<{ predecessors: unknown[] }>;
      }
      const response = await api.graphql<{
        regions: Array<{ name: string; localAuthorities: Authority[] }>;
      }>(
        `{ regions { name localAuthorities(activeOn: "2023-03-31") { name successors { name predecessors { name region { name } } } } } }`,
        undefined,
        headers,
      );
      expect(response.errors).toBeUndefined();
      const northWest = response.data?.regions.find((r) => r.name === 'North West');
      const cumbria = northWest?.localAuthorities.find((la) => la.name === 'Cumbria');
      expect(cumbria?.successors[0].predecessors[0]).toEqual({
        name: 'Cumbria',
        region: { name: 'North West' },
      });
    });

    it('a full page of 100 with every field, through the connection', async () => {
      const response = await api.graphql(
        `{ localAuthorities(first: 100) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id gssCode dfeCode name type validFrom validTo earlierGssCodes
            region { code name improvementAlliance }
            successors { name gssCode predecessors { name region { name localAuthorities { name } } } }
            predecessors { name gssCode } } } } }`,
        undefined,
        headers,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.localAuthorities.edges).toHaveLength(100);
    });
  });

  it('refuses a query 20 levels deep', async () => {
    const deep = `{ regions { ${'localAuthorities { region { '.repeat(9)}name${' } }'.repeat(9)} } }`;
    const response = await api.graphql(deep);
    expectRefused(
      response,
      'GRAPHQL_VALIDATION_FAILED',
      /^Query depth limit of 10 exceeded, found 20\. Ask for fewer nested levels/,
    );
  });

  it('refuses 500 aliases', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ');
    const response = await api.graphql(`{ ${aliases} }`);
    expectRefused(
      response,
      'GRAPHQL_VALIDATION_FAILED',
      /^Aliases limit of 15 exceeded, found 500\. Use fewer aliases/,
    );
  });

  it('refuses a query that would cost too much', async () => {
    const page = `localAuthorities(first: 100) { edges { node { name gssCode region { name } successors { name } predecessors { name } } } }`;
    const response = await api.graphql(
      `{ a: ${page} b: ${page} c: ${page} d: ${page} e: ${page} f: ${page} g: ${page} h: ${page} }`,
    );
    expectRefused(
      response,
      'GRAPHQL_VALIDATION_FAILED',
      /^Query Cost limit of 30000 exceeded, found \d+(\.\d+)?\. Ask for fewer fields or smaller pages/,
    );
  });

  it('refuses a document of more than 2000 tokens', async () => {
    const response = await api.graphql(`{ ${'__typename '.repeat(2001)}}`);
    expectRefused(response, 'GRAPHQL_PARSE_FAILED', /more that 2000 tokens/);
  });

  it('refuses `first: 100000`, naming the field, before any resolver runs', async () => {
    const response = await api.graphql(`{ localAuthorities(first: 100000) { totalCount } }`);
    expectRefused(
      response,
      'BAD_USER_INPUT',
      /^Invalid input\. first: must be a whole number from 1 to 100\.$/,
    );
    expect(response.errors?.[0].extensions?.fields).toEqual([
      { field: 'first', message: 'must be a whole number from 1 to 100' },
    ]);
  });

  it('answers a small batch of operations, each in turn', async () => {
    const response = await post([
      { query: '{ __typename }' },
      { query: 'query Two { __typename }' },
    ]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      { data: { __typename: 'Query' } },
      { data: { __typename: 'Query' } },
    ]);
  });

  it('refuses a batch of 100 operations before running any', async () => {
    const response = await post(Array.from({ length: 100 }, () => ({ query: '{ __typename }' })));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message:
            'A batched request may hold at most 10 operations; this one holds 100. Send them in smaller batches.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('suggests no field names outside development', async () => {
    const response = await api.graphql(`{ regions { nam } }`);
    expectRefused(
      response,
      'GRAPHQL_VALIDATION_FAILED',
      /^Cannot query field "nam" on type "Region"\.$/,
    );
  });

  it('refuses a GET that a browser could send cross-site (CSRF prevention)', async () => {
    const response = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('refuses a body over 100kb, in GraphQL’s shape', async () => {
    const response = await post({ query: `{ __typename }`, variables: { x: 'x'.repeat(110_000) } });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'The request is too large: a GraphQL request may be at most 100 kB.',
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });

  it('refuses a body that is not JSON, in GraphQL’s shape', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The request body is not valid JSON: send {"query": "...", "variables": {...}}.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });
});

describe('GraphQL in production', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      PRODUCTION_ENV,
    );
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('refuses introspection', async () => {
    const response = await api.graphql(`{ __schema { types { name } } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      message: expect.stringMatching(/introspection is not allowed/),
    });
    expect(response.data).toBeUndefined();
  });

  it('serves no sandbox', async () => {
    const response = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(await response.text()).not.toMatch(/sandbox|<html/i);
  });

  it('still answers an ordinary query', async () => {
    expect((await api.graphql(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
  });
});
