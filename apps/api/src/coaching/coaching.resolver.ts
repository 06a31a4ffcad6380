import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CoachingService,
  hoursAndMinutes,
  remainingMinutes,
  type CoachingBalance,
} from '@la-tracker/domain/coaching';
import type { Engagement } from '@la-tracker/domain/engagements';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { EngagementModel } from '../engagements/engagement.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { AllocateCoachingHoursInput, ApproveCoachingVariationInput } from './coaching.input';
import { CoachingAllocationModel } from './coaching.model';

function shown(balance: CoachingBalance): CoachingAllocationModel {
  const remaining = remainingMinutes(balance);
  return {
    ...balance,
    remainingMinutes: remaining,
    remaining: hoursAndMinutes(remaining),
    allowed: hoursAndMinutes(balance.allocatedMinutes + balance.variationMinutes),
  };
}

@Resolver(() => CoachingAllocationModel)
export class CoachingResolver {
  constructor(@Inject(CoachingService) private readonly service: CoachingService) {}

  @Mutation(() => CoachingAllocationModel, {
    description:
      "Set a leader role's coaching minutes on a COACHING_MENTORING engagement; never below what is already used.",
  })
  async allocateCoachingHours(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AllocateCoachingHoursInput,
  ): Promise<CoachingAllocationModel> {
    return shown(await this.service.allocate(caller, input));
  }

  @Mutation(() => CoachingAllocationModel, {
    description: "Approve minutes beyond a role's allocation, with the reason (audited).",
  })
  async approveCoachingVariation(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ApproveCoachingVariationInput,
  ): Promise<CoachingAllocationModel> {
    return shown(await this.service.approveVariation(caller, input));
  }
}

/** `Engagement.coachingAllocations`: the balance of each role, batched across engagements. */
@Resolver(() => EngagementModel)
export class EngagementCoachingResolver {
  @ResolveField(() => [CoachingAllocationModel], {
    description:
      "Coaching hours by leader role (COACHING_MENTORING engagements): for the programme's managers, the contract's supplier and admins.",
  })
  async coachingAllocations(
    @Parent() engagement: Engagement,
    @Context() context: GraphQLContext,
  ): Promise<CoachingAllocationModel[]> {
    const balances = await context.loaders.coachingAllocations.load(engagement.id);
    return balances.map(shown);
  }
}
