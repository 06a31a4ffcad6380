import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ContractChangeService, type Contract } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ContractRateInput, CreateContractInput, UpdateContractInput } from './supplier.input';
import { ContractModel } from './supplier.model';

const rates = (inputs: ContractRateInput[]) =>
  inputs.map((input) => ({
    serviceLine: input.serviceLine,
    unit: input.unit,
    amountPence: input.amount,
  }));

@Resolver()
export class ContractChangeResolver {
  constructor(@Inject(ContractChangeService) private readonly service: ContractChangeService) {}

  @Mutation(() => ContractModel, {
    description:
      'Make a supplier’s contract for a lot of a programme (its managers and admins). Audited.',
  })
  createContract(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateContractInput,
  ): Promise<Contract> {
    const { value, rates: given, ...rest } = input;
    return this.service.createContract(caller, {
      ...rest,
      valuePence: value,
      rates: rates(given),
    });
  }

  @Mutation(() => ContractModel, {
    description:
      'Change a contract’s value, dates or rates (its programme’s managers and admins). Audited.',
  })
  updateContract(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateContractInput,
  ): Promise<Contract> {
    return this.service.updateContract(caller, {
      contractId: input.contractId,
      valuePence: input.value,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      rates: input.rates && rates(input.rates),
    });
  }
}
