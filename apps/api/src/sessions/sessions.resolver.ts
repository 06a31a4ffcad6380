import { Inject } from '@nestjs/common';
import { pageSize } from '@la-tracker/platform/database';
import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { Engagement } from '@la-tracker/domain/engagements';
import {
  SessionsService,
  type AttendanceRow,
  type CostShareRow,
  type DeliverySession,
} from '@la-tracker/domain/sessions';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { EngagementModel } from '../engagements/engagement.model';
import { toConnection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { assertMaySeeTerms } from '../programmes/contract.resolver';
import { RateUnitEnum } from '../programmes/programme-enums';
import { ContractModel } from '../programmes/supplier.model';
import { MoneyScalar } from '../graphql/money.scalar';
import {
  DeliverySessionsArgs,
  PlanSessionInput,
  RecordSessionInput,
  UpdateSessionInput,
} from './session.input';
import {
  DeliverySessionConnection,
  DeliverySessionModel,
  SessionAttendanceModel,
  SessionCostShareModel,
} from './session.model';

@Resolver(() => DeliverySessionModel)
export class DeliverySessionsResolver {
  constructor(@Inject(SessionsService) private readonly service: SessionsService) {}

  @Query(() => DeliverySessionConnection, {
    description:
      'Sessions the caller may see, the latest first: managers their programmes’, suppliers their own, advisers those of LAs in their regions.',
  })
  async deliverySessions(@CurrentCaller() caller: Caller, @Args() args: DeliverySessionsArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }

  @Query(() => DeliverySessionModel)
  deliverySession(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Mutation(() => DeliverySessionModel, { description: 'Plan a session ahead: PLANNED.' })
  planSession(
    @CurrentCaller() caller: Caller,
    @Args('input') input: PlanSessionInput,
  ): Promise<DeliverySession> {
    return this.service.planSession(caller, input);
  }

  @Mutation(() => DeliverySessionModel, {
    description:
      'Record a delivered session, or a planned one with its sessionId: DRAFT. Approved engagements move to IN_DELIVERY.',
  })
  recordSession(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordSessionInput,
  ): Promise<DeliverySession> {
    return this.service.recordSession(caller, input);
  }

  @Mutation(() => DeliverySessionModel, {
    description: 'Change a PLANNED, DRAFT or RETURNED session; it keeps its state.',
  })
  updateSession(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateSessionInput,
  ): Promise<DeliverySession> {
    return this.service.updateSession(caller, input);
  }

  @Mutation(() => DeliverySessionModel, {
    description: 'Hand in a DRAFT or RETURNED session’s report: SUBMITTED.',
  })
  submitSession(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<DeliverySession> {
    return this.service.submitSession(caller, id);
  }

  @Mutation(() => DeliverySessionModel, {
    description:
      'Approve a SUBMITTED session: APPROVED, costed once at the contract’s rate and shared among its LAs by headcount.',
  })
  approveSession(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<DeliverySession> {
    return this.service.approveSession(caller, id);
  }

  @Mutation(() => DeliverySessionModel, {
    description: 'Send a SUBMITTED session back to its supplier with the reason: RETURNED.',
  })
  returnSession(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<DeliverySession> {
    return this.service.returnSession(caller, id, reason);
  }

  @ResolveField(() => [EngagementModel], {
    description: 'The engagements it counts as delivery for, as far as the caller may see them.',
  })
  engagements(@Parent() session: DeliverySession, @Context() context: GraphQLContext) {
    return context.loaders.sessions.engagements.load(session.id);
  }

  @ResolveField(() => ContractModel)
  contract(@Parent() session: DeliverySession, @Context() context: GraphQLContext) {
    return context.loaders.programmes.contractById.load(session.contractId);
  }

  @ResolveField(() => [SessionAttendanceModel], {
    description: 'By LA and role; advisers see their regions’ LAs only.',
  })
  attendance(@Parent() session: DeliverySession, @Context() context: GraphQLContext) {
    return context.loaders.sessions.attendance.load(session.id);
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description:
      'Worked out once, at approval, at the contract’s rate; null until approved. For admins, the programme’s managers and the supplier.',
  })
  async cost(@Parent() session: DeliverySession, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, session);
    return session.costPence;
  }

  @ResolveField(() => RateUnitEnum, {
    nullable: true,
    description:
      'The unit of the rate it was costed at; null until approved, or when the contract had no rate for its line.',
  })
  async rateUnit(@Parent() session: DeliverySession, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, session);
    return session.rateUnit;
  }

  @ResolveField(() => MoneyScalar, { nullable: true, description: 'The rate it was costed at.' })
  async rate(@Parent() session: DeliverySession, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, session);
    return session.rateAmountPence;
  }

  @ResolveField(() => [SessionCostShareModel], {
    nullable: true,
    description:
      'Its cost shared among its LAs by headcount, to the penny; empty until approved. Null, with FORBIDDEN, for those who may not see its cost.',
  })
  async costShares(@Parent() session: DeliverySession, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, session);
    return context.loaders.sessions.costShares.load(session.id);
  }

  @ResolveField(() => DateScalar, {
    description:
      'Its report is due by the 5th working day after its date (delivered, else planned).',
  })
  dueBy(@Parent() session: DeliverySession): string {
    return this.service.deadlineOf(session).dueBy;
  }

  @ResolveField(() => Boolean, {
    description: 'Planned or recorded, and not submitted by its due date.',
  })
  overdue(@Parent() session: DeliverySession): boolean {
    return this.service.deadlineOf(session).overdue;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Why an approved session costs nothing, when it does (a diagnostic or fixed-price rate, or none for its line).',
  })
  noChargeReason(@Parent() session: DeliverySession): string | null {
    return this.service.noChargeReason(session);
  }
}

@Resolver(() => SessionAttendanceModel)
export class SessionAttendanceResolver {
  @ResolveField(() => LocalAuthorityModel)
  localAuthority(@Parent() line: AttendanceRow, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.byId.load(line.localAuthorityId);
  }
}

@Resolver(() => SessionCostShareModel)
export class SessionCostShareResolver {
  @ResolveField(() => LocalAuthorityModel)
  localAuthority(@Parent() share: CostShareRow, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.byId.load(share.localAuthorityId);
  }
}

/** `Engagement.sessions`: the delivery recorded against an engagement. */
@Resolver(() => EngagementModel)
export class EngagementSessionsResolver {
  @ResolveField(() => [DeliverySessionModel], {
    description: 'Its sessions, planned and delivered, the latest first.',
  })
  sessions(
    @Parent() engagement: Engagement,
    @Context() context: GraphQLContext,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: 'Only the latest this many (1 to 100); all when left out.',
    })
    first?: number | null,
  ): Promise<DeliverySession[]> {
    // Checked here rather than in the batch, which a bad page size would fail for every field.
    const limit = first === null || first === undefined ? null : pageSize(first);
    return context.loaders.sessions.ofEngagement.load({
      engagementId: engagement.id,
      first: limit,
    });
  }
}
