import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_SEND, OutboxWriter } from '@la-tracker/platform/queue';
import type { IsoDate } from '@la-tracker/platform/time';
import type { EntityManager } from 'typeorm';
import type { NotificationKind, RecipientType } from './notification.rules';

export interface NewNotification {
  /** Unique: the same notification found again (a scan rerun, a retried request) is one row. */
  key: string;
  kind: NotificationKind;
  subjectId: string;
  programmeId: string | null;
  recipientType: RecipientType;
  recipientId: string;
  dueOn: IsoDate;
  /** Words that name no person. */
  summary: string;
}

/**
 * The one way a notification comes to be: its row and its send job are written in the caller's
 * transaction, so a notification exists if and only if the change behind it commits, and is never
 * recorded without its job. Run the transaction through `TransactionRunner` so the jobs are relayed
 * as soon as it commits.
 */
@Injectable()
export class NotificationRecorder {
  constructor(@Inject(OutboxWriter) private readonly outbox: OutboxWriter) {}

  /**
   * Records those not yet on record and queues each, in two statements however many there are;
   * their ids.
   */
  async record(
    manager: EntityManager,
    notifications: readonly NewNotification[],
  ): Promise<string[]> {
    if (notifications.length === 0) return [];
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO notification (key, kind, subject_id, programme_id, recipient_type, recipient_id, due_on, summary)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::uuid[], $7::date[], $8::text[])
       ON CONFLICT (key) DO NOTHING
       RETURNING id`,
      [
        notifications.map((n) => n.key),
        notifications.map((n) => n.kind),
        notifications.map((n) => n.subjectId),
        notifications.map((n) => n.programmeId),
        notifications.map((n) => n.recipientType),
        notifications.map((n) => n.recipientId),
        notifications.map((n) => n.dueOn),
        notifications.map((n) => n.summary),
      ],
    );
    const ids = rows.map((row) => row.id);
    await this.outbox.enqueueMany(
      manager,
      NOTIFICATION_SEND,
      ids.map((id) => ({ payload: { notificationId: id }, jobId: id })),
    );
    return ids;
  }

  /**
   * Queues the send of notifications recorded earlier whose job was lost. Sending is safe to ask
   * again (it looks up before it sends), so each day's request is a job of its own.
   */
  async queueAgain(manager: EntityManager, ids: readonly string[], day: IsoDate): Promise<void> {
    await this.outbox.enqueueMany(
      manager,
      NOTIFICATION_SEND,
      ids.map((id) => ({ payload: { notificationId: id }, jobId: `${id}.${day}` })),
    );
  }
}
