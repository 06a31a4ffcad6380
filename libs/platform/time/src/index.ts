export * from './iso-date';
export * from './clock';
export * from './clock.module';
export * from './with-timeout';
