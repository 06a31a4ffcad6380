import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@la-tracker/platform/config';
import { DataSource } from 'typeorm';
import { DevelopmentOutboxChannel } from './development-outbox.channel';
import { NotificationChannel } from './notification-channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotifyChannel } from './notify.channel';

/** Delivery of notifications: through GOV.UK Notify when configured, else the development outbox. */
@Module({})
export class NotificationsModule {
  static forRoot(config: Pick<AppConfig, 'notify'>): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        {
          provide: NotificationChannel,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): NotificationChannel =>
            config.notify
              ? new NotifyChannel(config.notify)
              : new DevelopmentOutboxChannel(dataSource),
        },
        NotificationDeliveryService,
      ],
      exports: [NotificationDeliveryService, NotificationChannel],
    };
  }
}
