import { Inject, Injectable } from '@nestjs/common';
import { localAuthorityMatcher } from '@la-tracker/domain/inspections';
import { Supplier } from '@la-tracker/domain/programmes';
import { AuditWriter } from '@la-tracker/platform/audit';
import { hasRole, Role, supplierIdsOf, type Caller } from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import {
  BadUserInputError,
  DomainError,
  FileProblemsError,
  ForbiddenError,
  NotFoundError,
} from '@la-tracker/platform/errors';
import { TransactionRunner } from '@la-tracker/platform/queue';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { readSessionFile } from './session-import.reader';
import { SessionImportRepository, type OpenEngagement } from './session-import.repository';
import {
  placeRefusal,
  readSessionRows,
  type LineSource,
  type RowProblem,
  type SessionImportDraft,
  type SessionImportRow,
  type SessionRefusal,
} from './session-import.rules';
import { DELIVERABLE_ENGAGEMENT_STATUSES, type SessionStatus } from './session.rules';
import { SessionsService, type AttendanceInput } from './sessions.service';

export interface SessionImportOptions {
  /** The supplier whose sessions these are; needed only by staff of more than one supplier. */
  supplierId?: string | null;
  /** Check everything and write nothing. */
  dryRun?: boolean;
  /** Submit each session once recorded, rather than leave it a DRAFT. */
  submit?: boolean;
}

export interface ImportedSession {
  reference: string;
  /** The rows of the file it came from. */
  rows: number[];
  /** null on a dry run: nothing was written. */
  sessionId: string | null;
  status: SessionStatus;
  deliveredOn: IsoDate;
  localAuthorities: number;
  attendees: number;
}

export interface SessionImportReport {
  fileName: string;
  supplierId: string;
  dryRun: boolean;
  rowsRead: number;
  sessions: ImportedSession[];
}

/** Thrown inside the import's transaction to undo it: a dry run, or a file with problems. */
class UndoImport extends Error {}

const SAVEPOINT = 'session_import_row';

/**
 * Imports a supplier's delivered sessions from a file in the layout of the template
 * (`session-import.template.ts`): reads every row, then records each session through the
 * sessions service (so the rules of `recordSession` hold, row by row), all in one transaction.
 * Any problem anywhere and nothing is written; the refusal lists every problem by row and column.
 */
