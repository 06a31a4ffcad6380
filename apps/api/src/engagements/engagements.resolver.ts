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
import {
  EngagementsService,
  maySeeEligibility,
  type Engagement,
} from '@la-tracker/domain/engagements';
import { BadUserInputError, ForbiddenError } from '@la-tracker/platform/errors';
import { isFinancialYear } from '@la-tracker/domain/calendar';
import type { LocalAuthority } from '@la-tracker/domain/local-authorities';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import { signedInCaller, type GraphQLContext } from '../graphql/graphql-context';
import { EligibilityModel } from '../inspections/eligibility.model';
import type { EligibilityInProgramme } from '../inspections/eligibility.resolver';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { ProgrammeModel } from '../programmes/programme.model';
import { ContractModel, SupplierModel } from '../programmes/supplier.model';
import {
  ApproveEngagementInput,
  EngagementsArgs,
  ReferLocalAuthorityInput,
} from './engagement.input';
import {
  EngagementConnection,
  EngagementEligibilityModel,
  EngagementModel,
} from './engagement.model';

@Resolver(() => EngagementModel)
export class EngagementsResolver {
  constructor(@Inject(EngagementsService) private readonly service: EngagementsService) {}

  @Query(() => EngagementConnection, {
    description:
      'Engagements the caller may see: managers their programmes, suppliers their contracts, advisers their regions.',
  })
  async engagements(@CurrentCaller() caller: Caller, @Args() args: EngagementsArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }

  @Query(() => EngagementModel)
  engagement(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Mutation(() => EngagementModel, { description: 'Refer an LA for a service line: REFERRED.' })
  referLocalAuthority(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ReferLocalAuthorityInput,
  ): Promise<Engagement> {
    return this.service.refer(caller, input);
  }

  @Mutation(() => EngagementModel, {
    description:
      'Approve a referral under a contract. May fail CAP_REACHED, or NOT_ELIGIBLE without an override reason.',
  })
  approveEngagement(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ApproveEngagementInput,
  ): Promise<Engagement> {
    return this.service.approve(caller, input);
  }

  @Mutation(() => EngagementModel, { description: 'Decline a referral, with the reason.' })
  declineEngagement(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<Engagement> {
    return this.service.decline(caller, id, reason);
  }

  @Mutation(() => EngagementModel, { description: 'Delivery has begun: IN_DELIVERY.' })
  startEngagement(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Engagement> {
    return this.service.start(caller, id);
  }

  @Mutation(() => EngagementModel, { description: 'Delivery is finished: COMPLETED.' })
  completeEngagement(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Engagement> {
    return this.service.complete(caller, id);
  }

  @Mutation(() => EngagementModel, {
    description: 'Stop an approved or in-delivery engagement, with the reason.',
  })
  withdrawEngagement(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<Engagement> {
    return this.service.withdraw(caller, id, reason);
  }

  @ResolveField(() => LocalAuthorityModel)
  localAuthority(@Parent() engagement: Engagement, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.byId.load(engagement.localAuthorityId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Why it was approved without regard to eligibility (given for an LA not eligible, and may be given for one that is). Not for supplier staff.',
  })
  async overrideReason(@Parent() engagement: Engagement, @Context() context: GraphQLContext) {
    await this.assertMaySeeEligibility(context);
    return engagement.overrideReason;
  }

  @ResolveField(() => EngagementEligibilityModel, {
    nullable: true,
    description:
      'For service lines open to eligible LAs only: the answer the approval rested on. Not for supplier staff.',
  })
  async eligibility(@Parent() engagement: Engagement, @Context() context: GraphQLContext) {
    await this.assertMaySeeEligibility(context);
    return engagement.eligibility;
  }

  /** Eligibility is not public (SPEC §2): supplier staff are refused these fields. */
  private async assertMaySeeEligibility(context: GraphQLContext): Promise<void> {
    if (!maySeeEligibility(await signedInCaller(context.auth)))
      throw new ForbiddenError(
        'Eligibility answers are for programme managers, regional advisers and admins.',
      );
  }

  @ResolveField(() => ProgrammeModel)
  programme(@Parent() engagement: Engagement, @Context() context: GraphQLContext) {
    return context.loaders.programmes.programmeById.load(engagement.programmeId);
  }

  @ResolveField(() => ContractModel, {
    nullable: true,
    description: 'The contract it was approved under; null until approved.',
  })
  contract(@Parent() engagement: Engagement, @Context() context: GraphQLContext) {
    return engagement.contractId
      ? context.loaders.programmes.contractById.load(engagement.contractId)
      : null;
  }

  @ResolveField(() => SupplierModel, {
    nullable: true,
    description: "Its contract's supplier; null until approved.",
  })
  async supplier(@Parent() engagement: Engagement, @Context() context: GraphQLContext) {
    if (!engagement.contractId) return null;
    const contract = await context.loaders.programmes.contractById.load(engagement.contractId);
    return context.loaders.programmes.supplierById.load(contract.supplierId);
  }
}

/** `LocalAuthority.engagements`: the support an LA has had, as far as the caller may see. */
@Resolver(() => LocalAuthorityModel)
export class LocalAuthorityEngagementsResolver {
  @ResolveField(() => [EngagementModel], {
    description:
      'Support received or offered, newest referral first, as far as the caller may see (advisers: their regions).',
  })
  async engagements(
    @Parent() la: LocalAuthority,
    @Context() context: GraphQLContext,
    @Args('financialYear', {
      type: () => String,
      nullable: true,
      description: 'Only those referred for this financial year (e.g. 2025-26).',
    })
    financialYear?: string | null,
  ): Promise<Engagement[]> {
    // Checked here rather than in the batch, which a bad year would fail for every LA's field.
    if (financialYear !== null && financialYear !== undefined && !isFinancialYear(financialYear))
      throw BadUserInputError.forFields([
        { field: 'financialYear', message: 'must be written like 2022-23' },
      ]);
    return context.loaders.engagementsOfLocalAuthority.load({
      localAuthorityId: la.id,
      financialYear: financialYear ?? null,
    });
  }
}

/** `Eligibility.engagements`: for the watchlist, whether an eligible LA has support already. */
@Resolver(() => EligibilityModel)
export class EligibilityEngagementsResolver {
  @ResolveField(() => [EngagementModel], {
    description:
      'The LA’s engagements for this service line (in the programme asked about, if any), as far as the caller may see.',
  })
  async engagements(
    @Parent() answer: EligibilityInProgramme,
    @Context() context: GraphQLContext,
  ): Promise<Engagement[]> {
    const engagements = await context.loaders.engagementsOfLocalAuthority.load({
      localAuthorityId: answer.localAuthorityId,
      financialYear: null,
    });
    return engagements.filter(
      (engagement) =>
        engagement.serviceLine === answer.serviceLine &&
        (!answer.programmeId || engagement.programmeId === answer.programmeId),
    );
  }
}
