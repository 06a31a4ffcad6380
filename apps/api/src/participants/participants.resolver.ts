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
import type { Engagement } from '@la-tracker/domain/engagements';
import { ParticipantsService, type Participant } from '@la-tracker/domain/participants';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { EngagementModel } from '../engagements/engagement.model';
import { toConnection } from '../graphql/connection.model';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { AddParticipantInput, ParticipantsArgs, UpdateParticipantInput } from './participant.input';
import { ParticipantConnection, ParticipantModel } from './participant.model';

@Resolver(() => ParticipantModel)
export class ParticipantsResolver {
  constructor(@Inject(ParticipantsService) private readonly service: ParticipantsService) {}

  @Query(() => ParticipantConnection, {
    description:
      'People on engagements, by LA: managers see their programmes’, suppliers their own contracts’, admins all.',
  })
  async participants(@CurrentCaller() caller: Caller, @Args() args: ParticipantsArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }

  @Mutation(() => ParticipantModel, {
    description: 'Record a person a reminder must reach on an engagement.',
  })
  addParticipant(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AddParticipantInput,
  ): Promise<Participant> {
    return this.service.add(caller, input);
  }

  @Mutation(() => ParticipantModel, { description: 'Correct a participant not yet erased.' })
  updateParticipant(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateParticipantInput,
  ): Promise<Participant> {
    return this.service.update(caller, input);
  }

  @Mutation(() => ParticipantModel, {
    description:
      'Erase a person on request: the name becomes a placeholder and the e-mail goes; the record and every count stay. Refused for one already erased.',
  })
  eraseParticipant(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Participant> {
    return this.service.erase(caller, id);
  }

  @ResolveField(() => EngagementModel, {
    nullable: true,
    description: 'Null only when the caller may not see the engagement.',
  })
  engagement(@Parent() participant: Participant, @Context() context: GraphQLContext) {
    return context.loaders.participants.engagementById.load(participant.engagementId);
  }

  @ResolveField(() => LocalAuthorityModel)
  localAuthority(@Parent() participant: Participant, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.byId.load(participant.localAuthorityId);
  }
}

/** `Engagement.participants`: refused to advisers, whatever engagements they may see. */
@Resolver(() => EngagementModel)
export class EngagementParticipantsResolver {
  @ResolveField(() => [ParticipantModel], {
    description:
      'The people on it whom reminders must reach. Personal data: not for regional advisers.',
  })
  participants(
    @Parent() engagement: Engagement,
    @Context() context: GraphQLContext,
  ): Promise<Participant[]> {
    return context.loaders.participants.ofEngagement.load(engagement.id);
  }
}
