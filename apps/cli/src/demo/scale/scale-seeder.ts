import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from './copy-text';
import type { Progress } from './progress';
import {
  ScalePlan,
  SCALE_PROGRAMME_ID,
  SCALE_PROGRAMME_NAME,
  SESSION_ATTENDANCE_COLUMNS,
  SESSION_COLUMNS,
  SESSION_COST_SHARE_COLUMNS,
  SESSION_ENGAGEMENT_COLUMNS,
  type ScaleLocalAuthority,
  type TableRows,
} from './scale-plan.rules';

/** Sessions copied at a time: enough to keep PostgreSQL busy, few enough to keep memory small. */
const SESSION_BATCH = 10_000;

/** The tables the sessions fill: by far the most rows. */
const SESSION_TABLES = [
  'delivery_session',
  'session_engagement',
  'session_attendance',
  'session_cost_share',
];

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

export type ScaleOutcome =
  | { made: true; rows: Record<string, number> }
  | { made: false; programmeId: string; sessions: number };

/**
 * Writes a scale plan with COPY, in one transaction: either the whole programme is there or none
 * of it, so a second run finds it and changes nothing, and an interrupted one leaves nothing.
 */
export class ScaleSeeder {
  private readonly rows: Record<string, number> = {};
  private written = 0;

  constructor(
    private readonly client: Client,
    private readonly progress: (total: number) => Progress,
  ) {}

  async seed(scale: number, log: (message: string) => void = () => {}): Promise<ScaleOutcome> {
    const existing = await this.existing();
    if (existing) return existing;
    const plan = new ScalePlan({
      scale,
      localAuthorities: await this.localAuthorities(),
      regions: (
        await this.client.query<{ code: string; name: string }>(
          `SELECT code, name FROM region ORDER BY code`,
        )
      ).rows,
    });
    const progress = this.progress(plan.totalSessions);
    await this.client.query('BEGIN');
    try {
      // The programme's name is unique: a second run racing this one fails on it, adding nothing.
      for (const table of plan.referenceTables()) await this.copy(table);
      await this.client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      const foreignKeys = await this.dropForeignKeys();
      const indexes = await this.dropIndexes();
      // Links are copied with their session's day, which the trigger would look up row by row.
      await this.client.query(
        `ALTER TABLE session_engagement DISABLE TRIGGER session_engagement_day`,
      );
      // The spend totals are added up once after the load rather than batch by batch.
      await this.client.query(
        `ALTER TABLE session_cost_share DISABLE TRIGGER session_cost_share_added`,
      );
      await this.sessions(plan, progress);
      progress.finish(plan.totalSessions, this.written);
      log('Putting back the session tables’ indexes and foreign keys, and checking every row…');
      await this.client.query(
        `ALTER TABLE session_engagement ENABLE TRIGGER session_engagement_day`,
      );
      await this.checkLinkDays();
      await this.client.query(
        `ALTER TABLE session_cost_share ENABLE TRIGGER session_cost_share_added`,
      );
      await this.addUpCharges();
      for (const index of indexes) await this.client.query(index);
      await this.restoreForeignKeys(foreignKeys);
      for (const table of plan.summaryTables()) await this.copy(table);
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK');
      throw error;
    }
    // As autovacuum would in time: statistics for the planner, and the visibility map that lets
    // index-only scans (an engagement's latest sessions) skip the table.
    log('Vacuuming and analysing the tables…');
    await this.client.query('VACUUM (ANALYZE)');
    return { made: true, rows: this.rows };
  }

  /**
   * The session tables' foreign keys, taken off for the load and put back after it, as a restore
   * does: checking them once over the whole table is far quicker than row by row, and every row is
   * still checked before the transaction commits.
   */
  private async dropForeignKeys(): Promise<ForeignKey[]> {
    const { rows } = await this.client.query<ForeignKey>(
      `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint
        WHERE contype = 'f' AND conrelid = ANY($1::regclass[])
        ORDER BY conrelid::regclass::text, conname`,
      [SESSION_TABLES],
    );
    for (const key of rows)
      await this.client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
    return rows;
  }

