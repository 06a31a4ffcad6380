export * from './bounded-label';
export * from './http-metrics';
export * from './metrics.module';
export * from './operations-server';
export * from './queue-metrics';
export * from './readiness';
