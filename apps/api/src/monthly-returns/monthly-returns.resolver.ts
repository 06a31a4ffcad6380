import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { MonthlyReturnsService, type MonthlyReturnView } from '@la-tracker/domain/monthly-returns';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { ProgrammeModel } from '../programmes/programme.model';
import { SupplierModel } from '../programmes/supplier.model';
import { MonthlyReturnsArgs, SubmitMonthlyReturnInput } from './monthly-return.input';
import { MonthlyReturnConnection, MonthlyReturnModel } from './monthly-return.model';

@Resolver(() => MonthlyReturnModel)
export class MonthlyReturnsResolver {
  constructor(@Inject(MonthlyReturnsService) private readonly service: MonthlyReturnsService) {}

  @Query(() => MonthlyReturnConnection, {
    description:
      'Monthly returns, newest month first: suppliers their own, managers their programmes’, admins all.',
  })
  async monthlyReturns(@CurrentCaller() caller: Caller, @Args() args: MonthlyReturnsArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }

  @Query(() => MonthlyReturnModel)
  monthlyReturn(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MonthlyReturnView> {
    return this.service.get(caller, id);
  }

  @Mutation(() => MonthlyReturnModel, {
    description:
      'Submit your return for a month that has ended, or submit again one sent back. Audited.',
  })
  submitMonthlyReturn(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SubmitMonthlyReturnInput,
  ): Promise<MonthlyReturnView> {
    const { spend, ...rest } = input;
    return this.service.submit(caller, { ...rest, spendPence: spend });
  }

  @Mutation(() => MonthlyReturnModel, { description: 'Accept a submitted return. Audited.' })
  acceptMonthlyReturn(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<MonthlyReturnView> {
    return this.service.accept(caller, id);
  }

  @Mutation(() => MonthlyReturnModel, {
    description: 'Send a submitted return back to its supplier, with what to put right. Audited.',
  })
  returnMonthlyReturn(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<MonthlyReturnView> {
    return this.service.returnToSupplier(caller, id, reason);
  }

  @ResolveField(() => ProgrammeModel)
  programme(@Parent() record: MonthlyReturnView, @Context() context: GraphQLContext) {
    return context.loaders.programmes.programmeById.load(record.programmeId);
  }

  @ResolveField(() => SupplierModel)
  supplier(@Parent() record: MonthlyReturnView, @Context() context: GraphQLContext) {
    return context.loaders.programmes.supplierById.load(record.supplierId);
  }
}
