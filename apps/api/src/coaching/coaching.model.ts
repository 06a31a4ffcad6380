import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AttendeeRole } from '@la-tracker/domain/programmes';
import { AttendeeRoleEnum } from '../sessions/session.model';

@ObjectType('CoachingAllocation', {
  description:
    'Coaching hours for one leader role of a coaching engagement (SPEC §5.7), in minutes: recorded sessions (draft, submitted, returned or approved; not planned) draw them down.',
})
export class CoachingAllocationModel {
  @Field(() => ID)
  engagementId!: string;

  @Field(() => AttendeeRoleEnum)
  role!: AttendeeRole;

  @Field(() => Int, { description: 'As allocated by the programme, before variations.' })
  allocatedMinutes!: number;

  @Field(() => Int, { description: 'The approved variations, added up.' })
  variationMinutes!: number;

  @Field(() => Int, { description: 'Drawn by recorded sessions: duration × people of the role.' })
  usedMinutes!: number;

  @Field(() => Int, { description: 'Allocated plus variations, less used.' })
  remainingMinutes!: number;

  @Field({ description: 'The remaining time in hours and minutes, e.g. "6 h 55 min".' })
  remaining!: string;

  @Field({ description: 'The allocation with its variations in hours and minutes, e.g. "10 h".' })
  allowed!: string;
}
