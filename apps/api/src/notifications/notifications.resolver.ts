import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { NotificationsService } from '@la-tracker/domain/notifications';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import { NotificationsArgs } from './notification.args';
import { NotificationConnection, NotificationModel } from './notification.model';

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(@Inject(NotificationsService) private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, {
    description:
      "Reminders sent or pending, newest first: admins see all; managers their programmes' and their own; supplier staff those to their supplier's contacts.",
  })
  async notifications(@CurrentCaller() caller: Caller, @Args() args: NotificationsArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }
}
