import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditLogService, auditChanges, type AuditEvent } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { toConnection } from '../graphql/connection.model';
import {
  AuditChangeModel,
  AuditEventConnection,
  AuditEventModel,
  AuditEventsArgs,
} from './audit-event.model';

const asJson = (value: unknown) => (value === null ? null : JSON.stringify(value));

@Resolver(() => AuditEventModel)
export class AuditEventsResolver {
  constructor(@Inject(AuditLogService) private readonly service: AuditLogService) {}

  @Query(() => AuditEventConnection, {
    description: 'The audit log, newest first: admins all of it, managers their programmes.',
  })
  async auditEvents(@CurrentCaller() caller: Caller, @Args() args: AuditEventsArgs) {
    return toConnection(await this.service.page(caller, args.filter ?? {}, args));
  }

  @ResolveField(() => [AuditChangeModel])
  changes(@Parent() event: AuditEvent): AuditChangeModel[] {
    return auditChanges(
      event.before as Record<string, unknown> | null,
      event.after as Record<string, unknown> | null,
    ).map((change) => ({
      field: change.field,
      before: asJson(change.before),
      after: asJson(change.after),
    }));
  }
}
