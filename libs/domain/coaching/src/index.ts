export * from './coaching-access.rules';
export * from './coaching-allocation.entity';
export * from './coaching.entities';
export * from './coaching.module';
export * from './coaching.rules';
export * from './coaching.service';
