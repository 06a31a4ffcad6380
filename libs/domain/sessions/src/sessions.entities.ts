import {
  DeliverySession,
  SessionAttendance,
  SessionCostShare,
  SessionEngagement,
} from './delivery-session.entity';

export const sessionEntities = [
  DeliverySession,
  SessionEngagement,
  SessionAttendance,
  SessionCostShare,
];
