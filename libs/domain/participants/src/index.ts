export * from './participant-access.rules';
export * from './participant.entity';
export * from './participant.rules';
export * from './participants.entities';
export * from './participants.module';
export * from './participants.service';
