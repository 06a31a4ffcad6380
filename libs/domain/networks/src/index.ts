export * from './network-access.rules';
export * from './network.entity';
export * from './network.rules';
export * from './networks.entities';
export * from './networks.module';
export * from './networks.service';
