import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { RateUnit, ServiceLine } from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import { MoneyScalar } from '../graphql/money.scalar';
import { RateUnitEnum, ServiceLineEnum } from './programme-enums';

@ObjectType('SupplierContact', { description: 'Someone at a supplier whom reminders reach.' })
export class SupplierContactModel {
  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType('Supplier', { description: 'An organisation contracted to deliver support.' })
export class SupplierModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('ContractRate', { description: 'What a contract charges for one service line.' })
export class ContractRateModel {
  @Field(() => ServiceLineEnum)
  serviceLine!: ServiceLine;

  @Field(() => RateUnitEnum)
  unit!: RateUnit;

  @Field(() => MoneyScalar, { name: 'amount' })
  amountPence!: number;
}

@ObjectType('Contract', { description: 'A supplier’s contract for one lot of a programme.' })
export class ContractModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The programme’s reference for it, unique within the programme.' })
  reference!: string;

  valuePence!: number;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;
}
