import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  MONTHLY_RETURN_STATUSES,
  type MonthlyReturnStatus,
} from '@la-tracker/domain/monthly-returns';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';
import { MoneyScalar } from '../graphql/money.scalar';

export const MonthlyReturnStatusEnum = enumOf(MONTHLY_RETURN_STATUSES);
registerEnumType(MonthlyReturnStatusEnum, {
  name: 'MonthlyReturnStatus',
  description:
    'SUBMITTED by the supplier, then ACCEPTED by the programme, or RETURNED with a reason and submitted again.',
});

@ObjectType('MonthlyReturn', {
  description:
    "A supplier's return for one month of a programme: its delivery and spend as it reports them.",
})
export class MonthlyReturnModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The month it covers, YYYY-MM.' })
  month!: string;

  @Field(() => DateScalar, { description: 'The 5th working day of the month after.' })
  dueOn!: string;

  @Field(() => DateScalar, {
    description: 'The day it was first submitted, in England: lateness is judged on it.',
  })
  submittedOn!: string;

  @Field({ description: 'First submitted after the day it was due.' })
  late!: boolean;

  @Field(() => MonthlyReturnStatusEnum)
  status!: MonthlyReturnStatus;

  @Field(() => Int)
  sessionsDelivered!: number;

  @Field(() => Int)
  participants!: number;

  @Field(() => MoneyScalar, { name: 'spend' })
  spendPence!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was last sent back; kept on resubmission.',
  })
  returnReason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'The latest submission.' })
  submittedAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'The latest decision: accepted or sent back.',
  })
  decidedAt!: Date | null;

  programmeId!: string;
  supplierId!: string;
}

@ObjectType()
export class MonthlyReturnConnection extends Connection(MonthlyReturnModel, 'MonthlyReturn') {}
