import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { InspectionImportRequestRecord } from './inspection-import-request.entity';
import type { InspectionImportSummary } from './inspection-import.service';

const UNFINISHED = In(['QUEUED', 'RUNNING']);

/** The queries of import requests; each change names the states it may start from. */
@Injectable()
export class InspectionImportRequestRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private get records() {
    return this.dataSource.getRepository(InspectionImportRequestRecord);
  }

  insert(
    manager: EntityManager,
    request: Pick<
      InspectionImportRequestRecord,
      'id' | 'fileName' | 'storageKey' | 'dryRun' | 'requestedByUserId'
    >,
  ): Promise<InspectionImportRequestRecord> {
    const records = manager.getRepository(InspectionImportRequestRecord);
    return records.save(records.create(request));
  }

  findById(id: string): Promise<InspectionImportRequestRecord | null> {
    return this.records.findOneBy({ id });
  }

  /** Marks an unfinished request RUNNING from the start; null when it is finished or unknown. */
  async start(
    id: string,
    at: Date,
    message: string,
  ): Promise<InspectionImportRequestRecord | null> {
    const { affected } = await this.records.update(
      { id, status: UNFINISHED },
      { status: 'RUNNING', progress: 0, progressMessage: message, startedAt: at, error: null },
    );
    return affected ? this.findById(id) : null;
  }

  async reportProgress(id: string, progress: number, message: string): Promise<void> {
    await this.records.update({ id, status: 'RUNNING' }, { progress, progressMessage: message });
  }

  /**
   * Marks a running request DONE in the import's own transaction; false when it is no longer
   * running (another run of it finished first).
   */
  async finish(
    manager: EntityManager,
    id: string,
    outcome: { summary: InspectionImportSummary; message: string; at: Date },
  ): Promise<boolean> {
    const { affected } = await manager.getRepository(InspectionImportRequestRecord).update(
      { id, status: 'RUNNING' },
      {
        status: 'DONE',
        progress: 100,
        progressMessage: outcome.message,
        summary: outcome.summary,
        finishedAt: outcome.at,
      },
    );
    return affected === 1;
  }

  async fail(id: string, error: string, at: Date): Promise<void> {
    await this.records.update(
      { id, status: UNFINISHED },
      { status: 'FAILED', error, finishedAt: at },
    );
  }

  /** Back to the queue after a failed attempt, to be run from the start. */
  async requeue(id: string, message: string): Promise<void> {
    await this.records.update(
      { id, status: 'RUNNING' },
      { status: 'QUEUED', progress: 0, progressMessage: message },
    );
  }

  /** Newest first; `after` is the (created at, id) of the last row of the page before. */
  page(
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<InspectionImportRequestRecord[]> {
    const query = this.records
      .createQueryBuilder('i')
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit);
    if (after)
      query.where('(i.created_at, i.id) < (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', {
        createdAt: after.createdAt,
        id: after.id,
      });
    return query.getMany();
  }

  count(): Promise<number> {
    return this.records.count();
  }
}
