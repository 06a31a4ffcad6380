import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { LotView, ProgrammeServiceLine } from '@la-tracker/domain/programmes';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LotModel, ProgrammeServiceLineModel } from './programme.model';

@Resolver(() => LotModel)
export class LotResolver {
  @ResolveField(() => [ProgrammeServiceLineModel], { description: 'The service lines it groups.' })
  async serviceLines(
    @Parent() lot: LotView,
    @Context() context: GraphQLContext,
  ): Promise<ProgrammeServiceLine[]> {
    const lines = await context.loaders.programmes.serviceLines.load(lot.programmeId);
    return lines.filter((line) => lot.serviceLines.includes(line.serviceLine));
  }
}
