import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiTokensService, type ApiToken, type CreatedApiToken } from '@la-tracker/domain/identity';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CreateApiTokenInput } from './api-token.input';
import { ApiTokenModel, CreatedApiTokenModel } from './api-token.model';

@Resolver(() => ApiTokenModel)
export class ApiTokensResolver {
  constructor(@Inject(ApiTokensService) private readonly service: ApiTokensService) {}

  @Query(() => [ApiTokenModel], {
    description:
      'Your personal API tokens, newest first, revoked and expired ones included. Admins may name anyone.',
  })
  apiTokens(
    @CurrentCaller() caller: Caller,
    @Args('userId', { type: () => ID, nullable: true }) userId?: string,
  ): Promise<ApiToken[]> {
    return this.service.list(caller, userId);
  }

  @Mutation(() => CreatedApiTokenModel, {
    description:
      'Make a personal API token: it acts as you, with your roles as they stand at each request. Anyone with a role may; not with an API token. Audited.',
  })
  createApiToken(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateApiTokenInput,
  ): Promise<CreatedApiToken> {
    return this.service.create(caller, input);
  }

  @Mutation(() => ApiTokenModel, {
    description:
      'Revoke one of your API tokens (admins: anyone’s); it stops working at once. Audited; a repeat changes nothing.',
  })
  revokeApiToken(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ApiToken> {
    return this.service.revoke(caller, id);
  }
}
