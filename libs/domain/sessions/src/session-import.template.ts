import { utils, write } from '@e965/xlsx';
import { SERVICE_LINES } from '@la-tracker/domain/programmes';
import {
  ATTENDEE_ROLES,
  MAX_ATTENDEE_COUNT,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  SESSION_FORMATS,
  type AttendeeRole,
} from './session.rules';

/**
 * The bulk-upload template of delivered sessions, defined once: the CSV and XLSX files users
 * download, the guidance that goes with them and the import's reading of a file all come from here.
 *
 * One row per LA present at a session; rows sharing a session_reference are one (cohort) session.
 */
export type SessionImportColumnKey =
  | 'session_reference'
  | 'service_line'
  | 'delivered_on'
  | 'duration_minutes'
  | 'format'
  | 'topic'
  | 'local_authority'
  | 'engagement_id'
  | 'notes'
  | Lowercase<AttendeeRole>;

export interface SessionImportColumn {
  key: SessionImportColumnKey;
  /** A file without it is not a sessions template. */
  required: boolean;
  /** SESSION: the same on every row of a session; ROW: this LA's. */
  level: 'SESSION' | 'ROW';
  /** Set for the attendance count columns. */
  role?: AttendeeRole;
  guidance: string;
  example: string;
}

const roleColumn = (role: AttendeeRole, title: string): SessionImportColumn => ({
  key: role.toLowerCase() as Lowercase<AttendeeRole>,
  required: true,
  level: 'ROW',
  role,
  guidance: `How many ${title} of this LA attended: a whole number from 0 to ${MAX_ATTENDEE_COUNT}; blank counts as 0.`,
  example: role === 'LEAD_MEMBER' ? '1' : role === 'CABINET_MEMBER' ? '3' : '0',
});

const ROLE_TITLES: Record<AttendeeRole, string> = {
  LEAD_MEMBER: 'lead members',
  LEADER_OF_COUNCIL: 'leaders of the council',
  CABINET_MEMBER: 'cabinet members',
  COUNCILLOR: 'councillors',
  CHIEF_EXECUTIVE: 'chief executives',
  DIRECTOR_OF_CHILDRENS_SERVICES: "directors of children's services",
  CHIEF_FINANCE_OFFICER: 'chief finance (s151) officers',
  HR_LEAD: 'HR leads',
  IT_LEAD: 'IT leads',
  OTHER_SENIOR_LEADER: 'other senior leaders',
};

export const SESSION_IMPORT_COLUMNS: readonly SessionImportColumn[] = [
  {
    key: 'session_reference',
    required: true,
    level: 'SESSION',
    guidance:
      'Your own reference for the session (up to 100 characters). Rows with the same reference are one session, e.g. a cohort drawn from several LAs. A reference already imported is refused, so a file imported twice does not count delivery twice.',
    example: 'NS-2022-014',
  },
  {
    key: 'service_line',
    required: true,
    level: 'SESSION',
    guidance: `The service line delivered: ${SERVICE_LINES.join(', ')}.`,
    example: 'POLITICAL_LEADERSHIP',
  },
  {
    key: 'delivered_on',
    required: true,
    level: 'SESSION',
    guidance:
      'The day it was delivered, YYYY-MM-DD (a spreadsheet date or DD/MM/YYYY is read too); not in the future, and within your contract.',
    example: '2022-06-14',
  },
  {
    key: 'duration_minutes',
    required: true,
    level: 'SESSION',
    guidance: `Its length in whole minutes, ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} (12 hours).`,
    example: '180',
  },
  {
    key: 'format',
    required: true,
    level: 'SESSION',
    guidance: `${SESSION_FORMATS.join(', ')} ("In person" is read too).`,
    example: 'IN_PERSON',
  },
  {
    key: 'topic',
    required: true,
    level: 'SESSION',
    guidance: 'What it covered (up to 200 characters).',
    example: 'Corporate parenting for new lead members',
  },
  {
    key: 'local_authority',
    required: true,
    level: 'ROW',
    guidance:
      'The LA present: its ONS code (E06000001), DfE code (805) or name (Hartlepool). It must have an approved or in-delivery engagement of the service line under your contract.',
    example: 'E06000001',
  },
  {
    key: 'engagement_id',
    required: false,
    level: 'ROW',
    guidance:
      'Only when the LA has more than one open engagement of the service line with you: the id of the one this session is for. Leave blank otherwise.',
    example: '',
  },
  ...ATTENDEE_ROLES.map((role) => roleColumn(role, ROLE_TITLES[role])),
  {
    key: 'notes',
    required: false,
    level: 'SESSION',
    guidance:
      'Anything the programme should know (up to 2000 characters); on one row of the session, or the same on each.',
    example: '',
  },
];

export const SESSION_IMPORT_SHEET = 'Sessions';
export const SESSION_IMPORT_GUIDANCE_SHEET = 'Guidance';

/** The header row of the template. */
export function sessionImportHeader(): string[] {
  return SESSION_IMPORT_COLUMNS.map((column) => column.key);
}

/** The template as CSV: the header row alone, so the file can be filled in and imported as is. */
export function sessionImportTemplateCsv(): string {
  return `${sessionImportHeader().join(',')}\r\n`;
}

const GUIDANCE_HEADER = ['column', 'required', 'same on every row of a session', 'what to write'];

/** The guidance rows, one per column, as the XLSX's Guidance sheet shows them. */
export function sessionImportGuidance(): string[][] {
  return [
    GUIDANCE_HEADER,
    ...SESSION_IMPORT_COLUMNS.map((column) => [
      column.key,
      column.required ? 'yes' : 'no',
      column.level === 'SESSION' ? 'yes' : 'no',
      column.guidance,
    ]),
    [],
    ['One row per local authority present at a session.'],
    [
      'Rows with the same session_reference are one session: a cohort session has one row for each LA present.',
    ],
    [
      'Example: a cohort session of two LAs (the second LA named by its DfE code) is two rows, as in the table below.',
    ],
    sessionImportHeader(),
    SESSION_IMPORT_COLUMNS.map((column) => column.example),
    SESSION_IMPORT_COLUMNS.map((column) =>
      column.key === 'local_authority'
        ? '806'
        : column.role
          ? column.role === 'LEAD_MEMBER'
            ? '1'
            : '0'
          : column.level === 'SESSION'
            ? column.example
            : '',
    ),
  ];
}

/**
 * The template as XLSX: a Sessions sheet holding the header row (the import reads it), and a
 * Guidance sheet describing each column with an example. Written without timestamps, so the same
 * definition always gives the same bytes.
 */
export function sessionImportTemplateXlsx(): Buffer {
  const workbook = utils.book_new();
  const sessions = utils.aoa_to_sheet([sessionImportHeader()]);
  sessions['!cols'] = SESSION_IMPORT_COLUMNS.map((column) => ({
    wch: Math.max(column.key.length + 2, column.level === 'SESSION' ? 14 : 10),
  }));
  utils.book_append_sheet(workbook, sessions, SESSION_IMPORT_SHEET);
  const guidance = utils.aoa_to_sheet(sessionImportGuidance());
  guidance['!cols'] = [{ wch: 32 }, { wch: 10 }, { wch: 12 }, { wch: 100 }];
  utils.book_append_sheet(workbook, guidance, SESSION_IMPORT_GUIDANCE_SHEET);
  workbook.Props = { Title: 'Delivered sessions: bulk upload template' };
  return write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
