import type { JudgementArea } from '../inspection.types';
import {
  groupPrefixOf,
  HEADING_LABELS,
  meaningOfHeading,
  normaliseHeading,
  type DescriptiveField,
} from './ofsted-headings.rules';
import type { OfstedTableRole } from './ofsted-file.types';
import type { CellValue } from './ofsted-values.rules';
import type { SheetGrid } from './ofsted-workbook.reader';

export interface ColumnRef {
  index: number;
  /** As written. */
  heading: string;
}

export interface JudgementColumn {
  area: JudgementArea;
  column: ColumnRef;
}

/** One row per event: the later editions' tables, and the 2024 latest and in-year tables. */
export interface LongTableHeader {
  layout: 'LONG';
  role: OfstedTableRole;
  fields: Partial<Record<DescriptiveField, ColumnRef>>;
  judgements: JudgementColumn[];
}

/** The columns of one inspection in a wide row ("Second ILACS …"). */
export interface WideGroupHeader {
  /** Normalised, e.g. "second ilacs". */
  prefix: string;
  inspectionDate?: ColumnRef;
  publicationDate?: ColumnRef;
  type?: ColumnRef;
  judgements: JudgementColumn[];
}

/** One row per LA, one group of columns per inspection: the 2024 history tables. */
export interface WideTableHeader {
  layout: 'WIDE';
  role: 'HISTORY';
  fields: Partial<Record<'laName' | 'laCode' | 'laStatus', ColumnRef>>;
  groups: WideGroupHeader[];
}

export type TableHeader = LongTableHeader | WideTableHeader;

export interface FoundTable {
  sheet: string;
  /** The row number a spreadsheet program shows. */
  headerRow: number;
  header: TableHeader;
  /** Indexes into the sheet's rows. */
  dataRows: number[];
}

interface ReadHeading {
  index: number;
  heading: string;
  normalised: string;
}

function headingsOf(row: readonly CellValue[]): ReadHeading[] {
  const headings: ReadHeading[] = [];
  row.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const normalised = normaliseHeading(cell);
    if (normalised !== '') headings.push({ index, heading: cell, normalised });
  });
  return headings;
}

function plainColumns(headings: readonly ReadHeading[]) {
  const fields: Partial<Record<DescriptiveField, ColumnRef>> = {};
  const judgements: JudgementColumn[] = [];
  for (const { index, heading, normalised } of headings) {
    const meaning = meaningOfHeading(normalised);
    if (meaning?.kind === 'field') fields[meaning.field] ??= { index, heading };
    if (meaning?.kind === 'judgement' && !judgements.some((j) => j.area === meaning.area)) {
      judgements.push({ area: meaning.area, column: { index, heading } });
    }
  }
  return { fields, judgements };
}

function wideGroups(headings: readonly ReadHeading[]): WideGroupHeader[] {
  const prefixes = [
    ...new Set(
      headings
        .filter((h) => meaningOfHeading(h.normalised) === undefined)
        .map((h) => groupPrefixOf(h.normalised))
        .filter((prefix): prefix is string => prefix !== undefined),
    ),
  ];
  const groups = new Map<string, WideGroupHeader>();
  for (const { index, heading, normalised } of headings) {
    // The longest prefix wins, so "ilacs" never takes "ilacs framework …" columns.
    const prefix = prefixes
      .filter((p) => normalised.startsWith(`${p} `))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix === undefined) continue;
    const meaning = meaningOfHeading(normalised.slice(prefix.length + 1));
    if (!meaning) continue;
    const group = groups.get(prefix) ?? { prefix, judgements: [] };
    groups.set(prefix, group);
    const column = { index, heading };
    if (meaning.kind === 'judgement') {
      if (!group.judgements.some((j) => j.area === meaning.area)) {
        group.judgements.push({ area: meaning.area, column });
      }
    } else if (meaning.field === 'inspectionDate') group.inspectionDate ??= column;
    else if (meaning.field === 'publicationDate') group.publicationDate ??= column;
    else if (meaning.field === 'type') group.type ??= column;
  }
  return [...groups.values()].filter(
    (g) => (g.inspectionDate || g.publicationDate) && g.type && g.judgements.length > 0,
  );
}

/** The table a header row starts, if it is one of Ofsted's; found by headings, never position. */
export function recogniseHeader(row: readonly CellValue[]): TableHeader | undefined {
  const headings = headingsOf(row);
  const { fields, judgements } = plainColumns(headings);
  if (!fields.laName) return undefined;

  if (fields.inspectionDate) {
    const typeHeading = fields.type ? normaliseHeading(fields.type.heading) : '';
    if (fields.theme || typeHeading.includes('visit')) {
      return fields.type ? { layout: 'LONG', role: 'IN_YEAR', fields, judgements } : undefined;
    }
    if (judgements.length === 0) return undefined;
    return { layout: 'LONG', role: fields.type ? 'HISTORY' : 'LATEST', fields, judgements };
  }

  const groups = wideGroups(headings);
  if (groups.length === 0) return undefined;
  const { laName, laCode, laStatus } = fields;
  return {
    layout: 'WIDE',
    role: 'HISTORY',
    fields: { laName, ...(laCode && { laCode }), ...(laStatus && { laStatus }) },
    groups,
  };
}

