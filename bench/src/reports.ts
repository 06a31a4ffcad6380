import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from '@la-tracker/platform/config';
import { Client } from 'pg';
import { lastJsonLine, readOnlyUrl, runNode } from './child-process';
import { megabytesOf } from './job-figures';
import type { ReportBuildKind, ReportBuildResult } from './report-build-child';

export interface ReportFigure {
  kind: ReportBuildKind;
  format: 'XLSX';
  financialYear: string;
  rows: number;
  byteSize: number;
  seconds: number;
  /** The building process's peak resident set size, from start to end. */
  peakRssMb: number;
  /** Its resident set size once started, before building: the part that is not the report's. */
  startRssMb: number;
}

export interface ReportFigures {
  miPack: ReportFigure;
  /**
   * An extract is of one financial year (the product has no all-years extract): the year with
   * the most sessions is measured, and the programme's sessions in all years are counted.
   */
  sessionsExtract: ReportFigure;
  programmeSessionsAllYears: number;
}

export interface MeasureReportsOptions {
  databaseUrl: string;
  programmeId: string;
  /** The MI pack's year. */
  financialYear: string;
  log: (line: string) => void;
}

const CHILD = join(__dirname, 'report-build-child.js');

/**
 * The MI pack and the sessions extract of a programme, each built as XLSX in a fresh process by
 * the worker's reports service into a temporary directory, on a read-only connection: the time,
 * the rows and bytes written and the process's peak memory.
 */
export async function measureReports(options: MeasureReportsOptions): Promise<ReportFigures> {
  const { databaseUrl, programmeId, financialYear, log } = options;
  const years = await sessionsByYear(databaseUrl, programmeId);
  const largest = years[0];
  if (!largest) throw new Error(`Programme ${programmeId} has no sessions to extract`);
  const storage = mkdtempSync(join(tmpdir(), 'la-bench-reports-'));
  try {
    const build = async (kind: ReportBuildKind, year: string): Promise<ReportFigure> => {
      const output = await runNode(
        CHILD,
        [JSON.stringify({ kind, programmeId, financialYear: year })],
        {
          ...readEnvironment(),
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          DATABASE_URL: readOnlyUrl(databaseUrl),
          FILE_STORAGE_DIR: storage,
          // Asked for by the configuration; a report's build queues nothing.
          REDIS_URL: readEnvironment().REDIS_URL ?? 'redis://127.0.0.1:6379',
        },
      );
      const result = lastJsonLine<ReportBuildResult>(output);
      const figure: ReportFigure = {
        kind,
        format: 'XLSX',
        financialYear: year,
        rows: result.rows,
        byteSize: result.byteSize,
        seconds: Math.round(result.elapsedMs / 100) / 10,
        peakRssMb: megabytesOf(result.peakRssKb),
        startRssMb: megabytesOf(result.startRssKb),
      };
      log(
        `${kind} ${year} (XLSX): ${figure.rows} rows, ${figure.byteSize} bytes in ${figure.seconds} s, ` +
          `peak RSS ${figure.peakRssMb} MB (${figure.startRssMb} MB before building)`,
      );
      return figure;
    };
    const miPack = await build('MONTHLY_MI', financialYear);
    const sessionsExtract = await build('SESSIONS_EXTRACT', largest.financialYear);
    return {
      miPack,
      sessionsExtract,
      programmeSessionsAllYears: years.reduce((sum, year) => sum + year.sessions, 0),
    };
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}

/** The programme's sessions by financial year, the year with the most first. */
async function sessionsByYear(
  databaseUrl: string,
  programmeId: string,
): Promise<Array<{ financialYear: string; sessions: number }>> {
  const client = new Client({ connectionString: readOnlyUrl(databaseUrl) });
  await client.connect();
  try {
    const { rows } = await client.query<{ financial_year: string; sessions: number }>(
      `SELECT financial_year, count(*)::int AS sessions FROM delivery_session
        WHERE programme_id = $1 GROUP BY financial_year ORDER BY sessions DESC, financial_year DESC`,
      [programmeId],
    );
    return rows.map((row) => ({ financialYear: row.financial_year, sessions: row.sessions }));
  } finally {
    await client.end();
  }
}
