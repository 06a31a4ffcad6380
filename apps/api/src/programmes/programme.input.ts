import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { ServiceLine, TargetBasis } from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import { MoneyScalar } from '../graphql/money.scalar';
import { ServiceLineEnum, TargetBasisEnum } from './programme-enums';

@InputType()
export class BudgetAllocationInput {
  @Field({ description: 'e.g. 2022-23.' })
  financialYear!: string;

  @Field(() => MoneyScalar)
  amount!: number;
}

@InputType()
export class ServiceLineInput {
  @Field(() => ServiceLineEnum)
  code!: ServiceLine;

  @Field({
    nullable: true,
    description: 'The programme’s own words for it; a standard name when left out.',
  })
  name?: string;
}

@InputType()
export class LotInput {
  @Field(() => Int)
  number!: number;

  @Field()
  title!: string;

  @Field(() => [ServiceLineEnum])
  serviceLines!: ServiceLine[];
}

@InputType({ description: 'A new programme; a programme manager who creates one manages it.' })
export class CreateProgrammeInput {
  @Field({ description: 'Unique, whatever the case.' })
  name!: string;

  @Field()
  contractingAuthority!: string;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;

  @Field(() => MoneyScalar)
  budget!: number;

  @Field(() => [BudgetAllocationInput], { nullable: true })
  budgetAllocations?: BudgetAllocationInput[];

  @Field(() => [ServiceLineInput], {
    nullable: true,
    description: 'All seven service lines when left out.',
  })
  serviceLines?: ServiceLineInput[];

  @Field(() => [LotInput], {
    nullable: true,
    description: 'One lot per service line, numbered in order, when left out.',
  })
  lots?: LotInput[];
}

@InputType({ description: 'New terms for a programme; what is left out stays as it is.' })
export class UpdateProgrammeInput {
  @Field(() => ID)
  programmeId!: string;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  contractingAuthority?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Refused if a contract would then start before the programme.',
  })
  startsOn?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Refused if a contract would then end after the programme.',
  })
  endsOn?: string;

  @Field(() => MoneyScalar, { nullable: true })
  budget?: number;

  @Field(() => [BudgetAllocationInput], {
    nullable: true,
    description: 'Replaces every allocation when given.',
  })
  budgetAllocations?: BudgetAllocationInput[];
}

@InputType({
  description: 'A new version of a service line’s target for a year; earlier versions are kept.',
})
export class SetServiceLineTargetInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ServiceLineEnum)
  serviceLine!: ServiceLine;

  @Field({ description: 'e.g. 2022-23: a year the programme runs in.' })
  financialYear!: string;

  @Field(() => TargetBasisEnum)
  targetBasis!: TargetBasis;

  @Field(() => Int, { nullable: true, description: 'Needed for NUMBER, and only then.' })
  target?: number;

  @Field(() => Int, { nullable: true, description: 'No cap when left out.' })
  cap?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Today in England when left out.' })
  effectiveFrom?: string;
}

@InputType({
  description:
    'A contract variation regrouping the service lines: the open lots end the day before effectiveOn, and these open on it.',
})
export class VaryLotsInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => DateScalar)
  effectiveOn!: string;

  @Field(() => [LotInput], { description: 'Every service line of the programme, each once.' })
  lots!: LotInput[];
}
