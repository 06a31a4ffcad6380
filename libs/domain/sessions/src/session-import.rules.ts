import { SERVICE_LINES, type ServiceLine } from '@la-tracker/domain/programmes';
import type { FileRowProblem } from '@la-tracker/platform/errors';
import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import {
  SESSION_IMPORT_COLUMNS,
  type SessionImportColumn,
  type SessionImportColumnKey,
} from './session-import.template';
import { SESSION_FORMATS, type AttendeeRole, type SessionFormat } from './session.rules';

/** A cell as the file holds it: text from a CSV, text or a number from a workbook. */
export type ImportCell = string | number | boolean | null;

/** What is wrong with a file, where the user sees it: row 1 is the header. */
export type RowProblem = FileRowProblem;

/** What fits, base64-encoded, in one GraphQL request (the api takes a JSON body of 100 kB). */
export const MAX_IMPORT_BYTES = 64 * 1024;
export const MAX_IMPORT_ROWS = 500;
export const MAX_REFERENCE_LENGTH = 100;

/** The file as a whole cannot be imported: it is not a sessions template, or too big, or empty. */
export type SessionFileRefusal = { problem: string };

export interface ImportedAttendance {
  role: AttendeeRole;
  count: number;
  column: SessionImportColumnKey;
}

/** One row of a file: one LA present at a session. */
export interface SessionImportRow {
  row: number;
  localAuthority: string;
  engagementId: string | null;
  attendance: ImportedAttendance[];
}

/** A session as the file describes it: its fields, and one row per LA present. */
export interface SessionImportDraft {
  reference: string;
  serviceLine: ServiceLine;
  deliveredOn: IsoDate;
  durationMinutes: number;
  format: SessionFormat;
  topic: string;
  notes: string | null;
  rows: SessionImportRow[];
}

export interface SessionFileReading {
  /** Data rows read, blank ones left out. */
  rowsRead: number;
  /** The sessions whose rows are all readable. */
  sessions: SessionImportDraft[];
  problems: RowProblem[];
}

/** `Session reference`, `SESSION_REFERENCE` and `session_reference` are the same heading. */
export function normaliseHeading(heading: ImportCell): string {
  return String(heading ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

const text = (cell: ImportCell): string => (cell === null ? '' : String(cell).trim());

/** `Political leadership` and `political-leadership` are POLITICAL_LEADERSHIP. */
export function parseServiceLine(cell: ImportCell): ServiceLine | null {
  const code = normaliseHeading(cell).toUpperCase();
  return (SERVICE_LINES as readonly string[]).includes(code) ? (code as ServiceLine) : null;
}

/** IN_PERSON, ONLINE or HYBRID in any case; "In person" and "in-person" too. */
export function parseFormat(cell: ImportCell): SessionFormat | null {
  const code = normaliseHeading(cell).toUpperCase();
  const format = code === 'INPERSON' ? 'IN_PERSON' : code;
  return (SESSION_FORMATS as readonly string[]).includes(format) ? (format as SessionFormat) : null;
}

const DAY_MS = 86_400_000;
/** Day 0 of a spreadsheet's 1900 date system (serials count from 1899-12-30, past Excel's 1900 leap-year slip). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_1904_OFFSET_DAYS = 1462;

/**
 * A delivery date: YYYY-MM-DD, DD/MM/YYYY (as spreadsheets in England write it), or a
 * spreadsheet's date serial (a date cell of a workbook).
 */
export function parseImportDate(
  cell: ImportCell,
  date1904 = false,
): { date: IsoDate } | { problem: string } {
  const problem = 'must be a date written YYYY-MM-DD (or DD/MM/YYYY)';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1) return { problem };
    const days = Math.floor(cell) + (date1904 ? EXCEL_1904_OFFSET_DAYS : 0);
    return { date: new Date(EXCEL_EPOCH + days * DAY_MS).toISOString().slice(0, 10) };
  }
  const value = text(cell);
  if (value === '') return { problem: 'is required' };
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : value;
  return isIsoDate(iso) ? { date: iso } : { problem };
}

/** A whole number written as a number or as digits; blank when it may be (an attendance count). */
export function parseWholeNumber(
  cell: ImportCell,
  blankAs: number | null,
): { value: number } | { problem: string } {
  if (typeof cell === 'number')
    return Number.isInteger(cell) ? { value: cell } : { problem: 'must be a whole number' };
  const value = text(cell);
  if (value === '') return blankAs === null ? { problem: 'is required' } : { value: blankAs };
  return /^-?\d+$/.test(value) ? { value: Number(value) } : { problem: 'must be a whole number' };
}

export type HeaderReading =
  { columns: Map<SessionImportColumnKey, number> } | { missing: SessionImportColumnKey[] };

