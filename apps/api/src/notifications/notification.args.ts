import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type { NotificationStatus } from '@la-tracker/domain/notifications';
import { NotificationKindEnum, NotificationStatusEnum } from './notification.model';

@InputType()
export class NotificationFilter {
  @Field(() => NotificationKindEnum, { nullable: true })
  kind?: string;

  @Field(() => ID, { nullable: true })
  subjectId?: string;

  @Field(() => [NotificationStatusEnum], { nullable: true, description: 'Any of these states.' })
  status?: NotificationStatus[];
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => NotificationFilter, { nullable: true })
  filter?: NotificationFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
