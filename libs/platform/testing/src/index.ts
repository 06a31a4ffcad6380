export * from './domain-test.module';
export * from './test-api';
export * from './test-database';
export * from './test-environment';
