import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  RECIPIENT_TYPES,
} from '@la-tracker/domain/notifications';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';

export const NotificationKindEnum = enumOf(NOTIFICATION_KINDS);
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description:
    'The five reminders of the programme (SPEC §6), and the notice to its managers that a session awaits their sign-off.',
});

export const NotificationStatusEnum = enumOf(NOTIFICATION_STATUSES);
registerEnumType(NotificationStatusEnum, {
  name: 'NotificationStatus',
  description:
    'PENDING until its first attempt; SENDING while an attempt is made or its outcome is unknown; SENT; FAILED for good (the reason in lastError).',
});

export const RecipientTypeEnum = enumOf(RECIPIENT_TYPES);
registerEnumType(RecipientTypeEnum, { name: 'NotificationRecipientType' });

@ObjectType('Notification', { description: 'A reminder to one person, sent once.' })
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKindEnum)
  kind!: string;

  @Field(() => ID, { description: 'The record it is about.' })
  subjectId!: string;

  @Field(() => ID, { nullable: true })
  programmeId!: string | null;

  @Field(() => RecipientTypeEnum)
  recipientType!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where it goes: the e-mail address on record.',
  })
  recipient!: string | null;

  @Field(() => DateScalar, { description: 'When the thing reminded of was or is due.' })
  dueOn!: string;

  @Field({ description: 'What the message says.' })
  summary!: string;

  @Field(() => NotificationStatusEnum)
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  sentAt!: Date | null;
}

@ObjectType()
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {}