  /** Their secondary indexes likewise: built once at the end rather than grown row by row. */
  private async dropIndexes(): Promise<string[]> {
    const { rows } = await this.client.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
        WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
        ORDER BY 1`,
      [SESSION_TABLES],
    );
    for (const index of rows) await this.client.query(`DROP INDEX ${index.name}`);
    return rows.map((index) => index.definition);
  }

  /** Every link's day is its session's, as the trigger would have made it. */
  private async checkLinkDays(): Promise<void> {
    const { rows } = await this.client.query<{ wrong: number }>(
      `SELECT count(*)::int AS wrong
         FROM session_engagement link JOIN delivery_session s ON s.id = link.session_id
        WHERE link.session_on IS DISTINCT FROM COALESCE(s.delivered_on, s.planned_on)`,
    );
    if (rows[0].wrong > 0)
      throw new Error(`${rows[0].wrong} session links were copied with the wrong day.`);
  }

  /** The programme's spend totals, as the trigger would have kept them share by share. */
  private async addUpCharges(): Promise<void> {
    await this.client.query(
      `INSERT INTO session_charge_total (programme_id, contract_id, supplier_id, service_line,
                                         financial_year, local_authority_id, pence, charges)
       SELECT s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
              cs.local_authority_id, sum(cs.amount_pence), count(*)
         FROM session_cost_share cs
         JOIN delivery_session s ON s.id = cs.session_id
        WHERE s.status = 'APPROVED' AND s.programme_id = $1
        GROUP BY s.programme_id, s.contract_id, s.supplier_id, s.service_line, s.financial_year,
                 cs.local_authority_id`,
      [SCALE_PROGRAMME_ID],
    );
  }

  private async restoreForeignKeys(keys: ForeignKey[]): Promise<void> {
    for (const key of keys)
      await this.client.query(
        `ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.definition}`,
      );
  }

  private async existing(): Promise<ScaleOutcome | null> {
    const { rows } = await this.client.query<{ id: string; sessions: number }>(
      `SELECT p.id, (SELECT count(*)::int FROM delivery_session s WHERE s.programme_id = p.id) AS sessions
         FROM programme p WHERE p.name = $1`,
      [SCALE_PROGRAMME_NAME],
    );
    return rows[0] ? { made: false, programmeId: rows[0].id, sessions: rows[0].sessions } : null;
  }

  private async localAuthorities(): Promise<ScaleLocalAuthority[]> {
    const { rows } = await this.client.query<{
      id: string;
      gss_code: string;
      region_code: string;
      valid_from: string | null;
      valid_to: string | null;
    }>(
      `SELECT id, gss_code, region_code, valid_from::text, valid_to::text
         FROM local_authority ORDER BY gss_code`,
    );
    if (rows.length === 0)
      throw new Error('There are no local authorities: run `npm run cli -- seed` first.');
    return rows.map((row) => ({
      id: row.id,
      gssCode: row.gss_code,
      regionCode: row.region_code,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    }));
  }

  private async sessions(plan: ScalePlan, progress: Progress): Promise<void> {
    const batch = {
      sessions: [] as string[],
      links: [] as string[],
      attendance: [] as string[],
      shares: [] as string[],
    };
    let done = 0;
    const flush = async () => {
      await this.copyLines('delivery_session', SESSION_COLUMNS, batch.sessions);
      await this.copyLines('session_engagement', SESSION_ENGAGEMENT_COLUMNS, batch.links);
      await this.copyLines('session_attendance', SESSION_ATTENDANCE_COLUMNS, batch.attendance);
      await this.copyLines('session_cost_share', SESSION_COST_SHARE_COLUMNS, batch.shares);
      for (const lines of Object.values(batch)) lines.length = 0;
      progress.update(done, this.written);
    };
    for (const rows of plan.sessions()) {
      batch.sessions.push(copyLine(rows.session));
      for (const row of rows.links) batch.links.push(copyLine(row));
      for (const row of rows.attendance) batch.attendance.push(copyLine(row));
      for (const row of rows.shares) batch.shares.push(copyLine(row));
      done += 1;
      if (batch.sessions.length === SESSION_BATCH) await flush();
    }
    await flush();
  }

  private copy(table: TableRows): Promise<void> {
    return this.copyLines(table.table, table.columns, table.rows.map(copyLine));
  }

  private async copyLines(
    table: string,
    columns: readonly string[],
    lines: string[],
  ): Promise<void> {
    this.rows[table] = (this.rows[table] ?? 0) + lines.length;
    if (lines.length === 0) return;
    const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
    await pipeline(Readable.from([lines.join('')]), this.client.query(copyFrom(sql)));
    this.written += lines.length;
  }
}
