import { Participant } from './participant.entity';

export const participantEntities = [Participant];
