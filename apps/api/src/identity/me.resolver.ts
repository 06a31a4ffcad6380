import { Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { MeModel } from './me.model';

@Resolver(() => MeModel)
export class MeResolver {
  @Query(() => MeModel, { description: 'The caller, with their roles and scopes.' })
  me(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }
}
