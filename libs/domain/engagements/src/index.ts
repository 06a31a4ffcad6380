export * from './engagement.entity';
export * from './engagement.rules';
export * from './engagements.entities';
export * from './engagement-access.rules';
export * from './engagements.module';
export * from './engagements.service';
