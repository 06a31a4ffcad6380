import { BadUserInputError } from '@la-tracker/platform/errors';
import type { IsoDate } from '@la-tracker/platform/time';
import {
  GRADED_KINDS,
  JUDGEMENT_AREAS,
  type Grade,
  type InspectionKind,
  type JudgementArea,
} from '../inspection.types';
import {
  frameworkForGrades,
  frameworkForPublication,
  frameworkInForceOn,
} from './judgement-framework.rules';
import type { OfstedPublication, OfstedTableRole, ParsedInspectionRow } from './ofsted-file.types';
import {
  columnsOf,
  describeMissingHistory,
  findTables,
  type ColumnRef,
  type FoundTable,
  type JudgementColumn,
  type LongTableHeader,
  type WideTableHeader,
} from './ofsted-tables.rules';
import {
  parseInspectionKind,
  parseOfstedDate,
  parseOfstedGrade,
  type CellValue,
} from './ofsted-values.rules';
import { readWorkbookGrids, type SheetGrid } from './ofsted-workbook.reader';
import { findSameEvents } from './same-event.rules';

/** A row before the file as a whole has been seen: kind may be unknown, grades not yet framed. */
interface DraftRow {
  laName: string;
  laCode: string | null;
  laStatus: string | null;
  kind: InspectionKind | null;
  kindStated: boolean;
  inspectedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  identifiedBy: 'INSPECTION_DATE' | 'PUBLICATION_DATE';
  grades: Map<JudgementArea, Grade>;
  theme: string | null;
  table: OfstedTableRole;
  source: ParsedInspectionRow['source'];
  problems: string[];
}

interface RowContext {
  sheet: string;
  rowNumber: number;
  cells: readonly CellValue[];
  date1904: boolean;
}

const NOT_YET_INSPECTED = /^not (?:yet )?inspected$/i;

function cellAt(context: RowContext, column: ColumnRef | undefined): CellValue {
  return column ? (context.cells[column.index] ?? null) : null;
}

function textAt(context: RowContext, column: ColumnRef | undefined): string | null {
  const cell = cellAt(context, column);
  if (cell === null) return null;
  const text = (cell instanceof Date ? cell.toISOString() : String(cell)).trim();
  return text === '' ? null : text;
}

function readDate(
  context: RowContext,
  column: ColumnRef | undefined,
  problems: string[],
  required: boolean,
): IsoDate | null {
  if (!column) return null;
  const reading = parseOfstedDate(cellAt(context, column), context.date1904);
  if (reading.problem) problems.push(`"${column.heading}": ${reading.problem}`);
  else if (reading.value === null && required) {
    problems.push(`"${column.heading}" is blank, so the event cannot be placed`);
  }
  return reading.value;
}

function readGrades(
  context: RowContext,
  columns: readonly JudgementColumn[],
  problems: string[],
): Map<JudgementArea, Grade> {
  const grades = new Map<JudgementArea, Grade>();
  for (const { area, column } of columns) {
    const reading = parseOfstedGrade(cellAt(context, column));
    if (reading.problem) problems.push(`"${column.heading}": ${reading.problem}`);
    else if (reading.value !== null) grades.set(area, reading.value);
  }
  return grades;
}

function readKind(
  context: RowContext,
  column: ColumnRef | undefined,
  problems: string[],
): InspectionKind | null {
  if (!column) return null;
  const reading = parseInspectionKind(cellAt(context, column));
  if (reading.problem) problems.push(`"${column.heading}": ${reading.problem}`);
  else if (reading.value === null) problems.push(`"${column.heading}" is blank`);
  // A type that was given but not understood is still a stated kind: OTHER.
  return reading.value ?? (textAt(context, column) === null ? null : 'OTHER');
}

function readLocalAuthority(
  context: RowContext,
  fields: WideTableHeader['fields'],
  problems: string[],
) {
  const laName = textAt(context, fields.laName) ?? '';
  if (laName === '') problems.push(`"${fields.laName?.heading}" is blank`);
  return {
    laName,
    laCode: textAt(context, fields.laCode),
    laStatus: textAt(context, fields.laStatus),
  };
}

