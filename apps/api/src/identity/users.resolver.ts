import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UsersService, type PersonWithRoles } from '@la-tracker/domain/identity';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import { RoleChangeInput, UsersArgs } from './user.input';
import { UserConnection, UserModel } from './user.model';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(@Inject(UsersService) private readonly service: UsersService) {}

  @Query(() => UserConnection, {
    description: 'People who have signed in, by name, with the roles they hold (admins).',
  })
  async users(@CurrentCaller() caller: Caller, @Args() args: UsersArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }

  @Mutation(() => UserModel, {
    description:
      'Give a person a role with its scope (admins). The scope must exist. Audited; a repeat changes nothing.',
  })
  assignRole(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RoleChangeInput,
  ): Promise<PersonWithRoles> {
    return this.service.assignRole(caller, input);
  }

  @Mutation(() => UserModel, {
    description:
      'Take a role with its scope away from a person (admins); it takes effect on their next request. Audited; a repeat changes nothing. The last ADMIN assignment cannot be taken away (CONFLICT).',
  })
  revokeRole(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RoleChangeInput,
  ): Promise<PersonWithRoles> {
    return this.service.revokeRole(caller, input);
  }
}
