import { Injectable } from '@nestjs/common';
import { requestContext } from '@la-tracker/platform/logging';
import type { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { auditValues, PERSONAL_FIELDS, type AuditValues } from './audit-values.rules';

export interface AuditEntry {
  /** The person acting; null for the system. */
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: AuditValues | null;
  after: AuditValues | null;
  /** The request that made the change; the current request's when left out. */
  requestId?: string | null;
  /** The programme the record belongs to, if any: its managers may read the entry. */
  programmeId?: string | null;
  /** Fields of this record that hold personal data; the usual names when left out. */
  personalFields?: readonly string[];
}

/**
 * Records changes in the audit log. Call it with the transaction's manager, so the record of a
 * change commits or rolls back with the change itself.
 */
@Injectable()
export class AuditWriter {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const personal = entry.personalFields ?? PERSONAL_FIELDS;
    const events = manager.getRepository(AuditEvent);
    const event = events.create({
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: auditValues(entry.before, personal),
      after: auditValues(entry.after, personal),
      requestId: entry.requestId ?? requestContext.requestId() ?? null,
      programmeId: entry.programmeId ?? null,
    });
    await events.insert(event);
  }
}
