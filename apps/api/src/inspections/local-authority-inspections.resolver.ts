import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InspectionsService, latestGradedInspectionAsOf } from '@la-tracker/domain/inspections';
import type { LocalAuthority } from '@la-tracker/domain/local-authorities';
import { Clock } from '@la-tracker/platform/time';
import { toConnection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { InspectionConnection, InspectionModel, toInspectionModel } from './inspection.model';

/** An LA's inspection history: published judgements, for every signed-in user. */
@Resolver(() => LocalAuthorityModel)
export class LocalAuthorityInspectionsResolver {
  constructor(
    @Inject(InspectionsService) private readonly service: InspectionsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @ResolveField(() => InspectionConnection, {
    description: 'Its inspections and visits, newest first.',
  })
  async inspections(
    @Parent() la: LocalAuthority,
    @Context() context: GraphQLContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ) {
    const events = await context.loaders.inspections.load(la.id);
    const page = this.service.page(events, { first, after });
    return toConnection({
      ...page,
      edges: page.edges.map((edge) => ({ ...edge, node: toInspectionModel(edge.node) })),
    });
  }

  @ResolveField(() => InspectionModel, {
    nullable: true,
    description:
      'Its latest graded inspection published on or before the date (today in England by default).',
  })
  async latestInspection(
    @Parent() la: LocalAuthority,
    @Context() context: GraphQLContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<InspectionModel | null> {
    const latest = latestGradedInspectionAsOf(
      await context.loaders.inspections.load(la.id),
      asOf ?? this.clock.today(),
    );
    return latest ? toInspectionModel(latest) : null;
  }
}
