import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type { MonthlyReturnStatus } from '@la-tracker/domain/monthly-returns';
import { MoneyScalar } from '../graphql/money.scalar';
import { MonthlyReturnStatusEnum } from './monthly-return.model';

@InputType({ description: "A supplier's delivery and spend for a month that has ended." })
export class SubmitMonthlyReturnInput {
  @Field(() => ID)
  programmeId!: string;

  @Field({ description: 'The month it covers, YYYY-MM, e.g. 2022-12.' })
  month!: string;

  @Field(() => Int)
  sessionsDelivered!: number;

  @Field(() => Int)
  participants!: number;

  @Field(() => MoneyScalar)
  spend!: number;

  @Field({ nullable: true, description: 'At most 2000 characters.' })
  note?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Your supplier: needed only by those on the staff of more than one.',
  })
  supplierId?: string;
}

@InputType()
export class MonthlyReturnFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => [MonthlyReturnStatusEnum], { nullable: true, description: 'Any of these states.' })
  status?: MonthlyReturnStatus[];

  @Field({ nullable: true, description: 'e.g. 2022-12' })
  month?: string;

  @Field({ nullable: true, description: 'The months of a financial year, e.g. 2022-23.' })
  financialYear?: string;
}

@ArgsType()
export class MonthlyReturnsArgs {
  @Field(() => MonthlyReturnFilter, { nullable: true })
  filter?: MonthlyReturnFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
