import { ENGAGEMENT_STATUSES } from '@la-tracker/domain/engagements';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { compareServiceLines, SERVICE_LINE_NAMES } from '@la-tracker/domain/programmes';
import type { Pence } from '@la-tracker/platform/money';
import type { IsoDate } from '@la-tracker/platform/time';
import { count, date, money, text, type CellValue, type Sheet } from './sheet';

/** Everything the pack says, as the queries found it. */
export interface MiPackData {
  programme: { id: string; name: string; budgetPence: Pence; allocationPence: Pence | null };
  financialYear: string;
  generatedAt: Date;
  /** The programme's service lines, with their names and the target in force for the year. */
  serviceLines: Array<{
    serviceLine: ServiceLine;
    name: string;
    target: number | null;
    cap: number | null;
  }>;
  /** Engagements of the year by service line and state. */
  engagements: Array<{ serviceLine: ServiceLine; status: string; engagements: number }>;
  /** LAs with an approved, in-delivery or completed engagement of the year, by service line. */
  /** By service line: LAs with a reaching engagement, and the regions they are in. */
  reached: Array<{ serviceLine: ServiceLine; localAuthorities: number; regions: number }>;
  /** Sessions dated in the year by service line and state. */
  sessions: Array<{
    serviceLine: ServiceLine;
    status: string;
    sessions: number;
    minutes: number;
    attendance: number;
  }>;
  regions: Array<{
    code: string;
    name: string;
    activeLocalAuthorities: number;
    reachedLocalAuthorities: number;
    engagements: number;
    approvedAttendance: number;
  }>;
  /** The year's spend, as the spend report counts it. */
  spend: {
    totalPence: Pence;
    byServiceLine: Array<{ serviceLine: ServiceLine; spentPence: Pence }>;
    byLocalAuthority: Array<{
      gssCode: string;
      name: string;
      regionCode: string;
      spentPence: Pence;
    }>;
    byContract: Array<{ reference: string; supplier: string; spentPence: Pence }>;
  };
  /** What is overdue on the day the pack is made, whatever the year it belongs to. */
  overdue: OverdueItem[];
}

export interface OverdueItem {
  kind: 'SESSION_REPORT' | 'DIAGNOSTIC_FOLLOW_UP';
  serviceLine: ServiceLine;
  supplier: string;
  contract: string;
  localAuthorities: string;
  /** The session's date, or the diagnostic's final report. */
  date: IsoDate;
  dueBy: IsoDate;
  /** The session's or diagnostic's: the pack lists what is overdue in any year. */
  financialYear: string;
}

const OVERDUE_TITLES: Record<OverdueItem['kind'], string> = {
  SESSION_REPORT: 'Session report',
  DIAGNOSTIC_FOLLOW_UP: 'Diagnostic follow-up review',
};

const sum = <T>(rows: readonly T[], of: (row: T) => number) =>
  rows.reduce((total, row) => total + of(row), 0);

export function summarySheet(data: MiPackData): Sheet {
  return {
    name: 'Summary',
    columns: [
      text('Programme'),
      text('Financial year'),
      text('Generated at'),
      money('Budget'),
      money('Allocation for the year'),
      money('Spend in the year'),
      count('Overdue items (any year)'),
    ],
    rows: [
      [
        data.programme.name,
        data.financialYear,
        data.generatedAt.toISOString(),
        data.programme.budgetPence,
        data.programme.allocationPence,
        data.spend.totalPence,
        data.overdue.length,
      ],
    ],
  };
}

/**
 * Targets against delivery by service line, with a total row: engagements by state, LAs reached,
 * sessions by state, attendance and minutes of approved sessions, and spend.
 */
