import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, programmeIdsOf, type Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import { BadUserInputError, type FieldProblem } from '@la-tracker/platform/errors';
import { DataSource } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditEventFilter {
  programmeId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
  actorUserId?: string | null;
}

/**
 * Reads the audit log: admins all of it, programme managers the entries of their programmes
 * (SPEC §5.10). Newest first.
 */
@Injectable()
export class AuditLogService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async page(
    caller: Caller,
    filter: AuditEventFilter,
    request: PageRequest,
  ): Promise<Page<AuditEvent>> {
    const problems: FieldProblem[] = [];
    for (const field of ['programmeId', 'actorUserId'] as const) {
      const id = filter[field];
      if (id && !isUuid(id)) problems.push({ field: `filter.${field}`, message: 'is not an id' });
    }
    for (const field of ['entityType', 'entityId', 'action'] as const) {
      if ((filter[field]?.length ?? 0) > 200)
        problems.push({ field: `filter.${field}`, message: 'must be at most 200 characters' });
    }
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    const limit = pageSize(request.first);
    const after = request.after
      ? decodeCursor(request.after, [(id) => /^\d{1,18}$/.test(id)])[0]
      : undefined;

    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (!isAdmin(caller)) {
      const programmes = programmeIdsOf(caller);
      // A manager of no programme sees nothing, never everything.
      if (programmes.length === 0) qb.andWhere('false');
      else qb.andWhere('a.programme_id IN (:...programmes)', { programmes });
    }
    if (filter.programmeId) qb.andWhere('a.programme_id = :programmeId', filter);
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', filter);
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', filter);
    if (filter.action) qb.andWhere('a.action = :action', filter);
    if (filter.actorUserId) qb.andWhere('a.actor_user_id = :actorUserId', filter);
    const totalCount = await qb.clone().getCount();
    if (after !== undefined) qb.andWhere('a.id < :after', { after });
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, totalCount, request.after, (event) => [event.id]);
  }
}

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields an entry changed, in the order they first appear, with their values either side. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}