@Injectable()
export class SessionImportService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SessionImportRepository) private readonly repository: SessionImportRepository,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
  ) {}

  async importFile(
    caller: Caller,
    file: { buffer: Buffer; fileName: string },
    options: SessionImportOptions = {},
  ): Promise<SessionImportReport> {
    const supplierId = await this.supplierOf(caller, options.supplierId);
    const refused = (problem: string) =>
      FileProblemsError.of(file.fileName, [{ row: null, column: null, message: problem }]);
    const grid = readSessionFile(file.buffer, file.fileName);
    if ('problem' in grid) throw refused(grid.problem);
    const reading = readSessionRows(grid.rows, { date1904: grid.date1904 });
    if ('problem' in reading) throw refused(reading.problem);

    const today = this.clock.today();
    const report: SessionImportReport = {
      fileName: file.fileName,
      supplierId,
      dryRun: options.dryRun ?? false,
      rowsRead: reading.rowsRead,
      sessions: [],
    };
    const problems: RowProblem[] = [...reading.problems];
    try {
      // Through the runner: sessions submitted here queue their managers' notices.
      await this.transactions.run(async (manager) => {
        // One import per supplier at a time: a reference is checked, then written, unraced.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `session-import:${supplierId}`,
        ]);
        const imported = await this.repository.sessionsWithReferences(
          manager,
          supplierId,
          reading.sessions.map((session) => session.reference),
        );
        const las = await this.repository.localAuthorities(manager);
        const match = localAuthorityMatcher(las);
        const laById = new Map(las.map((la) => [la.id, la]));
        const open = await this.repository.openEngagements(
          manager,
          supplierId,
          DELIVERABLE_ENGAGEMENT_STATUSES,
        );

        for (const session of reading.sessions) {
          const earlier = imported.find((row) => row.reference === session.reference);
          if (earlier) {
            problems.push(
              ...session.rows.map(({ row }) => ({
                row,
                column: 'session_reference',
                message: `session ${session.reference} was already imported (session ${earlier.id}): nothing from it is imported again`,
              })),
            );
            continue;
          }
          const placed = this.place(session, match, open, laById);
          if ('problems' in placed) {
            problems.push(...placed.problems);
            continue;
          }
          await manager.query(`SAVEPOINT ${SAVEPOINT}`);
          try {
            const recorded = await this.record(manager, caller, session, placed, today, options);
            await manager.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
            report.sessions.push(recorded);
          } catch (error) {
            await manager.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
            if (!(error instanceof DomainError)) throw error;
            problems.push(
              ...placeRefusal(session, placed.lines, placed.engagementRows, refusalOf(error)),
            );
          }
        }
        if (problems.length > 0 || report.dryRun) throw new UndoImport();
        await this.audit.record(manager, {
          actorUserId: caller.userId,
          action: 'session.import',
          entityType: 'supplier',
          entityId: supplierId,
          before: null,
          after: {
            rowsRead: report.rowsRead,
            submitted: options.submit ?? false,
            sessionIds: report.sessions.map((s) => s.sessionId),
          },
        });
      });
    } catch (error) {
      if (!(error instanceof UndoImport)) throw error;
    }
    if (problems.length > 0)
      throw FileProblemsError.of(
        file.fileName,
        problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
      );
    if (report.dryRun) for (const session of report.sessions) session.sessionId = null;
    return report;
  }

  /** The supplier the caller imports for: their own, or the one of theirs they name. */
  private async supplierOf(caller: Caller, requested?: string | null): Promise<string> {
    if (!hasRole(caller, Role.SUPPLIER))
      throw new ForbiddenError("Only a supplier's staff import its sessions.");
    const own = supplierIdsOf(caller);
    let supplierId: string;
    if (requested) {
      if (!own.includes(requested)) throw new NotFoundError('Supplier', requested);
      supplierId = requested;
    } else if (own.length === 1) supplierId = own[0];
    else
      throw BadUserInputError.forFields([
        { field: 'supplierId', message: 'is needed: you are staff of more than one supplier' },
      ]);
    const exists = isUuid(supplierId)
      ? await this.dataSource.getRepository(Supplier).existsBy({ id: supplierId })
      : false;
    if (!exists) throw new NotFoundError('Supplier', supplierId);
    return supplierId;
  }

  /**
   * Finds each row's LA and the engagement the session is for there: the one named, or the
   * supplier's one open engagement of the session's service line for that LA.
   */
  private place(
    session: SessionImportDraft,
    match: ReturnType<typeof localAuthorityMatcher>,
    open: readonly OpenEngagement[],
    laById: ReadonlyMap<string, { gssCode: string; name: string }>,
  ):
    | { problems: RowProblem[] }
    | {
        engagementIds: string[];
        attendance: AttendanceInput[];
        lines: LineSource[];
        engagementRows: Map<string, SessionImportRow>;
      } {
    const problems: RowProblem[] = [];
    const engagementIds: string[] = [];
    const attendance: AttendanceInput[] = [];
    const lines: LineSource[] = [];
    const engagementRows = new Map<string, SessionImportRow>();
    const rowOfLa = new Map<string, number>();
    for (const row of session.rows) {
      const problem = (column: string, message: string) =>
        problems.push({ row: row.row, column, message });
      const placement = match({
        laName: row.localAuthority,
        laCode: row.localAuthority,
        date: session.deliveredOn,
      });
      if (placement.localAuthorityId === null) {
        problem(
          'local_authority',
          placement.reason.includes('unclear')
            ? `${placement.reason}: give its ONS code`
            : `no local authority is known by "${row.localAuthority}": give its ONS code (E06000001), DfE code (805) or name`,
        );
        continue;
      }
      const la = laById.get(placement.localAuthorityId)!;
      const sameLa = rowOfLa.get(placement.localAuthorityId);
      if (sameLa !== undefined) {
        problem(
          'local_authority',
          `${la.name} is also on row ${sameLa} of session ${session.reference}: give each LA one row`,
        );
        continue;
      }
      rowOfLa.set(placement.localAuthorityId, row.row);
      let engagementId: string;
      if (row.engagementId) {
        if (!isUuid(row.engagementId)) {
          problem('engagement_id', 'is not an engagement id');
          continue;
        }
        engagementId = row.engagementId;
      } else {
        const candidates = open.filter(
          (e) =>
            e.localAuthorityId === placement.localAuthorityId &&
            e.serviceLine === session.serviceLine,
        );
        if (candidates.length === 0) {
          problem(
            'local_authority',
            `${la.name} has no ${DELIVERABLE_ENGAGEMENT_STATUSES.join(' or ')} ${session.serviceLine} engagement under your contracts`,
          );
          continue;
        }
        if (candidates.length > 1) {
          problem(
            'engagement_id',
            `is needed: ${la.name} has ${candidates.length} open ${session.serviceLine} engagements with you (${candidates
              .map((e) => `${e.id} for ${e.financialYear} under contract ${e.contractReference}`)
              .join('; ')})`,
          );
          continue;
        }
        engagementId = candidates[0].id;
      }
      engagementIds.push(engagementId);
      engagementRows.set(engagementId, row);
      for (const line of row.attendance) {
        attendance.push({ localAuthorityCode: la.gssCode, role: line.role, count: line.count });
        lines.push({ row: row.row, column: line.column });
      }
    }
    return problems.length > 0
      ? { problems }
      : { engagementIds, attendance, lines, engagementRows };
  }

  private async record(
    manager: EntityManager,
    caller: Caller,
    session: SessionImportDraft,
    placed: { engagementIds: string[]; attendance: AttendanceInput[] },
    today: IsoDate,
    options: SessionImportOptions,
  ): Promise<ImportedSession> {
    let recorded = await this.sessions.recordIn(
      manager,
      caller,
      {
        engagementIds: placed.engagementIds,
        deliveredOn: session.deliveredOn,
        durationMinutes: session.durationMinutes,
        format: session.format,
        topic: session.topic,
        notes: session.notes,
        attendance: placed.attendance,
        supplierReference: session.reference,
      },
      today,
    );
    if (options.submit) recorded = await this.sessions.submitIn(manager, caller, recorded.id);
    return {
      reference: session.reference,
      rows: session.rows.map(({ row }) => row),
      sessionId: recorded.id,
      status: recorded.status,
      deliveredOn: session.deliveredOn,
      localAuthorities: placed.engagementIds.length,
      attendees: placed.attendance.reduce((sum, line) => sum + line.count, 0),
    };
  }
}

/** A refusal of the sessions service, as the file's rows need it. */
function refusalOf(error: DomainError): SessionRefusal {
  const fields = error instanceof BadUserInputError ? error.fields : [];
  const engagementId =
    error instanceof NotFoundError && error.details.what === 'Engagement'
      ? String(error.details.key)
      : typeof error.details.engagementId === 'string'
        ? error.details.engagementId
        : null;
  const message =
    error instanceof NotFoundError && engagementId
      ? 'no engagement of yours has this id'
      : error.message;
  return { message, fields, engagementId };
}
