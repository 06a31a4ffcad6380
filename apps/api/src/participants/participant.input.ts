import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type { AttendeeRole } from '@la-tracker/domain/sessions';
import { AttendeeRoleEnum } from '../sessions/session.model';

@InputType({ description: 'A person a reminder must reach; their LA is the engagement’s.' })
export class AddParticipantInput {
  @Field(() => ID, { description: 'A REFERRED, APPROVED or IN_DELIVERY engagement.' })
  engagementId!: string;

  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field({ nullable: true })
  email?: string;

  @Field(() => AttendeeRoleEnum)
  role!: AttendeeRole;
}

@InputType({ description: 'What is left out stays as it is; a blank e-mail removes it.' })
export class UpdateParticipantInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  email?: string;

  @Field(() => AttendeeRoleEnum, { nullable: true })
  role?: AttendeeRole;
}

@InputType()
export class ParticipantFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field(() => ID, { nullable: true })
  engagementId?: string;

  @Field({ nullable: true, description: 'Their LA: ONS code, earlier ONS code or DfE code.' })
  localAuthorityCode?: string;
}

@ArgsType()
export class ParticipantsArgs {
  @Field(() => ParticipantFilter, { nullable: true })
  filter?: ParticipantFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
