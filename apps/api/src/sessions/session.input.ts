import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import type { AttendeeRole, SessionFormat, SessionStatus } from '@la-tracker/domain/sessions';
import { DateScalar } from '../graphql/date.scalar';
import { ServiceLineEnum } from '../programmes/programme-enums';
import { AttendeeRoleEnum, SessionFormatEnum, SessionStatusEnum } from './session.model';

@InputType()
export class SessionAttendanceInput {
  @Field({
    nullable: true,
    description:
      'ONS code, earlier ONS code or DfE code; may be left out when the session covers one engagement.',
  })
  localAuthorityCode?: string;

  @Field(() => AttendeeRoleEnum)
  role!: AttendeeRole;

  @Field(() => Int, { description: '1 to 1000.' })
  count!: number;
}

@InputType({ description: 'A session to be delivered: PLANNED.' })
export class PlanSessionInput {
  @Field(() => [ID], {
    description: 'Engagements of one service line under one contract of yours, one per LA.',
  })
  engagementIds!: string[];

  @Field(() => DateScalar)
  plannedOn!: string;

  @Field({ nullable: true })
  topic?: string;

  @Field(() => SessionFormatEnum, { nullable: true })
  format?: SessionFormat;

  @Field(() => Int, { nullable: true, description: '15 to 720.' })
  durationMinutes?: number;
}

@InputType({ description: 'A delivered session: DRAFT until submitted.' })
export class RecordSessionInput {
  @Field(() => [ID], {
    description:
      'Engagements of one service line under one contract of yours, one per LA, APPROVED or IN_DELIVERY.',
  })
  engagementIds!: string[];

  @Field(() => DateScalar, { description: 'Not in the future, and within the contract.' })
  deliveredOn!: string;

  @Field(() => Int, { description: '15 to 720 (12 hours).' })
  durationMinutes!: number;

  @Field(() => SessionFormatEnum)
  format!: SessionFormat;

  @Field()
  topic!: string;

  @Field(() => [SessionAttendanceInput], {
    description: 'Counts by LA and role; each LA one of the engagements’, each role once per LA.',
  })
  attendance!: SessionAttendanceInput[];

  @Field({ nullable: true })
  notes?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The PLANNED session this records; a session recorded unplanned when left out.',
  })
  sessionId?: string;
}

@InputType({
  description:
    'A change to a PLANNED, DRAFT or RETURNED session: what is left out stays as it is. A plan takes plan fields; a recorded session its report’s.',
})
export class UpdateSessionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID], { nullable: true })
  engagementIds?: string[];

  @Field(() => DateScalar, { nullable: true })
  plannedOn?: string;

  @Field(() => DateScalar, { nullable: true })
  deliveredOn?: string;

  @Field(() => Int, { nullable: true })
  durationMinutes?: number;

  @Field(() => SessionFormatEnum, { nullable: true })
  format?: SessionFormat;

  @Field({ nullable: true })
  topic?: string;

  @Field(() => [SessionAttendanceInput], { nullable: true, description: 'Replaces it all.' })
  attendance?: SessionAttendanceInput[];

  @Field({ nullable: true })
  notes?: string;
}

@InputType()
export class DeliverySessionFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field(() => ServiceLineEnum, { nullable: true })
  serviceLine?: ServiceLine;

  @Field(() => [SessionStatusEnum], { nullable: true, description: 'Any of these states.' })
  status?: SessionStatus[];

  @Field({ nullable: true, description: 'A region of one of its LAs (ONS code, e.g. E12000001).' })
  regionCode?: string;

  @Field({ nullable: true, description: 'One of its LAs: ONS code, earlier ONS code or DfE code.' })
  localAuthorityCode?: string;

  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field({ nullable: true, description: 'The year of its date, e.g. 2022-23.' })
  financialYear?: string;

  @Field(() => ID, { nullable: true })
  engagementId?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Sessions on or after this day (delivered, else planned).',
  })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Sessions on or before this day.' })
  to?: string;
}

@ArgsType()
export class DeliverySessionsArgs {
  @Field(() => DeliverySessionFilter, { nullable: true })
  filter?: DeliverySessionFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
