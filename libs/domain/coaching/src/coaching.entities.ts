import { CoachingAllocation, CoachingVariation } from './coaching-allocation.entity';

export const coachingEntities = [CoachingAllocation, CoachingVariation];
