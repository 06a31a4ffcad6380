import { Field, ObjectType } from '@nestjs/graphql';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { MoneyScalar } from '../graphql/money.scalar';
import { ServiceLineEnum } from '../programmes/programme-enums';

@ObjectType('SpendBudget', { description: 'The programme budget the spend is measured against.' })
export class SpendBudgetModel {
  @Field(() => MoneyScalar, { name: 'programme', description: 'The programme’s whole budget.' })
  programmePence!: number;

  @Field(() => MoneyScalar, {
    name: 'allocation',
    nullable: true,
    description: 'The year’s allocation, when a year is asked about and one is set.',
  })
  allocationPence!: number | null;

  @Field(() => MoneyScalar, {
    name: 'spent',
    description:
      'What it is spent by: the programme’s spend in the year against an allocation, else all its spend to date, whatever the other filters.',
  })
  spentPence!: number;

  @Field(() => MoneyScalar, { name: 'remaining' })
  remainingPence!: number;
}

@ObjectType('SpendByServiceLine')
export class SpendByServiceLineModel {
  @Field(() => ServiceLineEnum)
  serviceLine!: ServiceLine;

  @Field(() => MoneyScalar, { name: 'spent' })
  spentPence!: number;
}

@ObjectType('SpendByLot', { description: 'Spend under contracts for a lot.' })
export class SpendByLotModel {
  programmeId!: string;
  lotId!: string;

  @Field(() => MoneyScalar, { name: 'spent' })
  spentPence!: number;
}

@ObjectType('SpendByContract', { description: 'A contract’s spend against its value.' })
export class SpendByContractModel {
  @Field(() => MoneyScalar, {
    name: 'value',
    nullable: true,
    description: 'For admins, the programme’s managers and the supplier’s staff.',
  })
  valuePence!: number | null;

  @Field(() => MoneyScalar, { name: 'spent', description: 'Spend matching the filter.' })
  spentPence!: number;

  @Field(() => MoneyScalar, {
    name: 'spentToDate',
    description: 'Everything spent under it, whatever the filter.',
  })
  spentToDatePence!: number;

  @Field(() => MoneyScalar, {
    name: 'remaining',
    nullable: true,
    description: 'Its value less everything spent under it to date.',
  })
  remainingPence!: number | null;
}

@ObjectType('SpendBySupplier')
export class SpendBySupplierModel {
  supplierId!: string;

  @Field(() => MoneyScalar, { name: 'spent' })
  spentPence!: number;
}

@ObjectType('SpendByLocalAuthority', {
  description: 'An LA’s spend: its shares of approved sessions, by headcount.',
})
export class SpendByLocalAuthorityModel {
  localAuthorityId!: string;

  @Field(() => MoneyScalar, { name: 'spent' })
  spentPence!: number;
}

@ObjectType('SpendByFinancialYear')
export class SpendByFinancialYearModel {
  @Field({ description: 'e.g. 2022-23.' })
  financialYear!: string;

  @Field(() => MoneyScalar, { name: 'spent' })
  spentPence!: number;
}

@ObjectType('SpendReport', {
  description:
    'Spend against contract values and the programme budget (approved sessions, costed once at approval, in the year of their date). Suppliers see only the spend under their own contracts, and every total is of what they may see.',
})
export class SpendReportModel {
  @Field(() => String, {
    nullable: true,
    description: 'The year asked about; null for every year.',
  })
  financialYear!: string | null;

  @Field(() => MoneyScalar, { name: 'total', description: 'Spend matching the filter.' })
  totalPence!: number;

  @Field(() => SpendBudgetModel, {
    nullable: true,
    description: 'For admins and the programme’s managers; null for anyone else.',
  })
  budget!: SpendBudgetModel | null;

  @Field(() => [SpendByServiceLineModel], { description: 'In the order of the service lines.' })
  byServiceLine!: SpendByServiceLineModel[];

  @Field(() => [SpendByLotModel], {
    description: 'By the lot of the contract the spend is under, by lot number.',
  })
  byLot!: SpendByLotModel[];

  @Field(() => [SpendByContractModel], {
    description:
      'Every contract you may see (the supplier’s, when the filter names one), by reference, spent or not.',
  })
  byContract!: SpendByContractModel[];

  @Field(() => [SpendBySupplierModel], { description: 'By supplier name.' })
  bySupplier!: SpendBySupplierModel[];

  @Field(() => [SpendByLocalAuthorityModel], { description: 'By LA name.' })
  byLocalAuthority!: SpendByLocalAuthorityModel[];

  @Field(() => [SpendByFinancialYearModel], {
    description: 'Oldest first: every year with spend, or only the year asked about.',
  })
  byFinancialYear!: SpendByFinancialYearModel[];
}
