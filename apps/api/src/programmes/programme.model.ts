import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ServiceLine, TargetBasis } from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import { MoneyScalar } from '../graphql/money.scalar';
import { ServiceLineEnum, TargetBasisEnum } from './programme-enums';

@ObjectType('BudgetAllocation', { description: 'The part of the budget set aside for one year.' })
export class BudgetAllocationModel {
  @Field({ description: 'e.g. 2022-23.' })
  financialYear!: string;

  @Field(() => MoneyScalar, { name: 'amount' })
  amountPence!: number;
}

@ObjectType('ServiceLineTarget', {
  description: 'A version of a service line’s target and cap for one financial year.',
})
export class ServiceLineTargetModel {
  @Field({ description: 'e.g. 2022-23.' })
  financialYear!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The number to reach in the year: as set for NUMBER, the LAs active in the year for EVERY_ACTIVE_LA, the regions for EVERY_REGION; null for NONE.',
  })
  target!: number | null;

  @Field(() => TargetBasisEnum)
  targetBasis!: TargetBasis;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many LAs may be approved in the year; null for no cap.',
  })
  cap!: number | null;

  @Field(() => DateScalar, { description: 'The day this version took effect.' })
  effectiveFrom!: string;
}

@ObjectType('ProgrammeServiceLine', { description: 'A kind of support a programme buys.' })
export class ProgrammeServiceLineModel {
  @Field(() => ServiceLineEnum, { name: 'code' })
  serviceLine!: ServiceLine;

  @Field({ description: 'The programme’s own words for it.' })
  name!: string;
}

@ObjectType('Lot', {
  description:
    'A contractual grouping of service lines, in force over a period. A variation ends the lots in force and opens new ones, so a lot never changes what it holds.',
})
export class LotModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field()
  title!: string;

  @Field(() => DateScalar)
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Its last day; null while open.' })
  validTo!: string | null;
}

@ObjectType('Programme', { description: 'A DfE improvement programme.' })
export class ProgrammeModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  contractingAuthority!: string;

  budgetPence!: number;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;
}
