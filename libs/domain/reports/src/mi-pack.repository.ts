import { Inject, Injectable } from '@nestjs/common';
import { financialYearBounds } from '@la-tracker/domain/calendar';
import { COUNTED_STATUSES } from '@la-tracker/domain/engagements';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import type { IsoDate } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import type { MiPackData } from './mi-pack.rules';

/** Engagements that take a place, and so reach an LA (SPEC §5.3), as an SQL list. */
const REACHING = `(${COUNTED_STATUSES.map((status) => `'${status}'`).join(', ')})`;

export interface AwaitingReport {
  sessionId: string;
  supplierId: string;
  /** GSS codes of the LAs the session covers, in the order of `localAuthorities`. */
  localAuthorityCodes: string[];
  financialYear: string;
  status: 'PLANNED' | 'DRAFT';
  plannedOn: IsoDate | null;
  deliveredOn: IsoDate | null;
  serviceLine: ServiceLine;
  supplier: string;
  contract: string;
  localAuthorities: string;
}

/** A diagnostic's follow-up review that has come due, with the records it concerns. */
export type FollowUpDue = MiPackData['overdue'][number] & {
  engagementId: string;
  supplierId: string;
  localAuthorityCodes: string[];
};

/**
 * The set-based queries of the monthly pack: one statement each, whatever the number of rows.
 * Spend is not counted here: the spend service's own query counts it.
 */