export function columnsOf(header: TableHeader): ColumnRef[] {
  if (header.layout === 'LONG') {
    return [...Object.values(header.fields), ...header.judgements.map((j) => j.column)].sort(
      (a, b) => a.index - b.index,
    );
  }
  return [
    ...Object.values(header.fields),
    ...header.groups.flatMap((g) => [
      ...[g.inspectionDate, g.publicationDate, g.type].filter((c): c is ColumnRef => !!c),
      ...g.judgements.map((j) => j.column),
    ]),
  ].sort((a, b) => a.index - b.index);
}

function isBlank(row: readonly CellValue[] | undefined, columns: readonly ColumnRef[]): boolean {
  return !row || columns.every((c) => row[c.index] === null || row[c.index] === undefined);
}

/**
 * Every table on a sheet: a header row, then data rows up to the first row with nothing in the
 * table's columns or the next header. Title and note rows above a header are passed over.
 */
export function findTables(sheet: SheetGrid): FoundTable[] {
  const tables: FoundTable[] = [];
  let r = 0;
  while (r < sheet.rows.length) {
    const header = recogniseHeader(sheet.rows[r] ?? []);
    if (!header) {
      r += 1;
      continue;
    }
    const columns = columnsOf(header);
    const dataRows: number[] = [];
    let next = r + 1;
    while (
      next < sheet.rows.length &&
      !isBlank(sheet.rows[next], columns) &&
      !recogniseHeader(sheet.rows[next] ?? [])
    ) {
      dataRows.push(next);
      next += 1;
    }
    tables.push({ sheet: sheet.name, headerRow: r + 1, header, dataRows });
    r = next;
  }
  return tables;
}

function listed(items: readonly string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** What a row that is not a history header lacks, in each layout, for the refusal. */
function shortfall(row: readonly CellValue[]) {
  const headings = headingsOf(row);
  const { fields, judgements } = plainColumns(headings);
  const hasGroups = headings.some(
    (h) => !meaningOfHeading(h.normalised) && groupPrefixOf(h.normalised) !== undefined,
  );
  const found = headings
    .filter((h) => meaningOfHeading(h.normalised) || groupPrefixOf(h.normalised))
    .map((h) => `"${h.heading}"`);
  const name = fields.laName ? [] : [`"${HEADING_LABELS.laName}"`];
  const long = [
    ...name,
    ...(['inspectionDate', 'type'] as const)
      .filter((f) => !fields[f])
      .map((f) => `"${HEADING_LABELS[f]}"`),
    ...(judgements.length === 0 ? ['any judgement column'] : []),
  ];
  const wide = [
    ...name,
    hasGroups
      ? 'a complete group of columns ("… inspection type" and judgements beside "… publication date")'
      : 'groups of columns such as "First ILACS publication date"',
  ];
  return { found, long, wide };
}

const LONG_HISTORY_NEEDS = `"${HEADING_LABELS.laName}", "${HEADING_LABELS.inspectionDate}", "${HEADING_LABELS.type}" and judgement columns ("Overall effectiveness", "Impact of leaders", "Experiences and progress of children who need help and protection", …)`;
const WIDE_HISTORY_NEEDS = `"${HEADING_LABELS.laName}" and a group of columns per inspection such as "First ILACS publication date", "First ILACS inspection type" and "First ILACS overall effectiveness"`;

/** Says exactly what was looked for and not found, naming the nearest miss. */
export function describeMissingHistory(fileName: string, sheets: readonly SheetGrid[]): string {
  const sheetList = sheets.length > 0 ? sheets.map((s) => `"${s.name}"`).join(', ') : '(none)';
  let closest: ({ sheet: string; row: number } & ReturnType<typeof shortfall>) | undefined;
  for (const sheet of sheets) {
    sheet.rows.forEach((row, index) => {
      const miss = shortfall(row ?? []);
      if (miss.found.length > (closest?.found.length ?? 0)) {
        closest = { sheet: sheet.name, row: index + 1, ...miss };
      }
    });
  }
  const nearest = closest
    ? ` The closest was sheet "${closest.sheet}" row ${closest.row}, with ${closest.found.join(', ')} but without ${listed(closest.long)} (later editions), and without ${listed(closest.wide)} (March 2024 edition).`
    : ' No sheet has any of these headings.';
  return (
    `"${fileName}" was not imported: it is not in a layout of Ofsted's "Local authority inspection outcomes" that this import understands. ` +
    `Looked in sheet(s) ${sheetList} for an inspection history table, with a header row holding either ${LONG_HISTORY_NEEDS} (editions from 2025), ` +
    `or ${WIDE_HISTORY_NEEDS} (the March 2024 edition).${nearest}`
  );
}
