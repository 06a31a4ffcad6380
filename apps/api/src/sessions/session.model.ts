import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { RateUnit, ServiceLine } from '@la-tracker/domain/programmes';
import {
  ATTENDEE_ROLES,
  SESSION_FORMATS,
  SESSION_STATUSES,
  type AttendeeRole,
  type SessionFormat,
  type SessionStatus,
} from '@la-tracker/domain/sessions';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';
import { MoneyScalar } from '../graphql/money.scalar';
import { ServiceLineEnum } from '../programmes/programme-enums';

export const SessionStatusEnum = enumOf(SESSION_STATUSES);
registerEnumType(SessionStatusEnum, {
  name: 'SessionStatus',
  description:
    'PLANNED → DRAFT (recorded) → SUBMITTED → APPROVED, or RETURNED with a reason, then changed and resubmitted.',
});

export const SessionFormatEnum = enumOf(SESSION_FORMATS);
registerEnumType(SessionFormatEnum, { name: 'SessionFormat' });

export const AttendeeRoleEnum = enumOf(ATTENDEE_ROLES);
registerEnumType(AttendeeRoleEnum, {
  name: 'AttendeeRole',
  description: 'Who attended, by role: sessions count people, never name them.',
});

@ObjectType('SessionAttendance', { description: 'How many people of a role came from one LA.' })
export class SessionAttendanceModel {
  @Field(() => AttendeeRoleEnum)
  role!: AttendeeRole;

  @Field(() => Int)
  count!: number;

  localAuthorityId!: string;
}

@ObjectType('SessionCostShare', {
  description: "An LA's part of an approved session's cost, shared by headcount.",
})
export class SessionCostShareModel {
  @Field(() => MoneyScalar, { name: 'amount' })
  amountPence!: number;

  localAuthorityId!: string;
}

@ObjectType('DeliverySession', {
  description:
    'A session delivered, or planned, for one or more engagements of one service line under one contract.',
})
export class DeliverySessionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => SessionStatusEnum)
  status!: SessionStatus;

  @Field(() => ServiceLineEnum)
  serviceLine!: ServiceLine;

  @Field(() => String, {
    name: 'reference',
    nullable: true,
    description:
      "The supplier's own reference for it, when it came in a bulk import (importSessions).",
  })
  supplierReference!: string | null;

  @Field({
    description:
      'The year of its date (delivered, else planned), e.g. 2023-24: delivery and spend count there.',
  })
  financialYear!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Null for a session recorded unplanned.',
  })
  plannedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Null until it is recorded.' })
  deliveredOn!: string | null;

  @Field(() => Int, { nullable: true })
  durationMinutes!: number | null;

  @Field(() => SessionFormatEnum, { nullable: true })
  format!: SessionFormat | null;

  @Field(() => String, { nullable: true })
  topic!: string | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was last sent back.' })
  returnReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  returnedAt!: Date | null;

  // cost, rate, rateUnit and costShares are the contract's terms: resolved where access is checked.
  costPence!: number | null;
  rateUnit!: RateUnit | null;
  rateAmountPence!: number | null;
  programmeId!: string;
  supplierId!: string;
  contractId!: string;
}

@ObjectType()
export class DeliverySessionConnection extends Connection(
  DeliverySessionModel,
  'DeliverySession',
) {}
