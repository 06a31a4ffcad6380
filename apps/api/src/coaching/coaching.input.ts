import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { AttendeeRole } from '@la-tracker/domain/programmes';
import { AttendeeRoleEnum } from '../sessions/session.model';

@InputType({ description: "Sets (or replaces) a role's coaching allocation." })
export class AllocateCoachingHoursInput {
  @Field(() => ID, {
    description: 'A COACHING_MENTORING engagement, referred, approved or in delivery.',
  })
  engagementId!: string;

  @Field(() => AttendeeRoleEnum)
  role!: AttendeeRole;

  @Field(() => Int, {
    description: 'Minutes, 0 to 60000 (1000 hours); not below what is already used.',
  })
  minutes!: number;
}

@InputType({ description: "Minutes approved beyond a role's allocation, with the reason." })
export class ApproveCoachingVariationInput {
  @Field(() => ID)
  engagementId!: string;

  @Field(() => AttendeeRoleEnum)
  role!: AttendeeRole;

  @Field(() => Int, { description: 'Minutes to add, 1 to 60000.' })
  extraMinutes!: number;

  @Field()
  reason!: string;
}
