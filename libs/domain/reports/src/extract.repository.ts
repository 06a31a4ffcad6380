import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportKind } from './report.rules';
import { count, date, money, text, type CellValue, type SheetColumn } from './sheet';

type ExtractKind = Exclude<ReportKind, 'MONTHLY_MI'>;

interface ExtractDefinition {
  sheetName: string;
  columns: SheetColumn[];
  /** Counts the rows first, so progress can be told as they are written. */
  countSql: string;
  /** $1 the programme, $2 the financial year; one statement, read through a cursor. */
  rowsSql: string;
  cells: (row: Record<string, unknown>) => CellValue[];
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const str = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/** Row-level extracts of a programme's year: every session dated in it, every engagement of it. */
const EXTRACTS: Readonly<Record<ExtractKind, ExtractDefinition>> = {
  SESSIONS_EXTRACT: {
    sheetName: 'Sessions',
    columns: [
      text('Session id'),
      text('Status'),
      text('Service line'),
      text('Supplier'),
      text('Contract'),
      date('Planned on'),
      date('Delivered on'),
      text('Financial year'),
      count('Minutes'),
      text('Format'),
      text('Topic'),
      text('Local authorities (ONS codes)'),
      count('Attendance'),
      money('Cost'),
      text('Submitted at'),
      text('Approved at'),
    ],
    countSql: `SELECT count(*)::int AS n FROM delivery_session
                WHERE programme_id = $1 AND financial_year = $2`,
    rowsSql: `
      SELECT s.id, s.status, s.service_line, sp.name AS supplier, k.reference AS contract,
             s.planned_on::text AS planned_on, s.delivered_on::text AS delivered_on,
             s.financial_year, s.duration_minutes, s.format, s.topic,
             (SELECT string_agg(la.gss_code, '; ' ORDER BY la.gss_code)
                FROM session_engagement se
                JOIN engagement e ON e.id = se.engagement_id
                JOIN local_authority la ON la.id = e.local_authority_id
               WHERE se.session_id = s.id) AS local_authorities,
             (SELECT sum(a.count)::int FROM session_attendance a
               WHERE a.session_id = s.id) AS attendance,
             s.cost_pence, s.submitted_at, s.approved_at
        FROM delivery_session s
        JOIN supplier sp ON sp.id = s.supplier_id
        JOIN contract k ON k.id = s.contract_id
       WHERE s.programme_id = $1 AND s.financial_year = $2
       ORDER BY COALESCE(s.delivered_on, s.planned_on), s.id`,
    cells: (row) => [
      str(row.id),
      str(row.status),
      str(row.service_line),
      str(row.supplier),
      str(row.contract),
      str(row.planned_on),
      str(row.delivered_on),
      str(row.financial_year),
      num(row.duration_minutes),
      str(row.format),
      str(row.topic),
      str(row.local_authorities),
      num(row.attendance),
      num(row.cost_pence),
      iso(row.submitted_at),
      iso(row.approved_at),
    ],
  },
  ENGAGEMENTS_EXTRACT: {
    sheetName: 'Engagements',
    columns: [
      text('Engagement id'),
      text('Status'),
      text('Service line'),
      text('Financial year'),
      text('ONS code'),
      text('Local authority'),
      text('Region'),
      date('Referred on'),
      date('Decided on'),
      text('Contract'),
      text('Supplier'),
      text('Approved over eligibility'),
      date('Started on'),
      date('Completed on'),
      date('Withdrawn on'),
    ],
    countSql: `SELECT count(*)::int AS n FROM engagement
                WHERE programme_id = $1 AND financial_year = $2`,
    rowsSql: `
      SELECT e.id, e.status, e.service_line, e.financial_year, la.gss_code,
             la.name AS local_authority, r.name AS region,
             e.referred_on::text AS referred_on, e.decided_on::text AS decided_on,
             k.reference AS contract, sp.name AS supplier,
             (e.override_reason IS NOT NULL) AS overridden,
             e.started_on::text AS started_on, e.completed_on::text AS completed_on,
             e.withdrawn_on::text AS withdrawn_on
        FROM engagement e
        JOIN local_authority la ON la.id = e.local_authority_id
        JOIN region r ON r.code = la.region_code
        LEFT JOIN contract k ON k.id = e.contract_id
        LEFT JOIN supplier sp ON sp.id = k.supplier_id
       WHERE e.programme_id = $1 AND e.financial_year = $2
       ORDER BY la.gss_code, e.service_line, e.id`,
    cells: (row) => [
      str(row.id),
      str(row.status),
      str(row.service_line),
      str(row.financial_year),
      str(row.gss_code),
      str(row.local_authority),
      str(row.region),
      str(row.referred_on),
      str(row.decided_on),
      str(row.contract),
      str(row.supplier),
      row.overridden ? 'yes' : 'no',
      str(row.started_on),
      str(row.completed_on),
      str(row.withdrawn_on),
    ],
  },
};

export function extractOf(kind: ExtractKind): Pick<ExtractDefinition, 'sheetName' | 'columns'> {
  return EXTRACTS[kind];
}

/** Reads extracts through a cursor, so however many rows there are only a batch is held. */
@Injectable()
export class ExtractRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async count(kind: ExtractKind, programmeId: string, financialYear: string): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(EXTRACTS[kind].countSql, [
      programmeId,
      financialYear,
    ]);
    return row?.n ?? 0;
  }

  /** Hands `use` the rows as cells; the connection is held only while it runs. */
  async withRows<T>(
    kind: ExtractKind,
    programmeId: string,
    financialYear: string,
    use: (rows: AsyncIterable<CellValue[]>) => Promise<T>,
  ): Promise<T> {
    const definition = EXTRACTS[kind];
    return this.streamQuery(definition.rowsSql, [programmeId, financialYear], (rows) =>
      use(mapRows(rows, definition.cells)),
    );
  }

  /** Any query's rows through a cursor (pg-query-stream), on a connection of its own. */
  async streamQuery<T>(
    sql: string,
    parameters: unknown[],
    use: (rows: AsyncIterable<Record<string, unknown>>) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const stream = await runner.stream(sql, parameters);
      try {
        return await use(stream as AsyncIterable<Record<string, unknown>>);
      } finally {
        stream.destroy();
      }
    } finally {
      await runner.release();
    }
  }
}

async function* mapRows(
  rows: AsyncIterable<Record<string, unknown>>,
  cells: (row: Record<string, unknown>) => CellValue[],
): AsyncGenerator<CellValue[]> {
  for await (const row of rows) yield cells(row);
}
