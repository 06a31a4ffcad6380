import { Inject, Injectable } from '@nestjs/common';
import { type Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { DataSource } from 'typeorm';
import { notificationScopeOf } from './notification-access.rules';
import { NOTIFICATION_STATUSES, type NotificationStatus } from './notification.rules';

export interface NotificationFilter {
  kind?: string | null;
  subjectId?: string | null;
  status?: readonly NotificationStatus[] | null;
}

/** A notification as its readers see it, with the address it goes to. */
export interface NotificationView {
  id: string;
  kind: string;
  subjectId: string;
  programmeId: string | null;
  recipientType: string;
  recipientId: string;
  /** The recipient's e-mail address as it stands; null once they have none. */
  recipient: string | null;
  dueOn: string;
  summary: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * A cursor's instant to the microsecond, as PostgreSQL keeps it: rows recorded in one scan share
 * an instant to the millisecond, so a JavaScript date would lose the place between them.
 */
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Reminders sent or pending, newest first, each caller seeing their own (SPEC §7). */
@Injectable()
export class NotificationsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(
    caller: Caller,
    filter: NotificationFilter,
    request: PageRequest,
  ): Promise<Page<NotificationView>> {
    const limit = pageSize(request.first);
    const statuses = filter.status?.length ? filter.status : null;
    if (statuses?.some((status) => !NOTIFICATION_STATUSES.includes(status)))
      throw BadUserInputError.forFields([
        { field: 'filter.status', message: `must be among ${NOTIFICATION_STATUSES.join(', ')}` },
      ]);
    const [createdAt, id] = request.after
      ? decodeCursor(request.after, [(at) => CURSOR_INSTANT.test(at), isUuid])
      : [null, null];
    const scope = notificationScopeOf(caller);
    const params = [
      scope.all,
      scope.programmeIds,
      scope.supplierIds,
      scope.userId,
      filter.kind ?? null,
      filter.subjectId ?? null,
      statuses,
    ];
    // Every row the caller may see and the filter names; the page adds the cursor.
    const visible = `
      FROM notification n
      LEFT JOIN supplier_contact sc ON n.recipient_type = 'SUPPLIER_CONTACT' AND sc.id = n.recipient_id
      LEFT JOIN app_user u ON n.recipient_type = 'PROGRAMME_MANAGER' AND u.id = n.recipient_id
     WHERE ($1 OR n.programme_id = ANY($2::uuid[]) OR sc.supplier_id = ANY($3::uuid[])
            OR ($4::uuid IS NOT NULL AND n.recipient_type = 'PROGRAMME_MANAGER' AND n.recipient_id = $4::uuid))
       AND ($5::text IS NULL OR n.kind = $5)
       AND ($6::text IS NULL OR n.subject_id = $6)
       AND ($7::text[] IS NULL OR n.status = ANY($7::text[]))`;
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT n.id, n.kind, n.subject_id, n.programme_id, n.recipient_type, n.recipient_id,
                COALESCE(sc.email, u.email) AS recipient, n.due_on::text, n.summary, n.status,
                n.attempts, n.last_error, n.created_at, n.sent_at,
                to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         ${visible}
           AND ($8::timestamptz IS NULL OR (n.created_at, n.id) < ($8::timestamptz, $9::uuid))
         ORDER BY n.created_at DESC, n.id DESC
         LIMIT ${limit + 1}`,
        [...params, createdAt, id],
      ),
      this.dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count ${visible}`,
        params,
      ),
    ]);
    const cursorAt = new Map(rows.map((row) => [row.id as string, row.cursor_at as string]));
    return toPage(rows.map(toView), limit, count, request.after, (row) => [
      cursorAt.get(row.id) ?? '',
      row.id,
    ]);
  }
}

function toView(row: Record<string, unknown>): NotificationView {
  return {
    id: row.id as string,
    kind: row.kind as string,
    subjectId: row.subject_id as string,
    programmeId: row.programme_id as string | null,
    recipientType: row.recipient_type as string,
    recipientId: row.recipient_id as string,
    recipient: row.recipient as string | null,
    dueOn: row.due_on as string,
    summary: row.summary as string,
    status: row.status as NotificationStatus,
    attempts: row.attempts as number,
    lastError: row.last_error as string | null,
    createdAt: row.created_at as Date,
    sentAt: row.sent_at as Date | null,
  };
}