/** Where each of the template's columns is, or which required ones the header lacks. */
export function readHeader(header: readonly ImportCell[]): HeaderReading {
  const positions = new Map<string, number>();
  header.forEach((heading, index) => {
    const key = normaliseHeading(heading);
    if (key !== '' && !positions.has(key)) positions.set(key, index);
  });
  const columns = new Map<SessionImportColumnKey, number>();
  const missing: SessionImportColumnKey[] = [];
  for (const column of SESSION_IMPORT_COLUMNS) {
    const index = positions.get(column.key);
    if (index !== undefined) columns.set(column.key, index);
    else if (column.required) missing.push(column.key);
  }
  return missing.length > 0 ? { missing } : { columns };
}

/** The session-level values of one row, each read or with its problem. */
interface RowFields {
  reference: string;
  serviceLine: ServiceLine | null;
  deliveredOn: IsoDate | null;
  durationMinutes: number | null;
  format: SessionFormat | null;
  topic: string;
  notes: string;
}

const SESSION_FIELDS: ReadonlyArray<[keyof RowFields, SessionImportColumnKey]> = [
  ['serviceLine', 'service_line'],
  ['deliveredOn', 'delivered_on'],
  ['durationMinutes', 'duration_minutes'],
  ['format', 'format'],
  ['topic', 'topic'],
];

const ROLE_COLUMNS = SESSION_IMPORT_COLUMNS.filter(
  (column): column is SessionImportColumn & { role: AttendeeRole } => column.role !== undefined,
);

const isBlank = (cells: readonly ImportCell[]) => cells.every((cell) => text(cell) === '');

/**
 * Reads the rows of a sessions template (the grid's first row is its header) into sessions, with
 * every problem a row has, by row and column. It checks what a file alone can tell: readable
 * values, session fields that agree across a session's rows, an attendee on every row. The rules
 * of a session (dates, durations, engagements) are the sessions service's, applied on import.
 */
