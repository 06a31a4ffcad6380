import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  DashboardService,
  type DashboardRegion,
  type ProgrammeDashboard,
} from '@la-tracker/domain/dashboard';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import type { GraphQLContext } from '../graphql/graphql-context';
import { RegionModel } from '../local-authorities/region.model';
import { ProgrammeModel } from '../programmes/programme.model';
import { DashboardRegionModel, ProgrammeDashboardModel } from './dashboard.model';

@Resolver(() => ProgrammeDashboardModel)
export class DashboardResolver {
  constructor(@Inject(DashboardService) private readonly service: DashboardService) {}

  @Query(() => ProgrammeDashboardModel, {
    description:
      'A programme’s financial year at a glance, for its managers and admins: delivery against targets by service line, spend against the budget, reach and network coverage by region, overdue items, and the coaching watchlist.',
  })
  programmeDashboard(
    @CurrentCaller() caller: Caller,
    @Args('programmeId', { type: () => ID }) programmeId: string,
    @Args('financialYear', { description: 'e.g. 2022-23.' }) financialYear: string,
  ): Promise<ProgrammeDashboard> {
    return this.service.dashboard(caller, programmeId, financialYear);
  }

  @ResolveField(() => ProgrammeModel)
  programme(@Parent() dashboard: ProgrammeDashboard, @Context() context: GraphQLContext) {
    return context.loaders.programmes.programmeById.load(dashboard.programmeId);
  }
}

@Resolver(() => DashboardRegionModel)
export class DashboardRegionResolver {
  @ResolveField(() => RegionModel, { description: 'The region, with its code and name.' })
  region(@Parent() row: DashboardRegion, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.region.load(row.regionCode);
  }
}
