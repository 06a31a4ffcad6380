import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { EligibilityService, type EligibilityAnswer } from '@la-tracker/domain/inspections';
import type { LocalAuthority } from '@la-tracker/domain/local-authorities';
import { ProgrammesService, type ServiceLine } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { DateScalar } from '../graphql/date.scalar';
import { signedInCaller, type GraphQLContext } from '../graphql/graphql-context';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { ServiceLineEnum } from '../programmes/programme-enums';
import { EligibilityModel } from './eligibility.model';
import { toInspectionModel } from './inspection.model';

/** An answer, with the programme it was asked about (if any) for its `engagements`. */
export type EligibilityInProgramme = EligibilityAnswer & { programmeId?: string | null };

@Resolver(() => EligibilityModel)
export class EligibilityResolver {
  constructor(
    @Inject(EligibilityService) private readonly service: EligibilityService,
    @Inject(ProgrammesService) private readonly programmes: ProgrammesService,
  ) {}

  @Query(() => [EligibilityModel], {
    description:
      'The LAs eligible for a service line as of a date (today in England by default), each with its basis and evidence. With a programme, each answer’s engagements are that programme’s.',
  })
  async eligibleLocalAuthorities(
    @CurrentCaller() caller: Caller,
    @Args('serviceLine', { type: () => ServiceLineEnum }) serviceLine: ServiceLine,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
    @Args('programmeId', { type: () => ID, nullable: true }) programmeId?: string,
  ): Promise<EligibilityInProgramme[]> {
    // A programme the caller may not see answers NOT_FOUND, as if it did not exist.
    if (programmeId) await this.programmes.get(caller, programmeId);
    const answers = await this.service.eligibleLocalAuthorities(caller, serviceLine, asOf);
    return answers.map((answer) => ({ ...answer, programmeId: programmeId ?? null }));
  }

  @ResolveField(() => LocalAuthorityModel)
  localAuthority(@Parent() answer: EligibilityAnswer, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.byId.load(answer.localAuthorityId);
  }

  @ResolveField()
  evidence(@Parent() answer: EligibilityAnswer) {
    return {
      inspections: answer.evidenceRecords.inspections.map(toInspectionModel),
      concerns: answer.evidenceRecords.concerns,
    };
  }
}

/** `LocalAuthority.eligibility`: not public, so scoped by the caller (advisers: their regions). */
@Resolver(() => LocalAuthorityModel)
export class LocalAuthorityEligibilityResolver {
  @ResolveField(() => EligibilityModel, {
    nullable: true,
    description:
      'Whether it may receive a service line as of a date (today in England by default): programme managers, regional advisers (their regions) and admins.',
  })
  async eligibility(
    @Parent() la: LocalAuthority,
    @Context() context: GraphQLContext,
    @Args('serviceLine', { type: () => ServiceLineEnum }) serviceLine: ServiceLine,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<EligibilityAnswer> {
    const caller = await signedInCaller(context.auth);
    const answer = await context.loaders.eligibility.load({
      caller,
      la,
      serviceLine,
      asOf: asOf ?? null,
    });
    if (answer instanceof Error) throw answer;
    return answer;
  }
}
