export * from './domain-test.module';
export * from './eventually';
export * from './test-database';
export * from './test-environment';
export * from './callers';
export * from './refused-with';
export * from './fake-notify';
export * from './oidc-issuer';
