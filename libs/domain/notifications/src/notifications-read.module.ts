import { Module } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/** Reading notifications back: the api's and the command line's. */
@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsReadModule {}
