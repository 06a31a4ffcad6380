export * from './retention.module';
export * from './retention.rules';
export * from './retention.service';
