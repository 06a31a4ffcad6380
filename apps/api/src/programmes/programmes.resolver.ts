import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProgrammesService, type LotView, type Programme } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { DateScalar } from '../graphql/date.scalar';
import type { GraphQLContext } from '../graphql/graphql-context';
import {
  BudgetAllocationModel,
  LotModel,
  ProgrammeModel,
  ProgrammeServiceLineModel,
} from './programme.model';
import { ContractModel, SupplierModel } from './supplier.model';

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

  @ResolveField(() => [BudgetAllocationModel], { description: 'By financial year, if allocated.' })
  budgetAllocations(@Parent() programme: Programme, @Context() context: GraphQLContext) {
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