@Injectable()
export class MiPackRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async programme(
    id: string,
  ): Promise<{ id: string; name: string; startsOn: IsoDate; endsOn: IsoDate } | null> {
    const [row] = await this.dataSource.query<
      Array<{ id: string; name: string; starts_on: IsoDate; ends_on: IsoDate }>
    >(`SELECT id, name, starts_on::text, ends_on::text FROM programme WHERE id = $1`, [id]);
    return row
      ? { id: row.id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on }
      : null;
  }

  /** Programmes running on any day from `from` to `to`, for the monthly schedule. */
  async programmesRunningBetween(from: IsoDate, to: IsoDate): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM programme WHERE starts_on <= $2 AND ends_on >= $1 ORDER BY id`,
      [from, to],
    );
    return rows.map((row) => row.id);
  }

  async engagements(
    programmeId: string,
    financialYear: string,
  ): Promise<MiPackData['engagements']> {
    const rows = await this.dataSource.query<
      Array<{ service_line: ServiceLine; status: string; engagements: number }>
    >(
      `SELECT service_line, status, count(*)::int AS engagements
         FROM engagement WHERE programme_id = $1 AND financial_year = $2
        GROUP BY service_line, status`,
      [programmeId, financialYear],
    );
    return rows.map((row) => ({
      serviceLine: row.service_line,
      status: row.status,
      engagements: row.engagements,
    }));
  }

  async reached(programmeId: string, financialYear: string): Promise<MiPackData['reached']> {
    const rows = await this.dataSource.query<
      Array<{ service_line: ServiceLine; local_authorities: number; regions: number }>
    >(
      `SELECT e.service_line, count(DISTINCT e.local_authority_id)::int AS local_authorities,
              count(DISTINCT la.region_code)::int AS regions
         FROM engagement e JOIN local_authority la ON la.id = e.local_authority_id
        WHERE e.programme_id = $1 AND e.financial_year = $2 AND e.status IN ${REACHING}
        GROUP BY e.service_line`,
      [programmeId, financialYear],
    );
    return rows.map((row) => ({
      serviceLine: row.service_line,
      localAuthorities: row.local_authorities,
      regions: row.regions,
    }));
  }

  /** Sessions dated in the year (SPEC §5.1), by service line and state. */
  async sessions(programmeId: string, financialYear: string): Promise<MiPackData['sessions']> {
    const rows = await this.dataSource.query<
      Array<{
        service_line: ServiceLine;
        status: string;
        sessions: number;
        minutes: number;
        attendance: number;
      }>
    >(
      `SELECT s.service_line, s.status, count(*)::int AS sessions,
              COALESCE(sum(s.duration_minutes), 0)::int AS minutes,
              COALESCE(sum(a.attendance), 0)::int AS attendance
         FROM delivery_session s
         -- Each of the year's sessions' own attendance, not the whole table's added up first.
         LEFT JOIN LATERAL (SELECT sum(count) AS attendance
                              FROM session_attendance WHERE session_id = s.id) a ON true
        WHERE s.programme_id = $1 AND s.financial_year = $2
        GROUP BY s.service_line, s.status`,
      [programmeId, financialYear],
    );
    return rows.map((row) => ({
      serviceLine: row.service_line,
      status: row.status,
      sessions: row.sessions,
      minutes: row.minutes,
      attendance: row.attendance,
    }));
  }

  /** Diagnostics whose final report is dated in the year, by service line (delivery, SPEC §5.1). */
  async finalReports(
    programmeId: string,
    financialYear: string,
  ): Promise<Array<{ serviceLine: ServiceLine; diagnostics: number }>> {
    const { startsOn, endsOn } = financialYearBounds(financialYear);
    const rows = await this.dataSource.query<
      Array<{ service_line: ServiceLine; diagnostics: number }>
    >(
      `SELECT service_line, count(*)::int AS diagnostics
         FROM diagnostic
        WHERE programme_id = $1 AND final_report_on BETWEEN $2 AND $3
        GROUP BY service_line`,
      [programmeId, startsOn, endsOn],
    );
    return rows.map((row) => ({ serviceLine: row.service_line, diagnostics: row.diagnostics }));
  }

  /**
   * The LAs with an engagement of the year on a service line that is not declined or withdrawn:
   * those already referred for it, or receiving it.
   */
  async engagedLocalAuthorities(
    programmeId: string,
    financialYear: string,
    serviceLine: ServiceLine,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ local_authority_id: string }>>(
      `SELECT DISTINCT local_authority_id
         FROM engagement
        WHERE programme_id = $1 AND financial_year = $2 AND service_line = $3
          AND status NOT IN ('DECLINED', 'WITHDRAWN')`,
      [programmeId, financialYear, serviceLine],
    );
    return rows.map((row) => row.local_authority_id);
  }

  /**
   * Every region: its LAs active in the year, those reached by an engagement of the year of any
   * service line, those engagements, and attendance at the year's approved sessions.
   */
  async regions(programmeId: string, financialYear: string): Promise<MiPackData['regions']> {
    const { startsOn, endsOn } = financialYearBounds(financialYear);
    const rows = await this.dataSource.query<
      Array<{
        code: string;
        name: string;
        active: number;
        reached: number;
        engagements: number;
        attendance: number;
      }>
    >(
      `WITH engaged AS MATERIALIZED (
         SELECT local_authority_id, count(*)::int AS engagements
           FROM engagement
          WHERE programme_id = $1 AND financial_year = $2 AND status IN ${REACHING}
          GROUP BY local_authority_id),
       -- Each worked out once (MATERIALIZED), not once a region. Attendance is read from the
       -- year's approved sessions by index (OFFSET 0 keeps the planner from turning it into a
       -- scan of every year's attendance).
       attended AS MATERIALIZED (
         SELECT a.local_authority_id, sum(a.count)::int AS attendance
           FROM delivery_session s
          CROSS JOIN LATERAL (SELECT local_authority_id, count
                                FROM session_attendance WHERE session_id = s.id OFFSET 0) a
          WHERE s.programme_id = $1 AND s.financial_year = $2 AND s.status = 'APPROVED'
          GROUP BY a.local_authority_id)
       SELECT r.code, r.name,
              count(la.id) FILTER (WHERE (la.valid_from IS NULL OR la.valid_from <= $4)
                                     AND (la.valid_to IS NULL OR la.valid_to >= $3))::int AS active,
              count(e.local_authority_id)::int AS reached,
              COALESCE(sum(e.engagements), 0)::int AS engagements,
              COALESCE(sum(t.attendance), 0)::int AS attendance
         FROM region r
         LEFT JOIN local_authority la ON la.region_code = r.code
         LEFT JOIN engaged e ON e.local_authority_id = la.id
         LEFT JOIN attended t ON t.local_authority_id = la.id
        GROUP BY r.code, r.name
        ORDER BY r.code`,
      [programmeId, financialYear, startsOn, endsOn],
    );
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      activeLocalAuthorities: row.active,
      reachedLocalAuthorities: row.reached,
      engagements: row.engagements,
      approvedAttendance: row.attendance,
    }));
  }

  /** The LAs named in the spend, for their codes, names and regions. */
  async localAuthorities(
    ids: readonly string[],
  ): Promise<Map<string, { gssCode: string; name: string; regionCode: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<
      Array<{ id: string; gss_code: string; name: string; region_code: string }>
    >(`SELECT id, gss_code, name, region_code FROM local_authority WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Map(
      rows.map((row) => [
        row.id,
        { gssCode: row.gss_code, name: row.name, regionCode: row.region_code },
      ]),
    );
  }

  async supplierNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ id: string; name: string }>>(
      `SELECT id, name FROM supplier WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * The programme's sessions, of any year, whose report is not yet handed in: one dated 28 March
   * is still late in April. Whether each is late is a rule's.
   */
  async awaitingReport(programmeId: string): Promise<AwaitingReport[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        supplier_id: string;
        codes: string;
        financial_year: string;
        status: 'PLANNED' | 'DRAFT';
        planned_on: IsoDate | null;
        delivered_on: IsoDate | null;
        service_line: ServiceLine;
        supplier: string;
        contract: string;
        local_authorities: string;
      }>
    >(
      `SELECT s.id, s.supplier_id, s.financial_year, s.status, s.planned_on::text,
              s.delivered_on::text, s.service_line, sp.name AS supplier, k.reference AS contract,
              string_agg(la.name, '; ' ORDER BY la.name) AS local_authorities,
              string_agg(la.gss_code, ';' ORDER BY la.name) AS codes
         FROM delivery_session s
         JOIN supplier sp ON sp.id = s.supplier_id
         JOIN contract k ON k.id = s.contract_id
         JOIN session_engagement se ON se.session_id = s.id
         JOIN engagement e ON e.id = se.engagement_id
         JOIN local_authority la ON la.id = e.local_authority_id
        WHERE s.programme_id = $1 AND s.status IN ('PLANNED', 'DRAFT')
        GROUP BY s.id, sp.name, k.reference`,
      [programmeId],
    );
    return rows.map((row) => ({
      sessionId: row.id,
      supplierId: row.supplier_id,
      localAuthorityCodes: row.codes.split(';'),
      financialYear: row.financial_year,
      status: row.status,
      plannedOn: row.planned_on,
      deliveredOn: row.delivered_on,
      serviceLine: row.service_line,
      supplier: row.supplier,
      contract: row.contract,
      localAuthorities: row.local_authorities,
    }));
  }

  /**
   * The programme's diagnostics, of any year, whose follow-up review (6 months after the final
   * report, SPEC §5.6) has come due by today: last year's diagnostics are still owed theirs.
   */
  async followUpsDue(programmeId: string, today: IsoDate): Promise<FollowUpDue[]> {
    const rows = await this.dataSource.query<
      Array<{
        engagement_id: string;
        supplier_id: string;
        gss_code: string;
        financial_year: string;
        service_line: ServiceLine;
        supplier: string;
        contract: string;
        local_authority: string;
        final_report_on: IsoDate;
        follow_up_due_on: IsoDate;
      }>
    >(
      `SELECT d.engagement_id, d.supplier_id, la.gss_code, d.financial_year, d.service_line,
              sp.name AS supplier, k.reference AS contract, la.name AS local_authority,
              d.final_report_on::text, d.follow_up_due_on::text
         FROM diagnostic d
         JOIN supplier sp ON sp.id = d.supplier_id
         JOIN contract k ON k.id = d.contract_id
         JOIN local_authority la ON la.id = d.local_authority_id
        WHERE d.programme_id = $1
          AND d.follow_up_due_on IS NOT NULL AND d.follow_up_due_on <= $2`,
      [programmeId, today],
    );
    return rows.map((row) => ({
      engagementId: row.engagement_id,
      supplierId: row.supplier_id,
      localAuthorityCodes: [row.gss_code],
      kind: 'DIAGNOSTIC_FOLLOW_UP' as const,
      financialYear: row.financial_year,
      serviceLine: row.service_line,
      supplier: row.supplier,
      contract: row.contract,
      localAuthorities: row.local_authority,
      date: row.final_report_on,
      dueBy: row.follow_up_due_on,
    }));
  }
}
