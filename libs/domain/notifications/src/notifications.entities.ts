import { DevelopmentOutboxMessage } from './development-outbox-message.entity';
import { Notification } from './notification.entity';

export const notificationEntities = [Notification, DevelopmentOutboxMessage];
