export * from './engagement.entity';
export * from './engagement.rules';
export * from './engagements.entities';
