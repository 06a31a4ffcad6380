import type { Engagement, EngagementsService } from '@la-tracker/domain/engagements';
import type { Participant, ParticipantsService } from '@la-tracker/domain/participants';
import type { Caller } from '@la-tracker/platform/auth';
import DataLoader from 'dataloader';

export type ParticipantLoaders = ReturnType<typeof createParticipantLoaders>;

/** One statement per kind of record, however many participants or engagements ask. */
export function createParticipantLoaders(
  participants: ParticipantsService,
  engagements: EngagementsService,
  caller: () => Promise<Caller>,
) {
  return {
    ofEngagement: new DataLoader<string, Participant[]>(async (ids) =>
      participants.ofEngagements(await caller(), ids),
    ),
    engagementById: new DataLoader<string, Engagement | undefined>(async (ids) =>
      engagements.findByIds(await caller(), ids),
    ),
  };
}
