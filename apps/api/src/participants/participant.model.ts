import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { AttendeeRole } from '@la-tracker/domain/sessions';
import { Connection } from '../graphql/connection.model';
import { AttendeeRoleEnum } from '../sessions/session.model';

@ObjectType('Participant', {
  description:
    'A person on an engagement whom reminders must reach (e.g. the leader being coached). Personal data: not for advisers; erased on request or after the programme ends, keeping the record.',
})
export class ParticipantModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'A neutral placeholder once erased.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Null when not given, or once erased.' })
  email!: string | null;

  @Field(() => AttendeeRoleEnum)
  role!: AttendeeRole;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the person was erased; null while they are on record.',
  })
  erasedAt!: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Who erased them; null when not erased, or erased by the retention job.',
  })
  erasedByUserId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  engagementId!: string;
  localAuthorityId!: string;
}

@ObjectType()
export class ParticipantConnection extends Connection(ParticipantModel, 'Participant') {}
