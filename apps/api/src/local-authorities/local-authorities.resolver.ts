import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LocalAuthoritiesService, type LocalAuthority } from '@la-tracker/domain/local-authorities';
import type { GraphQLContext } from '../graphql/graphql-context';
import { toConnection } from '../graphql/connection.model';
import { LocalAuthorityArgs, LocalAuthoritiesArgs } from './local-authority.args';
import { LocalAuthorityConnection, LocalAuthorityModel } from './local-authority.model';
import { RegionModel } from './region.model';

@Resolver(() => LocalAuthorityModel)
export class LocalAuthoritiesResolver {
  constructor(@Inject(LocalAuthoritiesService) private readonly service: LocalAuthoritiesService) {}

  @Query(() => LocalAuthorityConnection, {
    description:
      'Local authorities that existed on a date (today in England unless `filter.activeOn` says otherwise), by name.',
  })
  async localAuthorities(@Args() args: LocalAuthoritiesArgs) {
    return toConnection(await this.service.list(args.filter ?? {}, args));
  }

  @Query(() => LocalAuthorityModel, {
    nullable: true,
    description: 'One local authority by current ONS code, earlier ONS code or DfE code.',
  })
  localAuthority(@Args() args: LocalAuthorityArgs): Promise<LocalAuthority> {
    return this.service.get(args.code);
  }

  @ResolveField(() => RegionModel)
  region(@Parent() la: LocalAuthority, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.region.load(la.regionCode);
  }

  @ResolveField(() => [String], { description: 'ONS codes this LA had before its current one.' })
  earlierGssCodes(@Parent() la: LocalAuthority, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.earlierGssCodes.load(la.id);
  }

  @ResolveField(() => [LocalAuthorityModel], { description: 'The LAs this one replaced.' })
  predecessors(@Parent() la: LocalAuthority, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.predecessors.load(la.id);
  }

  @ResolveField(() => [LocalAuthorityModel], { description: 'The LAs that replaced this one.' })
  successors(@Parent() la: LocalAuthority, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.successors.load(la.id);
  }
}