function readLongRow(header: LongTableHeader, context: RowContext): DraftRow | undefined {
  const { fields } = header;
  // The latest-judgements table lists every LA, saying so of one never inspected.
  const dateCell = cellAt(context, fields.inspectionDate);
  if (typeof dateCell === 'string' && NOT_YET_INSPECTED.test(dateCell.trim())) return undefined;

  const problems: string[] = [];
  const la = readLocalAuthority(context, fields, problems);
  return {
    ...la,
    kind: readKind(context, fields.type, problems),
    kindStated: fields.type !== undefined,
    inspectedOn: readDate(context, fields.inspectionDate, problems, true),
    publishedOn: readDate(context, fields.publicationDate, problems, false),
    identifiedBy: 'INSPECTION_DATE',
    grades: readGrades(context, header.judgements, problems),
    theme: textAt(context, fields.theme),
    table: header.role,
    source: {
      sheet: context.sheet,
      row: context.rowNumber,
      columns: columnsOf(header).map((c) => c.heading),
    },
    problems,
  };
}

function readWideRow(header: WideTableHeader, context: RowContext): DraftRow[] {
  const fieldColumns = Object.values(header.fields);
  return header.groups.flatMap((group): DraftRow[] => {
    const dateColumns = [group.inspectionDate, group.publicationDate].filter(
      (c): c is ColumnRef => c !== undefined,
    );
    const columns = [...dateColumns, ...(group.type ? [group.type] : [])].concat(
      group.judgements.map((j) => j.column),
    );
    // An LA with one inspection leaves the next group blank.
    if (columns.every((c) => cellAt(context, c) === null)) return [];
    const problems: string[] = [];
    const byInspection = group.inspectionDate !== undefined;
    return [
      {
        ...readLocalAuthority(context, header.fields, problems),
        kind: readKind(context, group.type, problems),
        kindStated: true,
        inspectedOn: readDate(context, group.inspectionDate, problems, true),
        publishedOn: readDate(context, group.publicationDate, problems, !byInspection),
        identifiedBy: byInspection ? 'INSPECTION_DATE' : 'PUBLICATION_DATE',
        grades: readGrades(context, group.judgements, problems),
        theme: null,
        table: 'HISTORY',
        source: {
          sheet: context.sheet,
          row: context.rowNumber,
          columns: [...fieldColumns, ...columns]
            .sort((a, b) => a.index - b.index)
            .map((c) => c.heading),
        },
        problems,
      },
    ];
  });
}

function readTable(table: FoundTable, sheet: SheetGrid, date1904: boolean): DraftRow[] {
  return table.dataRows.flatMap((index) => {
    const context = {
      sheet: table.sheet,
      rowNumber: index + 1,
      cells: sheet.rows[index],
      date1904,
    };
    if (table.header.layout === 'WIDE') return readWideRow(table.header, context);
    return readLongRow(table.header, context) ?? [];
  });
}

const KIND_NAMES: Record<InspectionKind, string> = {
  STANDARD_INSPECTION: 'standard inspection',
  SHORT_INSPECTION: 'short inspection',
  FOCUSED_VISIT: 'focused visit',
  MONITORING_VISIT: 'monitoring visit',
  JTAI: 'joint targeted area inspection',
  OTHER: 'inspection of an unknown type',
};

/**
 * Completes rows once the whole file is read: links rows of one event, takes the kind of a row
 * whose table states none from the rows it is linked to, and frames grades by the date of the
 * inspection (from a linked row when this row has only a publication date).
 */
