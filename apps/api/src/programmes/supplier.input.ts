import { Field, ID, InputType } from '@nestjs/graphql';
import type { RateUnit, ServiceLine } from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import { MoneyScalar } from '../graphql/money.scalar';
import { RateUnitEnum, ServiceLineEnum } from './programme-enums';

@InputType({ description: 'A supplier and its first contact.' })
export class CreateSupplierInput {
  @Field({ description: 'Unique, whatever the case or spacing.' })
  name!: string;

  @Field()
  contactEmail!: string;

  @Field({ nullable: true })
  contactName?: string;
}

@InputType()
export class AddSupplierContactInput {
  @Field(() => ID)
  supplierId!: string;

  @Field()
  email!: string;

  @Field({ nullable: true })
  name?: string;
}

@InputType()
export class ContractRateInput {
  @Field(() => ServiceLineEnum, {
    nullable: true,
    description: 'May be left out when the lot holds one service line.',
  })
  serviceLine?: ServiceLine;

  @Field(() => RateUnitEnum)
  unit!: RateUnit;

  @Field(() => MoneyScalar)
  amount!: number;
}

@InputType({ description: 'A supplier’s contract for a lot in force on the day it starts.' })
export class CreateContractInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field(() => ID)
  lotId!: string;

  @Field({ description: 'Unique within the programme, e.g. "A1".' })
  reference!: string;

  @Field(() => MoneyScalar)
  value!: number;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;

  @Field(() => [ContractRateInput], { description: 'At most one per service line of the lot.' })
  rates!: ContractRateInput[];
}

@InputType({ description: 'New terms for a contract; what is left out stays as it is.' })
export class UpdateContractInput {
  @Field(() => ID)
  contractId!: string;

  @Field(() => MoneyScalar, { nullable: true })
  value?: number;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string;

  @Field(() => [ContractRateInput], {
    nullable: true,
    description: 'Replaces every rate when given.',
  })
  rates?: ContractRateInput[];
}
