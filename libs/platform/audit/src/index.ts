export * from './audit-event.entity';
export * from './audit-values.rules';
export * from './audit-writer';
export * from './audit.module';
export * from './audit-log.service';
