import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LocalAuthoritiesService, type Region } from '@la-tracker/domain/local-authorities';
import { DateScalar } from '../graphql/date.scalar';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LocalAuthorityModel } from './local-authority.model';
import { RegionModel } from './region.model';

@Resolver(() => RegionModel)
export class RegionsResolver {
  constructor(@Inject(LocalAuthoritiesService) private readonly service: LocalAuthoritiesService) {}

  @Query(() => [RegionModel], { description: 'The 9 English regions.' })
  regions(): Promise<Region[]> {
    return this.service.regions();
  }

  @ResolveField(() => [LocalAuthorityModel], {
    description: 'Its LAs that existed on a date (today in England when left out), by name.',
  })
  localAuthorities(
    @Parent() region: Region,
    @Context() context: GraphQLContext,
    @Args('activeOn', { type: () => DateScalar, nullable: true }) activeOn?: string,
  ) {
    return context.loaders.localAuthorities.regionMembers.load({
      regionCode: region.code,
      activeOn: activeOn ?? null,
    });
  }
}
