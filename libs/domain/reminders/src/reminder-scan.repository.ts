import { Inject, Injectable } from '@nestjs/common';
import { longDate, type IsoDate } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import type { PriorityActionVisitOnRecord, ReminderRecords } from './reminder.rules';

/** The records the scan reads, and a few words naming each subject for the message. */
export interface ScanInput {
  records: ReminderRecords;
  /** By subject id (a supplier's by programme id): words that name no person. */
  subjects: Map<string, string>;
}

const SERVICE_LINE_WORDS: Record<string, string> = {
  POLITICAL_LEADERSHIP: 'political leadership',
  CORPORATE_LEADERSHIP: 'corporate leadership',
  LEAD_MEMBER_NETWORKS: 'Lead Member network',
  CORPORATE_PARENTING_DIAGNOSTIC: 'corporate parenting diagnostic',
  COUNCILLOR_GROUPS: 'councillor groups',
  TARGETED_SUPPORT: 'targeted support',
  COACHING_MENTORING: 'coaching and mentoring',
};

/**
 * One statement per kind of record, whatever their number; only what can be due is read (sessions
 * awaiting a report, recent visits and returns, engagements waiting to start).
 */
@Injectable()
export class ReminderScanRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async read(today: IsoDate): Promise<ScanInput> {
    const q = <T>(sql: string, params: unknown[] = []) => this.dataSource.query<T[]>(sql, params);
    const [programmes, suppliers, contracts, sessions, visits, returns, engagements, diagnostics] =
      await Promise.all([
        q<{ id: string; name: string; starts_on: string; ends_on: string; managers: string[] }>(
          `SELECT p.id, p.name, p.starts_on::text, p.ends_on::text,
                  COALESCE(array_agg(DISTINCT ra.user_id) FILTER (WHERE ra.user_id IS NOT NULL), '{}') AS managers
             FROM programme p
             LEFT JOIN role_assignment ra ON ra.programme_id = p.id AND ra.role = 'PROGRAMME_MANAGER'
            GROUP BY p.id`,
        ),
        q<{ id: string; contacts: string[] }>(
          `SELECT s.id, COALESCE(array_agg(c.id ORDER BY c.created_at, c.id) FILTER (WHERE c.id IS NOT NULL), '{}') AS contacts
             FROM supplier s LEFT JOIN supplier_contact c ON c.supplier_id = s.id
            GROUP BY s.id`,
        ),
        q<{ programme_id: string; supplier_id: string; starts_on: string; ends_on: string }>(
          `SELECT programme_id, supplier_id, starts_on::text, ends_on::text FROM contract`,
        ),
        q<{
          id: string;
          programme_id: string;
          supplier_id: string;
          status: 'PLANNED' | 'DRAFT';
          planned_on: string | null;
          delivered_on: string | null;
          las: string;
        }>(
          `SELECT s.id, s.programme_id, s.supplier_id, s.status, s.planned_on::text, s.delivered_on::text,
                  string_agg(la.name, ', ' ORDER BY la.name) AS las
             FROM delivery_session s
             JOIN session_engagement se ON se.session_id = s.id
             JOIN engagement e ON e.id = se.engagement_id
             JOIN local_authority la ON la.id = e.local_authority_id
            WHERE s.status IN ('PLANNED', 'DRAFT')
            GROUP BY s.id`,
        ),
        this.priorityActionVisits(today),
        q<{ supplier_id: string; programme_id: string; month: string }>(
          `SELECT supplier_id, programme_id, to_char(month, 'YYYY-MM') AS month
             FROM monthly_return WHERE month >= $1::date - interval '4 months'`,
          [today],
        ),
        q<{
          id: string;
          programme_id: string;
          service_line: string;
          status: string;
          decided_on: string | null;
          la: string;
        }>(
          `SELECT e.id, e.programme_id, e.service_line, e.status, e.decided_on::text, la.name AS la
             FROM engagement e JOIN local_authority la ON la.id = e.local_authority_id
            WHERE e.status = 'APPROVED'
              -- A session planned is something happening, though it has not yet started delivery.
              AND NOT EXISTS (SELECT 1 FROM session_engagement se WHERE se.engagement_id = e.id)`,
        ),
        // Those not yet reported on, and those whose follow-up review may be near.
        q<{
          id: string;
          programme_id: string;
          supplier_id: string;
          final_report_on: string | null;
          last_moved_on: string;
          la: string;
        }>(
          `SELECT d.id, d.programme_id, d.supplier_id, d.final_report_on::text,
                  COALESCE(d.final_report_on, d.draft_report_on, d.fieldwork_started_on,
                           (d.created_at AT TIME ZONE 'Europe/London')::date)::text AS last_moved_on,
                  la.name AS la
             FROM diagnostic d JOIN local_authority la ON la.id = d.local_authority_id
            WHERE d.status <> 'FINAL_REPORT' OR d.follow_up_due_on >= $1::date`,
          [today],
        ),
      ]);
    const subjects = new Map<string, string>();
    for (const p of programmes) subjects.set(p.id, p.name);
    for (const s of sessions)
      subjects.set(
        s.id,
        `the session of ${longDateOf(s.delivered_on ?? s.planned_on)} for ${s.las}`,
      );
    for (const v of visits)
      subjects.set(
        v.inspectionId,
        `${v.localAuthority}'s focused visit (letter of ${longDateOf(v.letterDate)})`,
      );
    for (const d of diagnostics) subjects.set(d.id, `${d.la}'s corporate parenting diagnostic`);
    for (const e of engagements)
      subjects.set(
        e.id,
        `${e.la}'s ${SERVICE_LINE_WORDS[e.service_line] ?? e.service_line} engagement`,
      );
    return {
      subjects,
      records: {
        programmes: programmes.map((p) => ({
          id: p.id,
          startsOn: p.starts_on,
          endsOn: p.ends_on,
          managerUserIds: p.managers,
        })),
        suppliers: suppliers.map((s) => ({ id: s.id, contactIds: s.contacts })),
        contracts: contracts.map((c) => ({
          programmeId: c.programme_id,
          supplierId: c.supplier_id,
          startsOn: c.starts_on,
          endsOn: c.ends_on,
        })),
        sessions: sessions.map((s) => ({
          id: s.id,
          programmeId: s.programme_id,
          supplierId: s.supplier_id,
          status: s.status,
          plannedOn: s.planned_on,
          deliveredOn: s.delivered_on,
        })),
        priorityActionVisits: visits,
        // No follow-up review is recorded yet: a due review is reminded of once, by its key.
        diagnostics: diagnostics.map((d) => ({
          id: d.id,
          programmeId: d.programme_id,
          supplierId: d.supplier_id,
          finalReportOn: d.final_report_on,
          followUpHeldOn: null,
          lastMovedOn: d.last_moved_on,
        })),
        monthlyReturns: returns.map((r) => ({
          supplierId: r.supplier_id,
          programmeId: r.programme_id,
          month: r.month,
        })),
        engagements: engagements.map((e) => ({
          id: e.id,
          programmeId: e.programme_id,
          serviceLine: e.service_line as ReminderRecords['engagements'][number]['serviceLine'],
          status: e.status,
          approvedOn: e.decided_on,
        })),
      },
    };
  }

  /**
   * Visits that raised areas for priority action with a letter in the last 200 days, when an
   * action plan may still be coming due, with their LA's name.
   */
  async priorityActionVisits(
    today: IsoDate,
  ): Promise<
    Array<PriorityActionVisitOnRecord & { localAuthority: string; localAuthorityCode: string }>
  > {
    const rows = await this.dataSource.query<
      Array<{ id: string; areas: number; letter_date: string; la: string; gss_code: string }>
    >(
      `SELECT i.id, cardinality(i.priority_action_areas) AS areas,
              COALESCE(i.letter_date, i.published_on)::text AS letter_date, la.name AS la,
              la.gss_code
         FROM inspection_event i JOIN local_authority la ON la.id = i.local_authority_id
        WHERE cardinality(i.priority_action_areas) > 0
          AND COALESCE(i.letter_date, i.published_on) BETWEEN $1::date - 200 AND $1::date`,
      [today],
    );
    return rows.map((row) => ({
      inspectionId: row.id,
      priorityActionAreas: row.areas,
      letterDate: row.letter_date,
      localAuthority: row.la,
      localAuthorityCode: row.gss_code,
    }));
  }

  /**
   * Notifications still unresolved long after they were recorded: their send job was lost (Redis
   * lost it, or it was never relayed), so the scan queues them again.
   */
  async unresolvedSince(before: Date): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM notification
        WHERE status IN ('PENDING', 'SENDING') AND COALESCE(sending_at, created_at) < $1
        ORDER BY created_at LIMIT 10000`,
      [before],
    );
    return rows.map((row) => row.id);
  }
}

function longDateOf(date: string | null): string {
  return date ? longDate(date) : 'an unknown date';
}
