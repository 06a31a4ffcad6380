export * from './domain-test.module';
export * from './test-database';
export * from './test-environment';
