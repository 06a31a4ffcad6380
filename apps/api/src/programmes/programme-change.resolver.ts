import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import {
  ProgrammeChangeService,
  type Programme,
  type ProgrammeServiceLine,
} from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import {
  BudgetAllocationInput,
  CreateProgrammeInput,
  SetServiceLineTargetInput,
  UpdateProgrammeInput,
  VaryLotsInput,
} from './programme.input';
import { ProgrammeModel, ProgrammeServiceLineModel } from './programme.model';

const allocations = (inputs: BudgetAllocationInput[] | undefined) =>
  inputs?.map((input) => ({ financialYear: input.financialYear, amountPence: input.amount }));

@Resolver()
export class ProgrammeChangeResolver {
  constructor(@Inject(ProgrammeChangeService) private readonly service: ProgrammeChangeService) {}

  @Mutation(() => ProgrammeModel, {
    description:
      'Create a programme (programme managers and admins); a manager who creates one manages it. Audited.',
  })
  createProgramme(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateProgrammeInput,
  ): Promise<Programme> {
    const { budget, budgetAllocations, ...rest } = input;
    return this.service.createProgramme(caller, {
      ...rest,
      budgetPence: budget,
      budgetAllocations: allocations(budgetAllocations),
    });
  }

  @Mutation(() => ProgrammeModel, {
    description: 'Change a programme’s terms (its managers and admins). Audited.',
  })
  updateProgramme(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateProgrammeInput,
  ): Promise<Programme> {
    const { budget, budgetAllocations, ...rest } = input;
    return this.service.updateProgramme(caller, {
      ...rest,
      budgetPence: budget,
      budgetAllocations: allocations(budgetAllocations),
    });
  }

  @Mutation(() => ProgrammeServiceLineModel, {
    description:
      'Record a new version of a service line’s target and cap for a year (its managers and admins). Audited.',
  })
  setServiceLineTarget(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SetServiceLineTargetInput,
  ): Promise<ProgrammeServiceLine> {
    return this.service.setServiceLineTarget(caller, input);
  }

  @Mutation(() => ProgrammeModel, {
    description:
      'Regroup a programme’s service lines into new lots from a date (its managers and admins). Audited.',
  })
  varyLots(
    @CurrentCaller() caller: Caller,
    @Args('input') input: VaryLotsInput,
  ): Promise<Programme> {
    return this.service.varyLots(caller, input);
  }
}
