export * from './diagnostic-access.rules';
export * from './diagnostic-cost.rules';
export * from './diagnostic.entity';
export * from './diagnostic.rules';
export * from './diagnostics.entities';
export * from './diagnostics.module';
export * from './diagnostics.service';
