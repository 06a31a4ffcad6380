export * from './service-line';
