import { Engagement } from './engagement.entity';

export const engagementEntities = [Engagement];
