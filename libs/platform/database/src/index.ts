export * from './data-source';
export * from './database.module';
export * from './migration-status';
export * from './pagination';
export * from './snake-naming.strategy';
export * from './migrate';
export * from './statement-counter';
export * from './ids';
