export * from './delivery-session.entity';
export * from './session-access.rules';
export * from './session-cost.rules';
export * from './session-deadline.rules';
export type { AttendanceRow, CostShareRow } from './session.repository';
export * from './session.rules';
export * from './sessions.entities';
export * from './sessions.module';
export * from './sessions.service';
