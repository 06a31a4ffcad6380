export * from './app-user.entity';
export * from './identity.entities';
export * from './identity.module';
export * from './identity.service';
export * from './role-assignment.entity';
export * from './role-assignment.rules';
export * from './users.service';
