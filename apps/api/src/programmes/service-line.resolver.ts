import { Inject } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ProgrammesService,
  type LotView,
  type ProgrammeServiceLine,
  type TargetView,
} from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LotModel, ProgrammeServiceLineModel, ServiceLineTargetModel } from './programme.model';

@Resolver(() => ProgrammeServiceLineModel)
export class ServiceLineResolver {
  constructor(@Inject(ProgrammesService) private readonly service: ProgrammesService) {}

  @ResolveField(() => [ServiceLineTargetModel], {
    description:
      'For each financial year of the programme, the target in force on a date (today in England by default).',
  })
  async targets(
    @Parent() line: ProgrammeServiceLine,
    @Context() context: GraphQLContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<TargetView[]> {
    return this.service.targetsInForce(await this.versionsOf(line, context), asOf);
  }

  @ResolveField(() => [ServiceLineTargetModel], {
    description: 'Every version of its targets, or of one year’s, oldest first.',
  })
  async targetHistory(
    @Parent() line: ProgrammeServiceLine,
    @Context() context: GraphQLContext,
    @Args('financialYear', { nullable: true, description: 'e.g. 2022-23.' })
    financialYear?: string,
  ): Promise<TargetView[]> {
    const versions = await this.versionsOf(line, context);
    return financialYear
      ? versions.filter((version) => version.financialYear === financialYear)
      : versions;
  }

  @ResolveField(() => LotModel, {
    nullable: true,
    description: 'The lot holding it on a date (today in England by default).',
  })
  async lot(
    @Parent() line: ProgrammeServiceLine,
    @Context() context: GraphQLContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<LotView | null> {
    const lots = await context.loaders.programmes.lots.load(line.programmeId);
    return this.service.lotOf(lots, line.serviceLine, asOf);
  }

  private async versionsOf(
    line: ProgrammeServiceLine,
    context: GraphQLContext,
  ): Promise<TargetView[]> {
    const versions = await context.loaders.programmes.targets.load(line.programmeId);
    return versions.filter((version) => version.serviceLine === line.serviceLine);
  }
}