export function serviceLinesSheet(data: MiPackData): Sheet {
  const lines = [...data.serviceLines].sort((a, b) =>
    compareServiceLines(a.serviceLine, b.serviceLine),
  );
  const engagements = (line: ServiceLine | null, status: string) =>
    sum(
      data.engagements.filter(
        (row) => (line === null || row.serviceLine === line) && row.status === status,
      ),
      (row) => row.engagements,
    );
  const sessions = (line: ServiceLine | null, statuses: readonly string[]) =>
    data.sessions.filter(
      (row) => (line === null || row.serviceLine === line) && statuses.includes(row.status),
    );
  const rowOf = (line: ServiceLine | null): CellValue[] => {
    const approved = sessions(line, ['APPROVED']);
    return [
      ...ENGAGEMENT_STATUSES.map((status) => engagements(line, status)),
      sum(
        data.reached.filter((row) => line === null || row.serviceLine === line),
        (row) => row.localAuthorities,
      ),
      sum(approved, (row) => row.sessions),
      sum(sessions(line, ['SUBMITTED']), (row) => row.sessions),
      sum(sessions(line, ['PLANNED', 'DRAFT', 'RETURNED']), (row) => row.sessions),
      sum(approved, (row) => row.attendance),
      sum(approved, (row) => row.minutes),
      sum(
        data.spend.byServiceLine.filter((row) => line === null || row.serviceLine === line),
        (row) => row.spentPence,
      ),
    ];
  };
  return {
    name: 'Service lines',
    columns: [
      text('Service line'),
      text('Name'),
      count('Target'),
      count('Cap'),
      ...ENGAGEMENT_STATUSES.map((status) => count(`Engagements ${stateName(status)}`)),
      count('LAs reached'),
      count('Sessions approved'),
      count('Sessions awaiting approval'),
      count('Sessions not yet reported'),
      count('Attendance (approved sessions)'),
      count('Minutes (approved sessions)'),
      money('Spend'),
    ],
    rows: [
      ...lines.map((line) => [
        line.serviceLine,
        line.name || SERVICE_LINE_NAMES[line.serviceLine],
        line.target,
        line.cap,
        ...rowOf(line.serviceLine),
      ]),
      ['ALL', 'All service lines', null, null, ...rowOf(null)],
    ],
  };
}

function stateName(status: string): string {
  return status.toLowerCase().replace('_', ' ');
}

/** Reach, delivery and spend by region (spend follows the LA charged). */
export function regionsSheet(data: MiPackData): Sheet {
  const spendOf = (code: string) =>
    sum(
      data.spend.byLocalAuthority.filter((row) => row.regionCode === code),
      (row) => row.spentPence,
    );
  return {
    name: 'Regions',
    columns: [
      text('Region code'),
      text('Region'),
      count('LAs active'),
      count('LAs reached'),
      count('Engagements approved or later'),
      count('Attendance (approved sessions)'),
      money('Spend'),
    ],
    rows: data.regions.map((region) => [
      region.code,
      region.name,
      region.activeLocalAuthorities,
      region.reachedLocalAuthorities,
      region.engagements,
      region.approvedAttendance,
      spendOf(region.code),
    ]),
  };
}

/** The year's spend by service line, LA and contract, each group adding up to the total. */
export function spendSheet(data: MiPackData): Sheet {
  const { spend } = data;
  return {
    name: 'Spend',
    columns: [text('By'), text('Code'), text('Name'), money('Spend')],
    rows: [
      ...[...spend.byServiceLine]
        .sort((a, b) => compareServiceLines(a.serviceLine, b.serviceLine))
        .map((row) => [
          'Service line',
          row.serviceLine,
          SERVICE_LINE_NAMES[row.serviceLine],
          row.spentPence,
        ]),
      ...spend.byLocalAuthority.map((row) => [
        'Local authority',
        row.gssCode,
        row.name,
        row.spentPence,
      ]),
      ...spend.byContract.map((row) => ['Contract', row.reference, row.supplier, row.spentPence]),
      ['Total', null, 'All spend in the year', spend.totalPence],
    ],
  };
}

/**
 * What is overdue on the day the pack is made, of any year (a session of 28 March still a draft
 * in April is late all the same), the longest overdue first, each with its own year.
 */
export function overdueSheet(data: MiPackData): Sheet {
  const items = [...data.overdue].sort(
    (a, b) => a.dueBy.localeCompare(b.dueBy) || a.kind.localeCompare(b.kind),
  );
  return {
    name: 'Overdue',
    columns: [
      text('Item'),
      text('Service line'),
      text('Supplier'),
      text('Contract'),
      text('Local authorities'),
      date('Date'),
      date('Due by'),
      text('Financial year'),
    ],
    rows: items.map((item) => [
      OVERDUE_TITLES[item.kind],
      item.serviceLine,
      item.supplier,
      item.contract,
      item.localAuthorities,
      item.date,
      item.dueBy,
      item.financialYear,
    ]),
  };
}

/** The pack's sheets, in the order they are read. */
export function miPackSheets(data: MiPackData): Sheet[] {
  return [
    summarySheet(data),
    serviceLinesSheet(data),
    regionsSheet(data),
    spendSheet(data),
    overdueSheet(data),
  ];
}
