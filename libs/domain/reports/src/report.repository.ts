import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ReportRecord } from './report.entity';

const UNFINISHED = In(['QUEUED', 'RUNNING']);

/** The queries of report rows; each change names the states it may start from. */
@Injectable()
export class ReportRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get records() {
    return this.dataSource.getRepository(ReportRecord);
  }

  insert(
    manager: EntityManager,
    report: Pick<
      ReportRecord,
      'programmeId' | 'kind' | 'financialYear' | 'format' | 'requestedByUserId' | 'scheduleKey'
    >,
  ): Promise<ReportRecord> {
    const records = manager.getRepository(ReportRecord);
    return records.save(records.create(report));
  }

  /**
   * A scheduled report, once per programme and schedule key: the id of the new row, or null when
   * the schedule already asked.
   */
  async insertScheduled(
    manager: EntityManager,
    report: Pick<ReportRecord, 'programmeId' | 'kind' | 'financialYear' | 'format'> & {
      scheduleKey: string;
    },
  ): Promise<string | null> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO report (programme_id, kind, financial_year, format, schedule_key)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (programme_id, schedule_key) WHERE schedule_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [report.programmeId, report.kind, report.financialYear, report.format, report.scheduleKey],
    );
    return rows[0]?.id ?? null;
  }

  findById(id: string): Promise<ReportRecord | null> {
    return this.records.findOneBy({ id });
  }

  /**
   * Marks an unfinished report RUNNING from the start as the run `runId`, taking it from any run
   * before (one a stopped worker left, or one still going whose lock was lost); null when it is
   * finished or unknown. `previousRunId` is the run it was taken from, whose file is no use now.
   */
  async start(
    id: string,
    runId: string,
    at: Date,
  ): Promise<{ record: ReportRecord; previousRunId: string | null } | null> {
    // An UPDATE answers [rows returned, rows changed].
    const [rows] = await this.dataSource.query<[Array<{ previous_run_id: string | null }>, number]>(
      `UPDATE report r SET status = 'RUNNING', progress = 0, started_at = $3, error = NULL, run_id = $2
         FROM (SELECT id, run_id FROM report WHERE id = $1 FOR UPDATE) before
        WHERE r.id = before.id AND r.status IN ('QUEUED', 'RUNNING')
       RETURNING before.run_id AS previous_run_id`,
      [id, runId, at],
    );
    if (rows.length === 0) return null;
    const record = await this.findById(id);
    return record ? { record, previousRunId: rows[0].previous_run_id } : null;
  }

  async reportProgress(id: string, runId: string, progress: number): Promise<void> {
    await this.records.update({ id, runId, status: 'RUNNING' }, { progress });
  }

  /** False when the run no longer holds the report (another run took it over, or finished it). */
  async finish(
    id: string,
    runId: string,
    file: { storageKey: string; byteSize: number; fileName: string },
    at: Date,
  ): Promise<boolean> {
    const { affected } = await this.records.update(
      { id, runId, status: 'RUNNING' },
      { ...file, status: 'DONE', progress: 100, finishedAt: at },
    );
    return affected === 1;
  }

  /** Fails it if unfinished; given a run, only while that run holds it. */
  async fail(id: string, error: string, at: Date, runId?: string): Promise<void> {
    await this.records.update(
      runId ? { id, runId, status: 'RUNNING' } : { id, status: UNFINISHED },
      { status: 'FAILED', error, finishedAt: at },
    );
  }

  /** Back to the queue after a failed attempt of the run holding it, to be built from the start. */
  async requeue(id: string, runId: string): Promise<void> {
    await this.records.update({ id, runId, status: 'RUNNING' }, { status: 'QUEUED', progress: 0 });
  }

  /** A programme's reports, newest first; `after` is the last row of the page before. */
  page(
    programmeId: string,
    limit: number,
    after?: { requestedAt: Date; id: string },
  ): Promise<ReportRecord[]> {
    const query = this.records
      .createQueryBuilder('r')
      .where('r.programme_id = :programmeId', { programmeId })
      .orderBy('r.requestedAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit);
    if (after)
      query.andWhere(
        '(r.requested_at, r.id) < (CAST(:requestedAt AS timestamptz), CAST(:id AS uuid))',
        { requestedAt: after.requestedAt, id: after.id },
      );
    return query.getMany();
  }

  count(programmeId: string): Promise<number> {
    return this.records.countBy({ programmeId });
  }
}
