import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ManualRecordService, type Concern } from '@la-tracker/domain/inspections';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ConcernModel } from './eligibility.model';
import { InspectionModel, toInspectionModel } from './inspection.model';
import { RecordConcernInput, RecordInspectionInput } from './manual-record.input';

@Resolver()
export class ManualRecordResolver {
  constructor(@Inject(ManualRecordService) private readonly service: ManualRecordService) {}

  @Mutation(() => InspectionModel, {
    description: 'Record an inspection or visit by hand (programme managers and admins); audited.',
  })
  async recordInspection(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordInspectionInput,
  ): Promise<InspectionModel> {
    const { localAuthorityCode, type, ...rest } = input;
    return toInspectionModel(
      await this.service.recordInspection(caller, localAuthorityCode, { kind: type, ...rest }),
    );
  }

  @Mutation(() => ConcernModel, {
    description:
      'Record evidence of declining performance (programme managers and admins); audited.',
  })
  recordConcern(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordConcernInput,
  ): Promise<Concern> {
    return this.service.recordConcern(caller, input.localAuthorityCode, input);
  }
}
