import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IdentityService, type ProgrammeManagerAssignment } from '@la-tracker/domain/identity';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import {
  AssignProgrammeManagerInput,
  RevokeProgrammeManagerInput,
} from './programme-manager.input';
import { ProgrammeManagerAssignmentModel } from './programme-manager.model';

@Resolver()
export class ProgrammeManagerResolver {
  constructor(@Inject(IdentityService) private readonly service: IdentityService) {}

  @Mutation(() => ProgrammeManagerAssignmentModel, {
    description: 'Let a person manage a programme (admins). Audited; a repeat changes nothing.',
  })
  assignProgrammeManager(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AssignProgrammeManagerInput,
  ): Promise<ProgrammeManagerAssignment> {
    return this.service.assignProgrammeManager(caller, input);
  }

  @Mutation(() => ProgrammeManagerAssignmentModel, {
    description: 'Stop a person managing a programme (admins). Audited; a repeat changes nothing.',
  })
  revokeProgrammeManager(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RevokeProgrammeManagerInput,
  ): Promise<ProgrammeManagerAssignment> {
    return this.service.revokeProgrammeManager(caller, input);
  }
}
