import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { mayChangeProgramme, ProgrammesService } from '@la-tracker/domain/programmes';
import { sessionDate, sessionReportDeadline } from '@la-tracker/domain/sessions';
import { SpendService } from '@la-tracker/domain/spend';
import { hasRole, Role, type Caller } from '@la-tracker/platform/auth';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
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
  OutboxWriter,
  ProgressWriter,
  REPORT_BUILD,
  TransactionRunner,
} from '@la-tracker/platform/queue';
import { FileStorage } from '@la-tracker/platform/storage';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import type { EntityManager } from 'typeorm';
import { ExtractRepository, extractOf } from './extract.repository';
import { writeCsvExtract, writeXlsxExtract } from './extract.writer';
import { MiPackRepository } from './mi-pack.repository';
import { miPackSheets, type MiPackData, type OverdueItem } from './mi-pack.rules';
import { reportLinkSecret } from './report-link-secret';
import {
  checkReportLink,
  reportLinkPath,
  signReportLink,
  type ReportLinkCheck,
} from './report-link.rules';
import { ReportRecord } from './report.entity';
import { ReportRepository } from './report.repository';
import {
  contentTypeOf,
  monthlyPackOf,
  progressBetween,
  reportFileName,
  reportRequestProblems,
  reportStorageKey,
  type ReportFormat,
  type ReportKind,
  type ReportStatus,
} from './report.rules';
import { csvZipOf, workbookOf } from './report.writers';

export interface Report {
  id: string;
  programmeId: string;
  kind: ReportKind;
  financialYear: string;
  format: ReportFormat;
  status: ReportStatus;
  /** Percent, 0 to 100. */
  progress: number;
  /** Null when the monthly schedule asked. */
  requestedByUserId: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Once FAILED: why, for a person. */
  error: string | null;
  /** Once DONE. */
  fileName: string | null;
  byteSize: number | null;
}

export interface RequestReportInput {
  programmeId: string;
  kind: ReportKind;
  financialYear: string;
  format: ReportFormat;
}

/** A built report's file, opened for a download whose link checked out. */
export interface ReportDownload {
  fileName: string;
  contentType: string;
  byteSize: number | null;
  file: Readable;
}

function toReport(record: ReportRecord): Report {
  return {
    id: record.id,
    programmeId: record.programmeId,
    kind: record.kind,
    financialYear: record.financialYear,
    format: record.format,
    status: record.status,
    progress: record.progress,
    requestedByUserId: record.requestedByUserId,
    requestedAt: record.requestedAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    error: record.error,
    fileName: record.fileName,
    byteSize: record.byteSize,
  };
}

/**
 * The pack and the extracts are the whole programme's, and only its managers and admins may have
 * them, so the worker counts their figures with an admin's reach.
 */
const BUILDER: Caller = {
  userId: null,
  issuer: 'la-delivery-tracker',
  subject: 'reports',
  email: null,
  grants: [{ role: Role.ADMIN, supplierId: null, regionCode: null, programmeId: null }],
};

