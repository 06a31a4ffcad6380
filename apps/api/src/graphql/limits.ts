import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Injectable,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import { pageSize } from '@la-tracker/platform/database';
import { BadUserInputError } from '@la-tracker/platform/errors';
import type { NodeEnv } from '@la-tracker/platform/config';
import type { Request, Response } from 'express';
import {
  GraphQLError,
  Kind,
  visit,
  type ArgumentNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * What one request may ask for. Real nested queries fit with room to spare: regions →
 * localAuthorities → successors → predecessors → region → name is 6 deep, and through a
 * connection (edges → node) 8.
 */
export const GRAPHQL_LIMITS = {
  /** Levels of nested fields (fragments do not count as levels). */
  maxDepth: 10,
  /** Aliased fields in one operation: enough to compare a region's LAs side by side. */
  maxAliases: 15,
  /**
   * graphql-armor's estimate: 2 an object, 1 a scalar, × 1.5 a level, × a literal `first`. A page
   * of 50 LAs, each with a year's engagements and their latest 10 sessions, costs about 22,000.
   */
  maxCost: 30_000,
  maxDirectives: 20,
  /** Lexical tokens in the document; the introspection query takes about 300. */
  maxTokens: 2_000,
  /** Operations in one batched HTTP request (a JSON array of operations). */
  maxBatchOperations: 10,
} as const;

type Reject = (context: ValidationContext | null, error: GraphQLError) => void;

/**
 * Reports an armor limit as a validation error a person can act on. Armor words every limit as a
 * "Syntax Error", which it is not.
 */
function refuse(advice: string): Reject {
  return (context, error) =>
    context?.reportError(
      new GraphQLError(`${error.message.replace(/^Syntax Error:\s*/, '')} ${advice}`, {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    );
}

/** The problem with a `first` written in the query, if it is not a page size we serve. */
function pageSizeProblem(node: ArgumentNode): BadUserInputError | undefined {
  if (node.name.value !== 'first' || node.value.kind !== Kind.INT) return undefined;
  try {
    pageSize(Number(node.value.value));
    return undefined;
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
}

/**
 * `first` above 100 written in the query is refused while validating, before any resolver or
 * guard runs; a `first` from a variable is refused by the resolver's `pageSize` with the same words.
 */
export const pageSizeRule: ValidationRule = (context) => ({
  Argument(node) {
    const problem = pageSizeProblem(node);
    if (problem) {
      context.reportError(
        new GraphQLError(problem.message, { nodes: [node], originalError: problem }),
      );
    }
  },
});

/** Armor multiplies the cost by a literal `first`: a `first: 100000` is refused for what it is. */
function hasBadPageSize(context: ValidationContext | null): boolean {
  let found = false;
  if (context) {
    visit(context.getDocument(), {
      Argument(node) {
        found ||= pageSizeProblem(node) !== undefined;
      },
    });
  }
  return found;
}

/** Takes graphql-js's "Did you mean …?" out of messages, so the schema cannot be guessed at. */
const hideSuggestionsPlugin: ApolloServerPlugin<BaseContext> = {
  requestDidStart: () =>
    Promise.resolve({
      didEncounterErrors: ({ errors }) => {
        for (const error of errors)
          error.message = error.message.replace(/\s*Did you mean .*\?$/, '');
        return Promise.resolve();
      },
    }),
};

/** Apollo options that hold every request to `GRAPHQL_LIMITS`. */
export function graphqlLimits(nodeEnv: NodeEnv) {
  const armor = new ApolloArmor({
    costLimit: {
      maxCost: GRAPHQL_LIMITS.maxCost,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        (context, error) =>
          hasBadPageSize(context) ||
          refuse('Ask for fewer fields or smaller pages, or split the query.')(context, error),
      ],
    },
    maxDepth: {
      n: GRAPHQL_LIMITS.maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        refuse('Ask for fewer nested levels, or fetch the deeper data in a second query.'),
      ],
    },
    maxAliases: {
      n: GRAPHQL_LIMITS.maxAliases,
      allowList: [],
      propagateOnRejection: false,
      onReject: [refuse('Use fewer aliases, or split the query.')],
    },
    maxDirectives: {
      n: GRAPHQL_LIMITS.maxDirectives,
      propagateOnRejection: false,
      onReject: [refuse('Use fewer directives.')],
    },
    // Apollo runs armor's token plugin outside its error handling (a 500): graphql-js's own
    // `maxTokens` parse option below gives a GRAPHQL_PARSE_FAILED instead.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    options: {
      allowBatchedHttpRequests: true,
      parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
      validationRules: [pageSizeRule, ...armor.validationRules],
    },
    // Suggestions help while developing; elsewhere they map the schema for a stranger.
    plugins: [...armor.plugins, ...(nodeEnv === 'development' ? [] : [hideSuggestionsPlugin])],
  };
}

/**
 * Refuses a batch of more than `maxBatchOperations` operations before Apollo runs any of them:
 * batching multiplies every other limit.
 */
@Injectable()
class BatchLimitMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: () => void): void {
    const body: unknown = req.body;
    if (Array.isArray(body) && body.length > GRAPHQL_LIMITS.maxBatchOperations) {
      res.status(400).json({
        errors: [
          {
            message: `A batched request may hold at most ${GRAPHQL_LIMITS.maxBatchOperations} operations; this one holds ${body.length}. Send them in smaller batches.`,
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
      return;
    }
    next();
  }
}

@Module({ providers: [BatchLimitMiddleware] })
export class GraphQLLimitsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BatchLimitMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.POST });
  }
}
