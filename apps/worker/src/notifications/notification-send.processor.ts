import { Inject } from '@nestjs/common';
import { NotificationDeliveryService } from '@la-tracker/domain/notifications';
import {
  NOTIFICATION_SEND,
  ProcessorFor,
  type JobContext,
  type JobProcessor,
} from '@la-tracker/platform/queue';

@ProcessorFor(NOTIFICATION_SEND)
export class NotificationSendProcessor implements JobProcessor<{ notificationId: string }> {
  constructor(
    @Inject(NotificationDeliveryService) private readonly delivery: NotificationDeliveryService,
  ) {}

  process(
    { notificationId }: { notificationId: string },
    { attempt, attempts }: JobContext,
  ): Promise<void> {
    return this.delivery.deliver(notificationId, { number: attempt, of: attempts });
  }

  gaveUp({ notificationId }: { notificationId: string }, reason: string): Promise<void> {
    return this.delivery.giveUp(notificationId, reason);
  }
}
