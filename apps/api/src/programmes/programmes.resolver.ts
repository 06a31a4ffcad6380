import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  maySeeBudgetOf,
  ProgrammesService,
  type LotView,
  type Programme,
} from '@la-tracker/domain/programmes';
import { ForbiddenError } from '@la-tracker/platform/errors';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { DateScalar } from '../graphql/date.scalar';
import { signedInCaller, type GraphQLContext } from '../graphql/graphql-context';
import { MoneyScalar } from '../graphql/money.scalar';
import {
  BudgetAllocationModel,
  LotModel,
  ProgrammeModel,
  ProgrammeServiceLineModel,
} from './programme.model';
import { ContractModel, SupplierModel } from './supplier.model';

async function assertMaySeeBudget(context: GraphQLContext, programmeId: string): Promise<void> {
  if (!maySeeBudgetOf(await signedInCaller(context.auth), programmeId))
    throw new ForbiddenError('A programme’s budget is for admins and its managers.');
}

@Resolver(() => ProgrammeModel)
export class ProgrammesResolver {
  constructor(@Inject(ProgrammesService) private readonly service: ProgrammesService) {}

  @Query(() => [ProgrammeModel], {
    description:
      'The programmes you may see: all for admins and regional advisers, your own for programme managers, those your organisation holds a contract in for suppliers.',
  })
  programmes(@CurrentCaller() caller: Caller): Promise<Programme[]> {
    return this.service.list(caller);
  }

  @Query(() => ProgrammeModel, { description: 'One programme you may see.' })
  programme(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Programme> {
    return this.service.get(caller, id);
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description: 'The total budget: for admins and the programme’s managers.',
  })
  async budget(@Parent() programme: Programme, @Context() context: GraphQLContext) {
    await assertMaySeeBudget(context, programme.id);
    return programme.budgetPence;
  }

  @ResolveField(() => [BudgetAllocationModel], {
    nullable: true,
    description: 'By financial year, if allocated: for admins and the programme’s managers.',
  })
  async budgetAllocations(@Parent() programme: Programme, @Context() context: GraphQLContext) {
    await assertMaySeeBudget(context, programme.id);
    return context.loaders.programmes.budgetAllocations.load(programme.id);
  }

  @ResolveField(() => [LotModel], {
    description:
      'The lots in force on a date; without one, the lots not yet ended (those in force today in England, and any a variation has yet to bring in).',
  })
  async lots(
    @Parent() programme: Programme,
    @Context() context: GraphQLContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<LotView[]> {
    return this.service.lotsOn(await context.loaders.programmes.lots.load(programme.id), asOf);
  }

  @ResolveField(() => [LotModel], {
    description: 'Every lot it has had, by the day each took effect, then number.',
  })
  lotHistory(@Parent() programme: Programme, @Context() context: GraphQLContext) {
    return context.loaders.programmes.lots.load(programme.id);
  }

  @ResolveField(() => [ProgrammeServiceLineModel])
  serviceLines(@Parent() programme: Programme, @Context() context: GraphQLContext) {
    return context.loaders.programmes.serviceLines.load(programme.id);
  }

  @ResolveField(() => [SupplierModel], {
    description: 'The suppliers holding a contract in it (suppliers see only themselves).',
  })
  suppliers(@Parent() programme: Programme, @Context() context: GraphQLContext) {
    return context.loaders.programmes.suppliersOfProgramme.load(programme.id);
  }

  @ResolveField(() => [ContractModel], {
    description: 'Its contracts by reference (suppliers see only their own).',
  })
  contracts(@Parent() programme: Programme, @Context() context: GraphQLContext) {
    return context.loaders.programmes.contractsOfProgramme.load(programme.id);
  }
}