export function readSessionRows(
  grid: readonly (readonly ImportCell[])[],
  options: { date1904?: boolean } = {},
): SessionFileReading | SessionFileRefusal {
  const header = readHeader(grid[0] ?? []);
  if ('missing' in header)
    return {
      problem: `This is not a sessions template: it lacks the column${header.missing.length === 1 ? '' : 's'} ${header.missing.join(', ')}. Nothing was imported; start from the template (sessions-import-template.csv or .xlsx).`,
    };
  const { columns } = header;
  const dataRows = grid
    .slice(1)
    .map((cells, index) => ({ cells, row: index + 2 }))
    .filter(({ cells }) => !isBlank(cells));
  if (dataRows.length === 0)
    return { problem: 'The file has no sessions: fill in one row per LA under the header.' };
  if (dataRows.length > MAX_IMPORT_ROWS)
    return {
      problem: `The file has ${dataRows.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once. Split it into smaller files.`,
    };

  const problems: RowProblem[] = [];
  const groups = new Map<string, Array<{ fields: RowFields; row: SessionImportRow }>>();
  const broken = new Set<string>();

  for (const { cells, row } of dataRows) {
    const cell = (key: SessionImportColumnKey): ImportCell => {
      const index = columns.get(key);
      return index === undefined ? null : (cells[index] ?? null);
    };
    const before = problems.length;
    const problem = (column: SessionImportColumnKey, message: string) =>
      problems.push({ row, column, message });

    const reference = text(cell('session_reference'));
    if (reference === '') problem('session_reference', 'is required');
    else if (reference.length > MAX_REFERENCE_LENGTH)
      problem('session_reference', `must be at most ${MAX_REFERENCE_LENGTH} characters`);

    const serviceLine = parseServiceLine(cell('service_line'));
    if (serviceLine === null)
      problem(
        'service_line',
        text(cell('service_line')) === ''
          ? 'is required'
          : `must be one of ${SERVICE_LINES.join(', ')}`,
      );
    const date = parseImportDate(cell('delivered_on'), options.date1904);
    if ('problem' in date) problem('delivered_on', date.problem);
    const duration = parseWholeNumber(cell('duration_minutes'), null);
    if ('problem' in duration) problem('duration_minutes', `${duration.problem} of minutes`);
    const format = parseFormat(cell('format'));
    if (format === null)
      problem(
        'format',
        text(cell('format')) === '' ? 'is required' : `must be ${SESSION_FORMATS.join(', ')}`,
      );
    const topic = text(cell('topic'));
    if (topic === '') problem('topic', 'is required');
    const localAuthority = text(cell('local_authority'));
    if (localAuthority === '') problem('local_authority', 'is required');

    const attendance: ImportedAttendance[] = [];
    for (const column of ROLE_COLUMNS) {
      const count = parseWholeNumber(cell(column.key), 0);
      if ('problem' in count) problem(column.key, count.problem);
      else if (count.value < 0) problem(column.key, 'must not be negative');
      else if (count.value > 0)
        attendance.push({ role: column.role, count: count.value, column: column.key });
    }
    if (attendance.length === 0 && problems.length === before)
      problems.push({
        row,
        column: null,
        message:
          'counts no attendees: a row is an LA present at the session, with at least one attendee counted',
      });

    const fields: RowFields = {
      reference,
      serviceLine,
      deliveredOn: 'date' in date ? date.date : null,
      durationMinutes: 'value' in duration ? duration.value : null,
      format,
      topic,
      notes: text(cell('notes')),
    };
    if (problems.length > before) broken.add(reference);
    if (reference === '') continue;
    const engagementId = text(cell('engagement_id'));
    const group = groups.get(reference) ?? [];
    group.push({
      fields,
      row: { row, localAuthority, engagementId: engagementId || null, attendance },
    });
    groups.set(reference, group);
  }

  const sessions: SessionImportDraft[] = [];
  for (const [reference, group] of groups) {
    const [first] = group;
    const mismatch = (row: number, column: SessionImportColumnKey) => {
      problems.push({
        row,
        column,
        message: `differs from row ${first.row.row}: every row of session ${reference} must give the same ${column}`,
      });
      broken.add(reference);
    };
    for (const { fields, row } of group.slice(1))
      for (const [field, column] of SESSION_FIELDS)
        if (
          fields[field] !== null &&
          first.fields[field] !== null &&
          fields[field] !== first.fields[field]
        )
          mismatch(row.row, column);
    const notes = [...new Set(group.map(({ fields }) => fields.notes).filter((n) => n !== ''))];
    if (notes.length > 1)
      mismatch(group.find(({ fields }) => fields.notes === notes[1])!.row.row, 'notes');
    if (broken.has(reference)) continue;
    const { serviceLine, deliveredOn, durationMinutes, format, topic } = first.fields;
    sessions.push({
      reference,
      serviceLine: serviceLine!,
      deliveredOn: deliveredOn!,
      durationMinutes: durationMinutes!,
      format: format!,
      topic,
      notes: notes[0] ?? null,
      rows: group.map(({ row }) => row),
    });
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { rowsRead: dataRows.length, sessions, problems };
}

/** Where an attendance line handed to the sessions service came from in the file. */
export interface LineSource {
  row: number;
  column: SessionImportColumnKey;
}

/** Why the sessions service refused to record a session, in its own terms. */
export interface SessionRefusal {
  message: string;
  /** Its fields, named as `recordSession` takes them (`deliveredOn`, `attendance[2].count`). */
  fields?: ReadonlyArray<{ field: string; message: string }>;
  /** The engagement it is about, when it names one. */
  engagementId?: string | null;
}

const REPORT_COLUMNS: Readonly<Record<string, SessionImportColumnKey>> = {
  deliveredOn: 'delivered_on',
  durationMinutes: 'duration_minutes',
  format: 'format',
  topic: 'topic',
  notes: 'notes',
};

/**
 * Puts a refusal of the sessions service back on the rows and columns of the file: a session's
 * own fields on its first row, an attendance line on the row and count column it came from, an
 * engagement on the row that named it.
 */
export function placeRefusal(
  session: SessionImportDraft,
  lines: readonly LineSource[],
  engagementRows: ReadonlyMap<string, SessionImportRow>,
  refusal: SessionRefusal,
): RowProblem[] {
  const first = session.rows[0].row;
  const engagementRow = refusal.engagementId ? engagementRows.get(refusal.engagementId) : undefined;
  if (engagementRow)
    return [
      {
        row: engagementRow.row,
        column: engagementRow.engagementId ? 'engagement_id' : 'local_authority',
        message: refusal.message,
      },
    ];
  if (!refusal.fields || refusal.fields.length === 0)
    return [{ row: first, column: null, message: refusal.message }];
  return refusal.fields.map(({ field, message }): RowProblem => {
    const line = /^attendance\[(\d+)\]\.(\w+)$/.exec(field);
    const source = line ? lines[Number(line[1])] : undefined;
    if (line && source)
      return {
        row: source.row,
        column: line[2] === 'localAuthorityCode' ? 'local_authority' : source.column,
        message,
      };
    if (field === 'engagementIds')
      return {
        row: first,
        column: 'local_authority',
        message: `the engagements of the session's LAs ${message}`,
      };
    return { row: first, column: REPORT_COLUMNS[field] ?? null, message };
  });
}
