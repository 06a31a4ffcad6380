export * from './spend-access.rules';
export * from './spend.module';
export * from './spend.rules';
export * from './spend.service';
export * from './session-charge-total.entity';