/**
 * Reports (SPEC §6): a request writes the row and its build job in one transaction; the worker
 * builds the file into storage, keeping the row's progress; the file is downloaded through a
 * short-lived signed link given only to those who may read the report.
 *
 * Who: admins and the programme's managers request and read a programme's reports. Supplier
 * staff and regional advisers are refused every kind (FORBIDDEN): the pack is the programme's
 * (budget, every supplier's spend), and the extracts are every supplier's rows.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);
  private secret?: string;

  constructor(
    @Inject(ReportRepository) private readonly repository: ReportRepository,
    @Inject(MiPackRepository) private readonly miPack: MiPackRepository,
    @Inject(ExtractRepository) private readonly extracts: ExtractRepository,
    @Inject(SpendService) private readonly spend: SpendService,
    @Inject(ProgrammesService) private readonly programmes: ProgrammesService,
    @Inject(FileStorage) private readonly storage: FileStorage,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(caller: Caller, input: RequestReportInput): Promise<Report> {
    this.assertMayUseReports(caller);
    const programme =
      isUuid(input.programmeId) && mayChangeProgramme(caller, input.programmeId)
        ? await this.miPack.programme(input.programmeId)
        : null;
    if (!programme) throw new NotFoundError('Programme', input.programmeId);
    const problems = reportRequestProblems(input, programme);
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    return this.transactions.run(async (manager) => {
      const record = await this.repository.insert(manager, {
        programmeId: input.programmeId,
        kind: input.kind,
        financialYear: input.financialYear,
        format: input.format,
        requestedByUserId: caller.userId,
        scheduleKey: null,
      });
      await this.queueBuild(manager, record.id);
      return toReport(record);
    });
  }

  /**
   * The monthly schedule's run (on the 1st): each programme running at any time in the month just
   * ended gets its MI pack, as ODS, for that month's financial year, once per month however often
   * this runs (see `monthlyPackOf`). Returns how many it queued.
   */
  async requestMonthly(asOf?: IsoDate): Promise<number> {
    const { financialYear, startsOn, endsOn, scheduleKey } = monthlyPackOf(
      asOf ?? this.clock.today(),
    );
    let queued = 0;
    for (const programmeId of await this.miPack.programmesRunningBetween(startsOn, endsOn)) {
      const added = await this.transactions.run(async (manager) => {
        const id = await this.repository.insertScheduled(manager, {
          programmeId,
          kind: 'MONTHLY_MI',
          financialYear,
          format: 'ODS',
          scheduleKey,
        });
        if (id) await this.queueBuild(manager, id);
        return id !== null;
      });
      if (added) queued += 1;
    }
    return queued;
  }

  private async queueBuild(manager: EntityManager, reportId: string): Promise<void> {
    await this.outbox.enqueue(manager, REPORT_BUILD, { reportId }, { jobId: reportId });
  }

  async get(caller: Caller, id: string): Promise<Report> {
    this.assertMayUseReports(caller);
    const record = isUuid(id) ? await this.repository.findById(id) : null;
    if (!record || !mayChangeProgramme(caller, record.programmeId))
      throw new NotFoundError('Report', id);
    return toReport(record);
  }

  /** A programme's reports, newest first. */
  async list(caller: Caller, programmeId: string, page: PageRequest): Promise<Page<Report>> {
    this.assertMayUseReports(caller);
    if (!isUuid(programmeId) || !mayChangeProgramme(caller, programmeId))
      throw new NotFoundError('Programme', programmeId);
    const limit = pageSize(page.first);
    const after = page.after ? afterCursor(page.after) : undefined;
    const [records, totalCount] = await Promise.all([
      this.repository.page(programmeId, limit + 1, after),
      this.repository.count(programmeId),
    ]);
    return toPage(records.map(toReport), limit, totalCount, page.after, (row) => [
      row.requestedAt.toISOString(),
      row.id,
    ]);
  }

  /**
   * A link to download a built report, good for ten minutes; null until it is built. Only for a
   * report the caller was given by `get` or `list`, which checked they may read it.
   */
  downloadUrlOf(report: Pick<Report, 'id' | 'status'>): string | null {
    if (report.status !== 'DONE') return null;
    return reportLinkPath(signReportLink(this.linkSecret(), report.id, this.nowSeconds()));
  }

  /** Opens the file a signed link names; the link is the right to it, so nothing else is asked. */
  async openDownload(link: {
    reportId: string;
    expires: string | undefined;
    signature: string | undefined;
  }): Promise<Exclude<ReportLinkCheck, 'VALID'> | 'NOT_FOUND' | ReportDownload> {
    const check = checkReportLink(this.linkSecret(), link, this.nowSeconds());
    if (check !== 'VALID') return check;
    const record = isUuid(link.reportId) ? await this.repository.findById(link.reportId) : null;
    if (!record || record.status !== 'DONE' || !record.storageKey || !record.fileName)
      return 'NOT_FOUND';
    return {
      fileName: record.fileName,
      contentType: contentTypeOf(record.kind, record.format),
      byteSize: record.byteSize,
      file: await this.storage.getStream(record.storageKey),
    };
  }

  /**
   * Builds a report: the worker's job, which may run more than once. A finished report is left as
   * it is; one left RUNNING by a worker that stopped is built again from the start by a new run,
   * which removes the file of the run before. Each run writes its own file and only the run
   * holding the row may finish it, so when two runs overlap (a job whose lock was lost) the one
   * taken over removes its file and leaves the row alone. An error is thrown for the queue to
   * retry, and fails the report on the last attempt.
   */
  async build(reportId: string, attempt: { number: number; of: number }): Promise<void> {
    if (!isUuid(reportId)) return;
    const runId = randomUUID();
    const started = await this.repository.start(reportId, runId, this.clock.now());
    if (!started) return;
    const { record, previousRunId } = started;
    if (previousRunId) await this.discardFile(reportStorageKey(reportId, previousRunId));
    const progress = new ProgressWriter<number>(
      (percent) => this.repository.reportProgress(reportId, runId, percent),
      (error) =>
        this.logger.warn(`Could not record the progress of report ${reportId}: ${String(error)}`),
      (percent) => percent,
    );
    try {
      const programme = await this.miPack.programme(record.programmeId);
      if (!programme) throw new Error(`Programme ${record.programmeId} no longer exists`);
      const storageKey = reportStorageKey(record.id, runId);
      const byteSize =
        record.kind === 'MONTHLY_MI'
          ? await this.buildMiPack(record, programme, storageKey, progress)
          : await this.buildExtract(record, record.kind, storageKey, progress);
      await progress.close();
      const finished = await this.repository.finish(
        reportId,
        runId,
        {
          storageKey,
          byteSize,
          fileName: reportFileName({
            programmeName: programme.name,
            kind: record.kind,
            financialYear: record.financialYear,
            format: record.format,
            requestedOn: record.requestedAt.toISOString().slice(0, 10),
          }),
        },
        this.clock.now(),
      );
      if (!finished) {
        this.logger.warn(`Run ${runId} of report ${reportId} was taken over; its file is removed`);
        await this.discardFile(storageKey);
      }
    } catch (error) {
      await progress.close();
      if (attempt.number >= attempt.of)
        await this.repository.fail(
          reportId,
          `The report stopped on an unexpected error ${attempt.of} times, so there is no file; ask for it again, and if it fails again the worker's log says why.`,
          this.clock.now(),
          runId,
        );
      else await this.repository.requeue(reportId, runId);
      throw error;
    }
  }

  /** A file no row will name; one left behind wastes space but harms nothing, so it is logged. */
  private async discardFile(storageKey: string): Promise<void> {
    await this.storage
      .delete(storageKey)
      .catch((error: unknown) =>
        this.logger.warn(`Could not delete ${storageKey}, which no report names: ${String(error)}`),
      );
  }

  /** The queue gave up on the report's job: one still unfinished fails, so nobody waits for it. */
  async giveUp(reportId: string, reason: string): Promise<void> {
    if (!isUuid(reportId)) return;
    await this.repository.fail(
      reportId,
      `The report could not be built (${reason}); ask for it again, and if it fails again the worker's log says why.`,
      this.clock.now(),
    );
  }

  private async buildMiPack(
    record: ReportRecord,
    programme: { id: string; name: string },
    storageKey: string,
    progress: ProgressWriter<number>,
  ): Promise<number> {
    progress.report(5);
    const data = await this.miPackData(record, programme, progress);
    const sheets = miPackSheets(data);
    progress.report(80);
    const file =
      record.format === 'CSV'
        ? csvZipOf(sheets)
        : workbookOf(sheets, record.format === 'ODS' ? 'ODS' : 'XLSX');
    progress.report(90);
    await this.storage.put(storageKey, file);
    return file.length;
  }

  /** What the pack says: a fixed number of statements, whatever the programme's size. */
  private async miPackData(
    record: ReportRecord,
    programme: { id: string; name: string },
    progress: ProgressWriter<number>,
  ): Promise<MiPackData> {
    const { programmeId, financialYear } = record;
    const today = this.clock.today();
    const [[lines], [targetVersions], spend] = await Promise.all([
      this.programmes.serviceLinesOf([programmeId]),
      this.programmes.targetsOf([programmeId]),
      this.spend.report(BUILDER, { programmeId, financialYear }),
    ]);
    progress.report(25);
    const [engagements, reached, sessions, regions] = await Promise.all([
      this.miPack.engagements(programmeId, financialYear),
      this.miPack.reached(programmeId, financialYear),
      this.miPack.sessions(programmeId, financialYear),
      this.miPack.regions(programmeId, financialYear),
    ]);
    progress.report(50);
    const [localAuthorities, suppliers, awaiting, followUps] = await Promise.all([
      this.miPack.localAuthorities(spend.byLocalAuthority.map((row) => row.localAuthorityId)),
      this.miPack.supplierNames([
        ...new Set(spend.byContract.map((row) => row.contract.supplierId)),
      ]),
      // Overdue as things stand today, whatever the year: late work does not drop out on 1 April.
      this.miPack.awaitingReport(programmeId),
      this.miPack.followUpsDue(programmeId, today),
    ]);
    progress.report(70);
    const lateReports: OverdueItem[] = awaiting.flatMap((session) => {
      const deadline = sessionReportDeadline(session, today);
      if (!deadline.overdue) return [];
      return [
        {
          kind: 'SESSION_REPORT' as const,
          financialYear: session.financialYear,
          serviceLine: session.serviceLine,
          supplier: session.supplier,
          contract: session.contract,
          localAuthorities: session.localAuthorities,
          date: sessionDate(session),
          dueBy: deadline.dueBy,
        },
      ];
    });
    return {
      programme: {
        id: programme.id,
        name: programme.name,
        budgetPence: spend.budget?.programmePence ?? 0,
        allocationPence: spend.budget?.allocationPence ?? null,
      },
      financialYear,
      generatedAt: this.clock.now(),
      serviceLines: this.programmes.serviceLineTargets(
        lines ?? [],
        targetVersions ?? [],
        financialYear,
      ),
      engagements,
      reached,
      sessions,
      regions,
      spend: {
        totalPence: spend.totalPence,
        byServiceLine: spend.byServiceLine,
        byLocalAuthority: spend.byLocalAuthority.map((row) => {
          const la = localAuthorities.get(row.localAuthorityId);
          return {
            gssCode: la?.gssCode ?? '',
            name: la?.name ?? row.localAuthorityId,
            regionCode: la?.regionCode ?? '',
            spentPence: row.spentPence,
          };
        }),
        byContract: spend.byContract.map((row) => ({
          reference: row.contract.reference,
          supplier: suppliers.get(row.contract.supplierId) ?? '',
          spentPence: row.spentPence,
        })),
      },
      overdue: [...lateReports, ...followUps],
    };
  }

  private async buildExtract(
    record: ReportRecord,
    kind: Exclude<ReportKind, 'MONTHLY_MI'>,
    storageKey: string,
    progress: ProgressWriter<number>,
  ): Promise<number> {
    const total = await this.extracts.count(kind, record.programmeId, record.financialYear);
    progress.report(5);
    const { sheetName, columns } = extractOf(kind);
    const write = record.format === 'XLSX' ? writeXlsxExtract : writeCsvExtract;
    return this.extracts.withRows(kind, record.programmeId, record.financialYear, (rows) =>
      write({
        columns,
        sheetName,
        rows,
        store: (file) => this.storage.putStream(storageKey, file),
        onRows: (written) => progress.report(progressBetween(5, 95, written, total)),
      }),
    );
  }

  private assertMayUseReports(caller: Caller): void {
    if (!hasRole(caller, Role.ADMIN, Role.PROGRAMME_MANAGER))
      throw new ForbiddenError(
        'Reports are the programme’s: for its managers and admins, not suppliers or regional advisers.',
      );
  }

  private linkSecret(): string {
    this.secret ??= reportLinkSecret(this.config.reportLinks);
    return this.secret;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

function afterCursor(cursor: string): { requestedAt: Date; id: string } {
  const [requestedAt, id] = decodeCursor(cursor, [(at) => !Number.isNaN(Date.parse(at)), isUuid]);
  return { requestedAt: new Date(requestedAt), id };
}
