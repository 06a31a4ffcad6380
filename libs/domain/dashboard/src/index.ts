export * from './dashboard.module';
export * from './dashboard.rules';
export * from './dashboard.service';
