import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SessionImportService, type SessionImportReport } from '@la-tracker/domain/sessions';
import { Role, type Caller } from '@la-tracker/platform/auth';
import type { AppConfig } from '@la-tracker/platform/config';
import { describeRowProblem, FileProblemsError } from '@la-tracker/platform/errors';
import { withCliContext } from '../cli-context';

/** What an import prints: a line per session, then the count. */
export function describeSessionImport(report: SessionImportReport): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return [
    report.dryRun
      ? `Dry run of ${report.fileName}: nothing was written. ${plural(report.sessions.length, 'session')} from ${plural(report.rowsRead, 'row')} would be imported:`
      : `Imported ${report.fileName}: ${plural(report.sessions.length, 'session')} from ${plural(report.rowsRead, 'row')}:`,
    ...report.sessions.map(
      (s) =>
        `  + ${s.reference} (${s.rows.length === 1 ? `row ${s.rows[0]}` : `rows ${s.rows.join(', ')}`}): ${s.deliveredOn}, ${plural(s.localAuthorities, 'LA')}, ${plural(s.attendees, 'attendee')}, ${s.status}${s.sessionId ? ` ${s.sessionId}` : ''}`,
    ),
  ].join('\n');
}

/**
 * The caller an operator imports as: the supplier's staff, acting for it from the command line
 * (no person is signed in, so the audit log names no one).
 */
function supplierCaller(supplierId: string): Caller {
  return {
    userId: null,
    issuer: 'cli',
    subject: 'cli:import-sessions',
    email: null,
    grants: [{ role: Role.SUPPLIER, supplierId, regionCode: null, programmeId: null }],
  };
}

/** Imports a supplier's sessions from a file; throws, listing every problem, when any row has one. */
export function importSessions(
  config: AppConfig,
  file: string,
  options: { supplierId: string; dryRun: boolean; submit: boolean },
  log: (message: string) => void,
): Promise<SessionImportReport> {
  const buffer = readFileSync(file);
  return withCliContext(config, async (app) => {
    try {
      const report = await app
        .get(SessionImportService)
        .importFile(
          supplierCaller(options.supplierId),
          { buffer, fileName: basename(file) },
          { supplierId: options.supplierId, dryRun: options.dryRun, submit: options.submit },
        );
      log(describeSessionImport(report));
      return report;
    } catch (error) {
      if (!(error instanceof FileProblemsError)) throw error;
      const count = error.problems.length;
      throw new Error(
        [
          `${basename(file)} was not imported, nothing was written: ${count} problem${count === 1 ? '' : 's'}.`,
          ...error.problems.map((problem) => `  ${describeRowProblem(problem)}`),
        ].join('\n'),
      );
    }
  });
}
