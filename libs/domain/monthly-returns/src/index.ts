export * from './monthly-return.entity';
export * from './monthly-return.rules';
export * from './monthly-return-access.rules';
export * from './monthly-returns.entities';
export * from './monthly-returns.module';
export * from './monthly-returns.service';
