import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Caller } from '@la-tracker/platform/auth';
import type { GraphQLContext } from '../graphql/graphql-context';

/** The signed-in caller, as the guard found them; resolvers pass it to services for scope. */
export const CurrentCaller = createParamDecorator(
  async (_data: unknown, context: ExecutionContext): Promise<Caller | null> => {
    const caller = GqlExecutionContext.create(context).getContext<GraphQLContext>().auth.caller;
    return caller ? await caller : null;
  },
);