function completeRows(drafts: DraftRow[]): ParsedInspectionRow[] {
  const { eventOf, disagreements } = findSameEvents(drafts);
  for (const [a, b] of disagreements) {
    const [x, y] = [drafts[a], drafts[b]];
    x.problems.push(
      `its judgements differ from those of ${y.source.sheet} row ${y.source.row}, which looks like the same inspection, so the two are not linked`,
    );
    y.problems.push(
      `its judgements differ from those of ${x.source.sheet} row ${x.source.row}, which looks like the same inspection, so the two are not linked`,
    );
  }
  const members = new Map<number, DraftRow[]>();
  drafts.forEach((d, i) => members.set(eventOf[i], [...(members.get(eventOf[i]) ?? []), d]));

  return drafts.map((draft, i): ParsedInspectionRow => {
    const event = members.get(eventOf[i]) ?? [draft];
    const problems = [...draft.problems];
    let kind = draft.kind;
    if (kind === null && !draft.kindStated) {
      const stated = [...new Set(event.map((d) => d.kind).filter((k) => k !== null))];
      kind = stated.length === 1 ? stated[0] : 'OTHER';
      if (stated.length !== 1) {
        problems.push(
          'the table gives no inspection type and no other row of the file is the same inspection, so its type is unknown',
        );
      }
    }
    kind ??= 'OTHER';

    const grades = new Map(draft.grades);
    if (!GRADED_KINDS.includes(kind) && kind !== 'OTHER' && grades.size > 0) {
      problems.push(
        `judgements are given for a ${KIND_NAMES[kind]}, which is not graded; they were not read`,
      );
      grades.clear();
    }
    if (GRADED_KINDS.includes(kind) && grades.size === 0) {
      problems.push(`no judgements are given for a ${KIND_NAMES[kind]}`);
    }

    const inspectedOn = draft.inspectedOn ?? event.find((d) => d.inspectedOn !== null)?.inspectedOn;
    const areas = new Set(grades.keys());
    const framework = inspectedOn
      ? frameworkInForceOn(inspectedOn)
      : draft.publishedOn
        ? frameworkForPublication(draft.publishedOn, areas)
        : frameworkForGrades(areas);

    return {
      laName: draft.laName,
      laCode: draft.laCode,
      laStatus: draft.laStatus,
      kind,
      kindStated: draft.kindStated,
      inspectedOn: draft.inspectedOn,
      publishedOn: draft.publishedOn,
      identifiedBy: draft.identifiedBy,
      judgements: JUDGEMENT_AREAS.filter((area) => grades.has(area)).map((area) => ({
        framework,
        area,
        grade: grades.get(area) as Grade,
      })),
      theme: draft.theme,
      table: draft.table,
      eventKey: `event-${eventOf[i] + 1}`,
      source: draft.source,
      problems,
    };
  });
}

function notesOnFile(sheets: readonly SheetGrid[], tables: readonly FoundTable[]): string[] {
  // A CSV holds one table; only a workbook is expected to hold all three.
  if (sheets.length < 2) return [];
  const has = (role: OfstedTableRole) => tables.some((t) => t.header.role === role);
  return [
    ...(has('LATEST')
      ? []
      : [
          'No sheet has a table of each LA\'s latest judgements (a header row with "Local authority name", "Inspection date" and judgement columns, without a type column), so none were read.',
        ]),
    ...(has('IN_YEAR')
      ? []
      : [
          'No sheet has a table of the year\'s inspections and visits (a header row with "Local authority name", "Inspection/Visit date" and "Inspection/Visit type" or "Visit Theme"), so no focused or monitoring visits were read.',
        ]),
  ];
}

/**
 * Reads Ofsted's "Local authority inspection outcomes" as published (ODS, XLSX or CSV), finding
 * tables and columns by their headings. Refuses, naming what was missing, a file without an
 * inspection history table; otherwise returns every row it found, with problems per row.
 */
export function parseOfstedPublication(buffer: Buffer, fileName: string): OfstedPublication {
  const { sheets, date1904 } = readWorkbookGrids(buffer, fileName);
  const found = sheets.map((sheet) => ({ sheet, tables: findTables(sheet) }));
  const tables = found.flatMap((f) => f.tables);
  const histories = tables.filter((t) => t.header.role === 'HISTORY');
  const layouts = new Set(histories.map((t) => t.header.layout));
  if (layouts.size === 0) throw new BadUserInputError(describeMissingHistory(fileName, sheets));
  if (layouts.size > 1) {
    throw new BadUserInputError(
      `"${fileName}" was not imported: it holds history tables in both the March 2024 layout ("First ILACS …" columns) and the later one (a row per inspection), so which edition it is is unclear.`,
    );
  }

  const drafts = found.flatMap(({ sheet, tables: ofSheet }) =>
    ofSheet.flatMap((table) => readTable(table, sheet, date1904)),
  );
  const rows = completeRows(drafts);
  return {
    edition: layouts.has('WIDE') ? 'WIDE_2024' : 'LONG',
    rows,
    problems: [
      ...rows.flatMap((r) => r.problems.map((p) => `${r.source.sheet} row ${r.source.row}: ${p}`)),
      ...notesOnFile(sheets, tables),
    ],
    tables: tables.map((t) => ({
      sheet: t.sheet,
      headerRow: t.headerRow,
      role: t.header.role,
      rows: rows.filter((r) => r.source.sheet === t.sheet && t.dataRows.includes(r.source.row - 1))
        .length,
    })),
  };
}
