import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@la-tracker/platform/audit';
import type { IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { InspectionRecord } from './inspection-event.entity';
import { JudgementRecord } from './inspection-judgement.entity';
import {
  finishedMessage,
  IMPORT_PROGRESS,
  writingPercent,
  type InspectionImportProgress,
} from './inspection-import-progress.rules';
import { IMPORT_AUDIT_ACTIONS, InspectionImportRepository } from './inspection-import.repository';
import {
  mergeRows,
  planInspectionImport,
  type EventPlan,
  type FieldChange,
  type IncomingEvent,
  type PlacedRow,
  type SameInspectionRule,
} from './inspection-import.rules';
import { localAuthorityMatcher } from './inspection-la-match.rules';
import type { InspectionKind } from './inspection.types';
import { parseOfstedPublication } from './ofsted-file/ofsted-file.parser';
import type { OfstedEdition, OfstedTableFound } from './ofsted-file/ofsted-file.types';

/** The edition the product ships with and imports on first start (see data/SOURCES.md). */
export const BUNDLED_OFSTED_FILE = 'LA_Inspection_Outcomes_as_at_March_2024.ods';

export interface ImportedEventSummary {
  localAuthority: string;
  kind: InspectionKind;
  inspectedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  /** The rows of the file it was read from, e.g. "Inspections_31_March_2024 row 6". */
  rows: string[];
}

export interface ChangedEventSummary extends ImportedEventSummary {
  id: string;
  firstRecordedBy: 'FILE' | 'USER';
  matchedBy: SameInspectionRule;
  fills: FieldChange[];
  corrections: FieldChange[];
  kept: FieldChange[];
}

export interface InspectionImportSummary {
  fileName: string;
  dryRun: boolean;
  edition: OfstedEdition;
  /** The latest date the file mentions: how recent its edition is. */
  asAt: IsoDate | null;
  tables: OfstedTableFound[];
  rows: number;
  rowsPlaced: number;
  added: ImportedEventSummary[];
  enriched: ChangedEventSummary[];
  corrected: ChangedEventSummary[];
  unchanged: number;
  /** Events whose stored values a newer edition set, which this file states otherwise: kept. */
  keptNewer: ChangedEventSummary[];
  notPlaced: Array<{ sheet: string; row: number; laName: string; reason: string }>;
  problems: string[];
}

export interface InspectionImportOptions {
  dryRun?: boolean;
  /** Who imports it; null (the default) for the system, such as the seed. */
  actorUserId?: string | null;
  /** Told what the import is doing, a line at a time, with how far it has gone. */
  onProgress?: (progress: InspectionImportProgress) => void;
  /**
   * Runs in the import's transaction once its changes are made (or, on a dry run, planned), so
   * what it writes commits with the import or not at all; throwing undoes the import.
   */
  beforeCommit?: (manager: EntityManager, summary: InspectionImportSummary) => Promise<void>;
}

const describeRow = (row: { sheet: string; row: number }) => `${row.sheet} row ${row.row}`;

/**
 * Imports Ofsted's "Local authority inspection outcomes" as published: parse, place rows on LAs,
 * plan per event (add, enrich, correct, unchanged), then apply the plan in one transaction with an
 * audit event per change. A file it cannot understand is refused before anything is written.
 */
@Injectable()
export class InspectionImportService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(InspectionImportRepository) private readonly repository: InspectionImportRepository,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
  ) {}

  async importFile(
    buffer: Buffer,
    fileName: string,
    options: InspectionImportOptions = {},
  ): Promise<InspectionImportSummary> {
    const progress = (percent: number, message: string) =>
      options.onProgress?.({ percent, message });
    const publication = parseOfstedPublication(buffer, fileName);
    progress(
      IMPORT_PROGRESS.READ,
      `Read ${publication.tables.length} table${publication.tables.length === 1 ? '' : 's'}: ${publication.tables
        .map((t) => `${t.sheet} (${t.role.toLowerCase()}, ${t.rows} rows)`)
        .join('; ')}`,
    );
    const asAt = publication.rows.reduce<IsoDate | null>(
      (latest, row) =>
        [row.inspectedOn, row.publishedOn].reduce<IsoDate | null>(
          (max, date) => (date !== null && (max === null || date > max) ? date : max),
          latest,
        ),
      null,
    );

    const summary = await this.dataSource.transaction(async (manager) => {
      // One import at a time: each plans against what the one before it wrote.
      await manager.query('LOCK TABLE inspection_event IN SHARE ROW EXCLUSIVE MODE');
      const las = await this.repository.localAuthorities(manager);
      const labels = new Map(las.map((la) => [la.id, `${la.name} (${la.gssCode})`]));
      const match = localAuthorityMatcher(las);
      const placed: PlacedRow[] = [];
      const notPlaced: InspectionImportSummary['notPlaced'] = [];
      for (const row of publication.rows) {
        const placement = match({
          laName: row.laName,
          laCode: row.laCode,
          date: row.inspectedOn ?? row.publishedOn,
        });
        if (placement.localAuthorityId === null) {
          notPlaced.push({ ...row.source, laName: row.laName, reason: placement.reason });
        } else if (row.inspectedOn === null && row.publishedOn === null) {
          notPlaced.push({
            ...row.source,
            laName: row.laName,
            reason: 'it has neither an inspection date nor a publication date',
          });
        } else placed.push({ row, localAuthorityId: placement.localAuthorityId });
      }
      progress(
        IMPORT_PROGRESS.MATCHED,
        `Matched ${placed.length} of ${publication.rows.length} rows to local authorities`,
      );

      const merged = mergeRows(placed);
      const localAuthorityIds = [...new Set(merged.events.map((e) => e.localAuthorityId))];
      const stored = await this.repository.storedEvents(manager, localAuthorityIds);
      const plan = planInspectionImport(stored, merged.events, asAt ?? '0000-01-01');
      progress(
        IMPORT_PROGRESS.PLANNED,
        `Found ${merged.events.length} events in the file; ${stored.length} events of these LAs were already recorded`,
      );

      const describe = (event: IncomingEvent): ImportedEventSummary => ({
        localAuthority: labels.get(event.localAuthorityId) ?? event.localAuthorityId,
        kind: event.kind,
        inspectedOn: event.inspectedOn,
        publishedOn: event.publishedOn,
        rows: event.rows.map(describeRow),
      });
      const changed = (event: Exclude<EventPlan, { action: 'ADD' }>): ChangedEventSummary => ({
        ...describe(event.incoming),
        id: event.stored.id,
        firstRecordedBy: event.stored.source,
        matchedBy: event.matchedBy,
        fills: event.fills,
        corrections: event.corrections,
        kept: event.kept,
      });
      const summary: InspectionImportSummary = {
        fileName,
        dryRun: options.dryRun ?? false,
        edition: publication.edition,
        asAt,
        tables: publication.tables,
        rows: publication.rows.length,
        rowsPlaced: placed.length,
        added: [],
        enriched: [],
        corrected: [],
        unchanged: 0,
        keptNewer: [],
        notPlaced,
        problems: [...publication.problems, ...merged.problems, ...plan.problems],
      };
      for (const event of plan.events) {
        if (event.action === 'ADD') summary.added.push(describe(event.incoming));
        else {
          if (event.action === 'ENRICH') summary.enriched.push(changed(event));
          if (event.action === 'CORRECT') summary.corrected.push(changed(event));
          if (event.action === 'UNCHANGED') summary.unchanged += 1;
          if (event.kept.length > 0) summary.keptNewer.push(changed(event));
        }
      }

      if (!summary.dryRun) {
        const total = plan.events.filter((e) => e.action !== 'UNCHANGED').length;
        if (total > 0) progress(IMPORT_PROGRESS.PLANNED, `Writing ${total} events`);
        let applied = 0;
        let reported: number = IMPORT_PROGRESS.PLANNED;
        await this.apply(
          manager,
          plan.events,
          { fileName, edition: asAt, actorUserId: options.actorUserId ?? null },
          () => {
            applied += 1;
            const percent = writingPercent(applied, total);
            if (percent === reported) return;
            reported = percent;
            progress(percent, `Wrote ${applied} of ${total} events`);
          },
        );
      }
      await options.beforeCommit?.(manager, summary);
      return summary;
    });
    progress(IMPORT_PROGRESS.FINISHED, finishedMessage(summary));
    return summary;
  }

  /** The edition the product ships with; idempotent, so every start may run it. */
  importBundled(options: InspectionImportOptions = {}): Promise<InspectionImportSummary> {
    return this.importFile(
      readFileSync(join(__dirname, 'data', BUNDLED_OFSTED_FILE)),
      BUNDLED_OFSTED_FILE,
      options,
    );
  }

  private async apply(
    manager: EntityManager,
    events: readonly EventPlan[],
    context: { fileName: string; edition: IsoDate | null; actorUserId: string | null },
    onEventApplied: () => void,
  ): Promise<void> {
    const record = (
      action: (typeof IMPORT_AUDIT_ACTIONS)[number],
      entityId: string,
      before: Record<string, unknown> | null,
      after: Record<string, unknown>,
      rows: readonly { sheet: string; row: number }[],
    ) =>
      this.audit.record(manager, {
        actorUserId: context.actorUserId,
        action,
        entityType: 'inspection_event',
        entityId,
        before,
        after: {
          ...after,
          file: context.fileName,
          rows: rows.map(describeRow),
          edition: context.edition,
        },
        personalFields: [],
      });

    const adds = events.flatMap((e) => (e.action === 'ADD' ? [e.incoming] : []));
    if (adds.length > 0) {
      const inserted = await manager.getRepository(InspectionRecord).insert(
        adds.map((event) => ({
          localAuthorityId: event.localAuthorityId,
          kind: event.kind,
          inspectedOn: event.inspectedOn,
          publishedOn: event.publishedOn,
          theme: event.theme,
          source: 'FILE' as const,
          sourceFile: context.fileName,
          sourceSheet: event.rows[0].sheet,
          sourceRow: event.rows[0].row,
        })),
      );
      const ids = inserted.identifiers.map((identifier) => identifier.id as string);
      const judgements = adds.flatMap((event, i) =>
        event.judgements.map((j) => ({ inspectionId: ids[i], ...j })),
      );
      if (judgements.length > 0) await manager.getRepository(JudgementRecord).insert(judgements);
      for (const [i, event] of adds.entries()) {
        await record(
          'inspection.import.add',
          ids[i],
          null,
          {
            localAuthorityId: event.localAuthorityId,
            kind: event.kind,
            inspectedOn: event.inspectedOn,
            publishedOn: event.publishedOn,
            theme: event.theme,
            judgements: event.judgements,
          },
          event.rows,
        );
        onEventApplied();
      }
    }

    for (const event of events) {
      if (event.action !== 'ENRICH' && event.action !== 'CORRECT') continue;
      const changes = [...event.fills, ...event.corrections];
      const columns: Partial<Record<'kind' | 'inspectedOn' | 'publishedOn' | 'theme', string>> = {};
      for (const change of changes) {
        if (
          change.field === 'kind' ||
          change.field === 'inspectedOn' ||
          change.field === 'publishedOn' ||
          change.field === 'theme'
        )
          columns[change.field] = change.after as string;
        else {
          const judgement = event.incoming.judgements.find((j) => j.area === change.field);
          if (judgement) {
            await manager.query(
              `INSERT INTO inspection_judgement (inspection_id, area, framework, grade) VALUES ($1, $2, $3, $4)
               ON CONFLICT (inspection_id, area) DO UPDATE SET framework = EXCLUDED.framework, grade = EXCLUDED.grade`,
              [event.stored.id, judgement.area, judgement.framework, judgement.grade],
            );
          }
        }
      }
      if (Object.keys(columns).length > 0) {
        await manager
          .getRepository(InspectionRecord)
          .update(event.stored.id, columns as Partial<InspectionRecord>);
      }
      await record(
        event.action === 'ENRICH' ? 'inspection.import.enrich' : 'inspection.import.correct',
        event.stored.id,
        Object.fromEntries(changes.map((c) => [c.field, c.before])),
        Object.fromEntries(changes.map((c) => [c.field, c.after])),
        event.incoming.rows,
      );
      onEventApplied();
    }
  }
}
