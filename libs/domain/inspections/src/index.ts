export * from './inspection.types';
export * from './eligibility.rules';
export * from './inspections.entities';
export * from './inspection-event.entity';
export * from './inspection-judgement.entity';
export * from './concern.entity';
