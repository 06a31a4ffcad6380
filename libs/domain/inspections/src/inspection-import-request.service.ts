import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { hasRole, Role, type Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import { BadUserInputError, ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import {
  INSPECTION_IMPORT,
  OutboxWriter,
  ProgressWriter,
  TransactionRunner,
} from '@la-tracker/platform/queue';
import { FileStorage } from '@la-tracker/platform/storage';
import { Clock } from '@la-tracker/platform/time';
import { finishedMessage, type InspectionImportProgress } from './inspection-import-progress.rules';
import { InspectionImportRequestRecord } from './inspection-import-request.entity';
import { InspectionImportRequestRepository } from './inspection-import-request.repository';
import { importFileProblems, type InspectionImportStatus } from './inspection-import-request.rules';
import { InspectionImportService, type InspectionImportSummary } from './inspection-import.service';

export interface InspectionImportRequest {
  id: string;
  fileName: string;
  dryRun: boolean;
  requestedByUserId: string | null;
  status: InspectionImportStatus;
  /** Percent, 0 to 100. */
  progress: number;
  progressMessage: string | null;
  /** Once DONE: what the import changed, or on a dry run would have. */
  summary: InspectionImportSummary | null;
  /** Once FAILED: why, for a person. */
  error: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function toRequest(record: InspectionImportRequestRecord): InspectionImportRequest {
  return {
    id: record.id,
    fileName: record.fileName,
    dryRun: record.dryRun,
    requestedByUserId: record.requestedByUserId,
    status: record.status,
    progress: record.progress,
    progressMessage: record.progressMessage,
    summary: record.summary,
    error: record.error,
    requestedAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  };
}

/** Thrown in the import's transaction to undo a run that another run of the request beat. */
class FinishedElsewhere extends Error {}

/**
 * Imports of Ofsted files run by the worker: a request stores the file, then writes the request and
 * its job in one transaction (removing the file if that fails); the worker's run imports it, keeping the request's progress and outcome. Reading
 * requests is for programme managers and admins (SPEC §3: they import Ofsted's files).
 */
@Injectable()
export class InspectionImportRequestService {
  private readonly logger = new Logger(InspectionImportRequestService.name);

  constructor(
    @Inject(InspectionImportRequestRepository)
    private readonly repository: InspectionImportRequestRepository,
    @Inject(InspectionImportService) private readonly imports: InspectionImportService,
    @Inject(FileStorage) private readonly storage: FileStorage,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Queues the import of a file. It is refused at once only when plainly not an Ofsted edition
   * (empty, too large); whether it reads as one is found out when it runs.
   */
  async request(
    file: { buffer: Buffer; fileName: string },
    options: { dryRun?: boolean; requestedByUserId?: string | null } = {},
  ): Promise<InspectionImportRequest> {
    const problems = importFileProblems({ fileName: file.fileName, size: file.buffer.length });
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    const id = randomUUID();
    const storageKey = `inspection-imports/${id}`;
    await this.storage.put(storageKey, file.buffer);
    try {
      return await this.transactions.run(async (manager) => {
        const record = await this.repository.insert(manager, {
          id,
          fileName: file.fileName,
          storageKey,
          dryRun: options.dryRun ?? false,
          requestedByUserId: options.requestedByUserId ?? null,
        });
        await this.outbox.enqueue(manager, INSPECTION_IMPORT, { importId: id });
        return toRequest(record);
      });
    } catch (error) {
      // No request refers to the file now: it must not outlive the transaction that failed.
      await this.storage
        .delete(storageKey)
        .catch((cleanup: unknown) =>
          this.logger.warn(
            `Could not delete ${storageKey} after a failed request: ${String(cleanup)}`,
          ),
        );
      throw error;
    }
  }

  /**
   * Runs a request: the worker's job, which may run more than once. A finished request is left
   * as it is. One left RUNNING by a worker that stopped is run again from the start, which is safe:
   * the import is one transaction, and the request is marked DONE within it. A file that does not
   * read as an Ofsted edition fails the request for good; any other error is thrown for the queue
   * to retry, and fails the request on the last attempt.
   */
  async run(importId: string, attempt: { number: number; of: number }): Promise<void> {
    const request = await this.repository.start(importId, this.clock.now(), 'Started');
    if (!request) return;
    const progress = new ProgressWriter<InspectionImportProgress>(
      ({ percent, message }) => this.repository.reportProgress(importId, percent, message),
      (error) =>
        this.logger.warn(`Could not record the progress of import ${importId}: ${String(error)}`),
      (progress) => progress.percent,
    );
    try {
      await this.imports.importFile(await this.storage.get(request.storageKey), request.fileName, {
        dryRun: request.dryRun,
        actorUserId: request.requestedByUserId,
        onProgress: (step) => progress.report(step),
        beforeCommit: async (manager, summary) => {
          await progress.close();
          const finished = await this.repository.finish(manager, importId, {
            summary,
            message: finishedMessage(summary),
            at: this.clock.now(),
          });
          if (!finished) throw new FinishedElsewhere();
        },
      });
      await this.discardFile(request.storageKey);
    } catch (error) {
      await progress.close();
      if (error instanceof FinishedElsewhere) return;
      if (error instanceof BadUserInputError) {
        await this.repository.fail(importId, error.message, this.clock.now());
        await this.discardFile(request.storageKey);
        return;
      }
      if (attempt.number >= attempt.of) {
        await this.repository.fail(
          importId,
          `The import stopped on an unexpected error ${attempt.of} times, so nothing was imported; the worker's log says why.`,
          this.clock.now(),
        );
        await this.discardFile(request.storageKey);
      } else
        await this.repository.requeue(
          importId,
          `Attempt ${attempt.number} of ${attempt.of} stopped on an unexpected error; it will be tried again`,
        );
      throw error;
    }
  }

  /**
   * The queue gave up on the request's job. One still unfinished (a worker died in it too often)
   * fails, so nobody waits for it; a finished one is left as it is.
   */
  async giveUp(importId: string): Promise<void> {
    if (!isUuid(importId)) return;
    await this.repository.fail(
      importId,
      "The import was stopped too often before it could finish (the worker may have run out of memory), so nothing was imported; the worker's log says more.",
      this.clock.now(),
    );
    const request = await this.repository.findById(importId);
    if (request) await this.discardFile(request.storageKey);
  }

  /**
   * A finished request no longer needs its file: the summary is what is kept. A file that cannot
   * be removed is only logged, as the request itself has finished.
   */
  private async discardFile(storageKey: string): Promise<void> {
    await this.storage
      .delete(storageKey)
      .catch((error: unknown) =>
        this.logger.warn(`Could not delete ${storageKey} after its import: ${String(error)}`),
      );
  }

  /** The request as it stands, for the command line that asked for it; null when unknown. */
  async find(id: string): Promise<InspectionImportRequest | null> {
    const record = isUuid(id) ? await this.repository.findById(id) : null;
    return record ? toRequest(record) : null;
  }

  async get(caller: Caller, id: string): Promise<InspectionImportRequest> {
    this.assertMayRead(caller);
    const request = await this.find(id);
    if (!request) throw new NotFoundError('Inspection import', id);
    return request;
  }

  /** Newest first. */
  async list(caller: Caller, request: PageRequest): Promise<Page<InspectionImportRequest>> {
    this.assertMayRead(caller);
    const limit = pageSize(request.first);
    const after = request.after ? afterCursor(request.after) : undefined;
    const [records, totalCount] = await Promise.all([
      this.repository.page(limit + 1, after),
      this.repository.count(),
    ]);
    return toPage(records.map(toRequest), limit, totalCount, request.after, (row) => [
      row.requestedAt.toISOString(),
      row.id,
    ]);
  }

  private assertMayRead(caller: Caller): void {
    if (!hasRole(caller, Role.ADMIN, Role.PROGRAMME_MANAGER))
      throw new ForbiddenError('Inspection imports are for programme managers and admins.');
  }
}

function afterCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = decodeCursor(cursor, [(at) => !Number.isNaN(Date.parse(at)), isUuid]);
  return { createdAt: new Date(createdAt), id };
}
