export * from './embedded-postgres';
export * from './free-port';
export * from './local-services';
export * from './redis-server';
export * from './traversable';
