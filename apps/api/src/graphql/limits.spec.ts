import { buildSchema, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { formatError } from './error-formatter';
import { GRAPHQL_LIMITS, graphqlLimits } from './limits';

const schema = buildSchema(`
  type Query { regions: [Region!]! localAuthorities(first: Int): Connection! }
  type Region { name: String! localAuthorities: [LocalAuthority!]! }
  type LocalAuthority { name: String! region: Region! }
  type Connection { edges: [Edge!]! }
  type Edge { node: LocalAuthority! }
`);

function errorsOf(query: string): GraphQLError[] {
  const { validationRules } = graphqlLimits('test').options;
  return [...validate(schema, parse(query), [...specifiedRules, ...validationRules])];
}

function clientSees(error: GraphQLError) {
  return formatError({ message: error.message, extensions: error.extensions }, error);
}

describe('graphqlLimits', () => {
  it('lets a real nested query through', () => {
    expect(
      errorsOf(`{ regions { localAuthorities { region { localAuthorities { region { name } } } } }
        localAuthorities(first: 100) { edges { node { name region { name } } } } }`),
    ).toEqual([]);
  });

  it('refuses a query deeper than the limit, saying what to do, not "Syntax Error"', () => {
    const deep = `{ regions { ${'localAuthorities { region { '.repeat(5)}name${' } }'.repeat(5)} } }`;
    const [error, ...rest] = errorsOf(deep);
    expect(rest).toEqual([]);
    expect(clientSees(error)).toEqual({
      message: `Query depth limit of ${GRAPHQL_LIMITS.maxDepth} exceeded, found 12. Ask for fewer nested levels, or fetch the deeper data in a second query.`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('counts aliases of __typename too', () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ');
    expect(errorsOf(`{ ${aliases} }`).map((e) => e.message)).toEqual([
      'Aliases limit of 15 exceeded, found 16. Use fewer aliases, or split the query.',
    ]);
  });

  describe('a literal `first` out of range', () => {
    it('is bad input naming the field, and only that (its inflated cost is not reported)', () => {
      const errors = errorsOf(`{ localAuthorities(first: 100000) { edges { node { name } } } }`);
      expect(errors).toHaveLength(1);
      expect(clientSees(errors[0])).toMatchObject({
        message: 'Invalid input. first: must be a whole number from 1 to 100.',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'first', message: 'must be a whole number from 1 to 100' }],
        },
      });
    });

    it.each([0, -1])('refuses %d', (first) => {
      expect(
        errorsOf(`{ localAuthorities(first: ${first}) { edges { node { name } } } }`),
      ).toHaveLength(1);
    });
  });

  it('hides field suggestions outside development only', () => {
    expect(graphqlLimits('development').plugins).toHaveLength(0);
    expect(graphqlLimits('production').plugins).toHaveLength(1);
  });

  it('turns batching on and caps the tokens of a document', () => {
    expect(graphqlLimits('production').options).toMatchObject({
      allowBatchedHttpRequests: true,
      parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    });
  });
});
