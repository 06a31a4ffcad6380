export * from './inspection.types';
export * from './eligibility.rules';
export * from './inspections.entities';
export * from './inspection-event.entity';
export * from './inspection-judgement.entity';
export * from './concern.entity';
export * from './inspections.module';
export * from './inspections.service';
