import { createHash } from 'node:crypto';
import {
  addDays,
  dayOfWeek,
  diagnosticFollowUpDueOn,
  financialYearBounds,
  financialYearOf,
  type FinancialYear,
} from '@la-tracker/domain/calendar';
import { settleFinalReport } from '@la-tracker/domain/diagnostics';
import {
  DEFAULT_LOTS,
  supplierNameKey,
  type RateUnit,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { costShares, sessionCost, type SessionStatus } from '@la-tracker/domain/sessions';
import type { AttendeeRole } from '@la-tracker/domain/sessions';
import type { IsoDate } from '@la-tracker/platform/time';
import { seededRandom, type Random } from '../demo-plan.rules';
import { DEMO_ROLES, DEMO_TOPICS } from '../demo-content';

/**
 * National-scale demonstration data as rows, worked out by pure functions from a seed, the scale
 * and the reference data (LAs and regions), for a bulk writer to copy straight into the tables.
 * Costs and cost shares come from the product's own rules, so the rows are those it would write.
 * Sessions are generated one at a time, so a million of them never sit in memory together.
 */
export const SCALE_PROGRAMME_NAME = 'Leadership support at national scale';
export const SCALE_SEED = 20250401;
/** The last financial year of the programme, fixed so the data never depends on today. */
export const SCALE_LAST_YEAR: FinancialYear = '2025-26';
/** "Today" for the data: the last year's states are as they stood at its end. */
export const SCALE_AS_OF: IsoDate = '2026-03-31';
/** One programme-year of national delivery. */
export const SESSIONS_PER_SCALE = 100_000;
/** Beyond this the programme would start before any LA data the product holds. */
export const MAX_SCALE = 50;

/** Why a scale given on the command line cannot be used; null when it can. */
export function scaleProblem(text: string): string | null {
  const scale = Number(text);
  if (text.trim() === '' || !Number.isFinite(scale) || scale <= 0)
    return `--scale must be a positive number (1 is about ${SESSIONS_PER_SCALE.toLocaleString('en-GB')} sessions in one year), not "${text}".`;
  if (scale > MAX_SCALE) return `--scale must be at most ${MAX_SCALE}, not ${text}.`;
  if (Math.round(scale * SESSIONS_PER_SCALE) < 1)
    return `--scale ${text} is too small to hold a single session.`;
  return null;
}

/** The whole financial years the programme runs, oldest first, ending with SCALE_LAST_YEAR. */
export function scaleYears(scale: number): FinancialYear[] {
  const count = Math.max(1, Math.floor(scale));
  const last = Number(SCALE_LAST_YEAR.slice(0, 4));
  return Array.from({ length: count }, (_, i) => financialYearOf(`${last - count + 1 + i}-04-01`));
}

/** Sessions in each year: the scale's sessions spread evenly over its years. */
export function sessionsPerYear(scale: number): number {
  return Math.round((scale * SESSIONS_PER_SCALE) / scaleYears(scale).length);
}

/** The same key always gives the same id (a name-based UUID, version 5 layout). */
export function uuidFor(key: string): string {
  const h = createHash('sha1').update(`la-tracker-scale:${key}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Ids that rise with the index (a version 8 UUID of RFC 9562: a prefix for the kind, the index,
 * then the key's hash), so the tables keyed by session grow their primary keys at the end during a
 * load rather than at random places, which is far quicker for millions of rows.
 */
export function risingUuidFor(kind: string, index: number): string {
  const h = createHash('sha1').update(`la-tracker-scale:${kind}:${index}`).digest('hex');
  const prefix = createHash('sha1').update(kind).digest('hex').slice(0, 4);
  const n = index.toString(16).padStart(8, '0');
  const variant = ((parseInt(h[3], 16) & 0x3) | 0x8).toString(16);
  return `${prefix}${n.slice(0, 4)}-${n.slice(4, 8)}-8${h.slice(0, 3)}-${variant}${h.slice(4, 7)}-${h.slice(7, 19)}`;
}

export const SCALE_PROGRAMME_ID = uuidFor('programme');

export interface ScaleLocalAuthority {
  id: string;
  gssCode: string;
  regionCode: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface ScaleInput {
  scale: number;
  seed?: number;
  localAuthorities: readonly ScaleLocalAuthority[];
  regions: ReadonlyArray<{ code: string; name: string }>;
}

/** A table's rows, each in the order of `columns`. */
export interface TableRows {
  table: string;
  columns: readonly string[];
  rows: unknown[][];
}

/** One session and the rows that hang off it. */
export interface SessionRows {
  session: unknown[];
  links: unknown[][];
  attendance: unknown[][];
  shares: unknown[][];
}

export const SESSION_COLUMNS = [
  'id',
  'programme_id',
  'service_line',
  'supplier_id',
  'contract_id',
  'status',
  'planned_on',
  'delivered_on',
  'financial_year',
  'duration_minutes',
  'format',
  'topic',
  'return_reason',
  'submitted_at',
  'approved_at',
  'returned_at',
  'cost_pence',
  'rate_unit',
  'rate_amount_pence',
  'created_at',
  'updated_at',
] as const;
export const SESSION_ENGAGEMENT_COLUMNS = ['session_id', 'engagement_id', 'session_on'] as const;
export const SESSION_ATTENDANCE_COLUMNS = [
  'session_id',
  'local_authority_id',
  'role',
  'count',
] as const;
export const SESSION_COST_SHARE_COLUMNS = [
  'session_id',
  'local_authority_id',
  'amount_pence',
] as const;

interface ScaleContract {
  id: string;
  reference: string;
  supplierIndex: number;
  lotNumber: number;
  serviceLine: ServiceLine;
  rate: { unit: RateUnit; amountPence: number };
}

interface ScaleEngagement {
  id: string;
  la: ScaleLocalAuthority;
  serviceLine: ServiceLine;
  financialYear: FinancialYear;
  contract: ScaleContract;
  status: EngagementStatus;
  /** The days sessions may fall on; null when the engagement has none. */
  deliveryFrom: IsoDate | null;
  deliveryTo: IsoDate | null;
}

type EngagementStatus =
  'REFERRED' | 'APPROVED' | 'IN_DELIVERY' | 'COMPLETED' | 'DECLINED' | 'WITHDRAWN';

const SUPPLIER_NAMES = [
  'Pennine Leadership Ltd',
  'Civic Futures Partnership',
  'Civic Leaders Institute CIC',
  'Public Service Leadership Ltd',
  'Regional Networks Forum',
  'Corporate Parenting Review LLP',
  'Councillor Development Trust',
  'Member Learning Co-operative',
  'Improvement Associates Ltd',
  'Children First Advisers LLP',
  'Town Hall Coaching Collective',
  'Leading Well Mentoring Ltd',
] as const;

/** Each lot's suppliers (by index) and rate; a line with two suppliers splits the regions. */
const LOT_SUPPLY: Record<ServiceLine, { suppliers: number[]; unit: RateUnit; pence: number }> = {
  POLITICAL_LEADERSHIP: { suppliers: [0, 1], unit: 'PER_SESSION', pence: 125_000 },
  CORPORATE_LEADERSHIP: { suppliers: [2, 3], unit: 'PER_SESSION', pence: 160_000 },
  LEAD_MEMBER_NETWORKS: { suppliers: [4], unit: 'FIXED', pence: 4_500_000 },
  CORPORATE_PARENTING_DIAGNOSTIC: { suppliers: [5], unit: 'PER_DIAGNOSTIC', pence: 1_850_000 },
  COUNCILLOR_GROUPS: { suppliers: [6, 7], unit: 'PER_PARTICIPANT', pence: 4_250 },
  TARGETED_SUPPORT: { suppliers: [8, 9], unit: 'PER_HOUR', pence: 11_000 },
  COACHING_MENTORING: { suppliers: [10, 11], unit: 'PER_HOUR', pence: 9_500 },
};

/** How a year's sessions divide among the lines that deliver by session. */
const SESSION_LINES: ReadonlyArray<[ServiceLine, number]> = [
  ['POLITICAL_LEADERSHIP', 0.3],
  ['CORPORATE_LEADERSHIP', 0.28],
  ['COUNCILLOR_GROUPS', 0.16],
  ['TARGETED_SUPPORT', 0.22],
  ['COACHING_MENTORING', 0.035],
  ['CORPORATE_PARENTING_DIAGNOSTIC', 0.005],
];

/** Lines delivered to cohorts of LAs of one region at once. */
const COHORT_LINES: ReadonlySet<ServiceLine> = new Set([
  'POLITICAL_LEADERSHIP',
  'CORPORATE_LEADERSHIP',
]);

/** Diagnostics a year (lot 4's target), and coached LAs a year (lot 7's cap). */
export const DIAGNOSTICS_PER_YEAR = 12;
export const COACHED_PER_YEAR = 15;
export const MEETINGS_PER_NETWORK_PER_YEAR = 6;

const REFERRAL_REASONS = [
  'New lead member after the May elections',
  'Asked for by the director of children’s services',
  'Suggested by the regional improvement alliance',
];
const DECLINE_REASON = 'Already supported by the regional improvement alliance this year';
const WITHDRAW_REASON = 'The council paused the work';
const RETURN_REASONS = [
  'Attendance by LA does not match the register',
  'The topic does not say what was covered',
];
const FORMATS = ['IN_PERSON', 'ONLINE', 'HYBRID'] as const;

const at = (day: IsoDate, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;

/** The nearest weekday on or before the day. */
export function weekdayOnOrBefore(day: IsoDate): IsoDate {
  const weekday = dayOfWeek(day);
  return weekday === 0 ? addDays(day, -2) : weekday === 6 ? addDays(day, -1) : day;
}

/** Days from one date to another. */
function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** True when the LA exists on any day of the year (an LA's changes fall on 1 April). */
export function activeInYear(la: ScaleLocalAuthority, year: FinancialYear): boolean {
  const { startsOn, endsOn } = financialYearBounds(year);
  return (
    (la.validFrom === null || la.validFrom <= endsOn) &&
    (la.validTo === null || la.validTo >= startsOn)
  );
}

/** What a supplier's month came to, for its monthly return. */
interface MonthTally {
  sessions: number;
  participants: number;
  spendPence: number;
}

/**
 * The plan for one scale: the small tables at once, the sessions as a stream, and then the rows
 * that sum up the sessions (coaching hours used, monthly returns).
 */
export class ScalePlan {
  readonly years: FinancialYear[];
  readonly sessionsPerYear: number;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
  private readonly seed: number;
  private readonly contracts: ScaleContract[];
  private readonly engagements: ScaleEngagement[] = [];
  private readonly tallies = new Map<string, MonthTally>();
  private readonly coachedMinutes = new Map<string, number>();
  private sessionsDone = false;

  constructor(private readonly input: ScaleInput) {
    this.seed = input.seed ?? SCALE_SEED;
    this.years = scaleYears(input.scale);
    this.sessionsPerYear = sessionsPerYear(input.scale);
    this.startsOn = financialYearBounds(this.years[0]).startsOn;
    this.endsOn = financialYearBounds(SCALE_LAST_YEAR).endsOn;
    this.contracts = this.planContracts();
    const random = seededRandom(this.seed);
    for (const year of this.years) this.planEngagements(random, year);
  }

  /** Every session, with its links, attendance and cost shares: the scale's bulk. */
  get totalSessions(): number {
    return this.sessionsPerYear * this.years.length;
  }

  private regionIndex(code: string): number {
    return this.input.regions.findIndex((region) => region.code === code);
  }

  private planContracts(): ScaleContract[] {
    return DEFAULT_LOTS.flatMap((lot) =>
      LOT_SUPPLY[lot.serviceLine].suppliers.map((supplierIndex, i) => {
        const supply = LOT_SUPPLY[lot.serviceLine];
        const reference = `NAT-L${lot.number}-${String.fromCharCode(65 + i)}`;
        return {
          id: uuidFor(`contract:${reference}`),
          reference,
          supplierIndex,
          lotNumber: lot.number,
          serviceLine: lot.serviceLine,
          // A second supplier on a lot bid a little higher.
          rate: {
            unit: supply.unit,
            amountPence: Math.round((supply.pence * (100 + 8 * i)) / 100),
          },
        };
      }),
    );
  }

  /** The contract an LA's engagement on the line runs under: the regions are split between suppliers. */
  private contractFor(line: ServiceLine, la: ScaleLocalAuthority): ScaleContract {
    const options = this.contracts.filter((c) => c.serviceLine === line);
    return options[this.regionIndex(la.regionCode) % options.length];
  }

  private planEngagements(random: Random, year: FinancialYear): void {
    const { startsOn, endsOn } = financialYearBounds(year);
    const last = year === SCALE_LAST_YEAR;
    const active = this.input.localAuthorities
      .filter((la) => activeInYear(la, year))
      .sort((a, b) => (a.gssCode < b.gssCode ? -1 : 1));
    const diagnosed = new Set(random.shuffle(active).slice(0, DIAGNOSTICS_PER_YEAR));
    const coached = new Set(random.shuffle(active).slice(0, COACHED_PER_YEAR));
    for (const la of active)
      for (const lot of DEFAULT_LOTS) {
        const line = lot.serviceLine;
        if (line === 'CORPORATE_PARENTING_DIAGNOSTIC' && !diagnosed.has(la)) continue;
        if (line === 'COACHING_MENTORING' && !coached.has(la)) continue;
        const roll = random.next();
        // Diagnostics and coaching are chosen places: those LAs take them up.
        const chosen = line === 'CORPORATE_PARENTING_DIAGNOSTIC' || line === 'COACHING_MENTORING';
        let status: EngagementStatus;
        if (!last)
          status = chosen || roll < 0.9 ? 'COMPLETED' : roll < 0.95 ? 'DECLINED' : 'WITHDRAWN';
        else if (chosen) status = roll < 0.5 ? 'COMPLETED' : 'IN_DELIVERY';
        else
          status =
            roll < 0.3
              ? 'COMPLETED'
              : roll < 0.8
                ? 'IN_DELIVERY'
                : roll < 0.87
                  ? 'APPROVED'
                  : roll < 0.93
                    ? 'REFERRED'
                    : roll < 0.97
                      ? 'DECLINED'
                      : 'WITHDRAWN';
        const referredOn = addDays(startsOn, random.int(0, 40));
        const decidedOn = addDays(referredOn, random.int(5, 15));
        const startedOn = addDays(decidedOn, random.int(5, 20));
        const completedOn =
          status !== 'COMPLETED'
            ? null
            : last
              ? addDays(SCALE_AS_OF, -random.int(20, 90))
              : addDays(endsOn, -random.int(0, 20));
        const delivering = status === 'COMPLETED' || status === 'IN_DELIVERY';
        const engagement: ScaleEngagement & { row: unknown[] } = {
          id: uuidFor(`engagement:${year}:${la.gssCode}:${line}`),
          la,
          serviceLine: line,
          financialYear: year,
          contract: this.contractFor(line, la),
          status,
          deliveryFrom: delivering ? startedOn : null,
          deliveryTo: delivering ? (completedOn ?? (last ? SCALE_AS_OF : endsOn)) : null,
          row: [],
        };
        const decided = status !== 'REFERRED';
        const contracted = decided && status !== 'DECLINED';
        const stamp = at(completedOn ?? (decided ? decidedOn : referredOn));
        engagement.row = [
          engagement.id,
          SCALE_PROGRAMME_ID,
          line,
          la.id,
          year,
          status,
          random.pick(REFERRAL_REASONS),
          referredOn,
          contracted ? engagement.contract.id : null,
          decided ? decidedOn : null,
          status === 'DECLINED' ? DECLINE_REASON : null,
          delivering ? startedOn : null,
          completedOn,
          status === 'WITHDRAWN' ? addDays(decidedOn, 30) : null,
          status === 'WITHDRAWN' ? WITHDRAW_REASON : null,
          at(referredOn),
          stamp,
        ];
        this.engagements.push(engagement);
      }
  }

  /** Everything but the sessions and what sums them up, in the order the tables depend on. */
  referenceTables(): TableRows[] {
    const random = seededRandom(this.seed + 1);
    const created = at(this.startsOn, 9);
    const budgetPerYear = 3_000_000_000;
    const suppliers = SUPPLIER_NAMES.map((name, i) => ({
      id: uuidFor(`supplier:${i}`),
      name,
      key: supplierNameKey(name),
    }));
    const lots = DEFAULT_LOTS.map((lot) => ({ ...lot, id: uuidFor(`lot:${lot.number}`) }));
    const networks = this.input.regions.map((region) => ({
      ...region,
      id: uuidFor(`network:${region.code}`),
    }));
    const networkContract = this.contracts.find((c) => c.serviceLine === 'LEAD_MEMBER_NETWORKS')!;
    const meetings: unknown[][] = [];
    const meetingAttendance: unknown[][] = [];
    for (const year of this.years) {
      const { startsOn } = financialYearBounds(year);
      for (const network of networks) {
        const las = this.input.localAuthorities
          .filter((la) => la.regionCode === network.code && activeInYear(la, year))
          .sort((a, b) => (a.gssCode < b.gssCode ? -1 : 1));
        for (let m = 0; m < MEETINGS_PER_NETWORK_PER_YEAR; m += 1) {
          const heldOn = weekdayOnOrBefore(addDays(startsOn, 20 + m * 60 + random.int(0, 20)));
          if (heldOn > SCALE_AS_OF) continue;
          const id = uuidFor(`meeting:${year}:${network.code}:${m}`);
          meetings.push([
            id,
            network.id,
            SCALE_PROGRAMME_ID,
            network.code,
            networkContract.id,
            suppliers[networkContract.supplierIndex].id,
            heldOn,
            financialYearOf(heldOn),
            [
              random.pick(DEMO_TOPICS.LEAD_MEMBER_NETWORKS),
              random.pick(DEMO_TOPICS.POLITICAL_LEADERSHIP),
            ],
            at(heldOn, 17),
          ]);
          for (const la of las) if (random.next() < 0.7) meetingAttendance.push([id, la.id]);
        }
      }
    }
    return [
      {
        table: 'programme',
        columns: [
          'id',
          'name',
          'contracting_authority',
          'starts_on',
          'ends_on',
          'budget_pence',
          'created_at',
          'updated_at',
        ],
        rows: [
          [
            SCALE_PROGRAMME_ID,
            SCALE_PROGRAMME_NAME,
            'Department for Education',
            this.startsOn,
            this.endsOn,
            budgetPerYear * this.years.length,
            created,
            created,
          ],
        ],
      },
      {
        table: 'budget_allocation',
        columns: ['programme_id', 'financial_year', 'amount_pence'],
        rows: this.years.map((year) => [SCALE_PROGRAMME_ID, year, budgetPerYear]),
      },
      {
        table: 'lot',
        columns: ['id', 'programme_id', 'number', 'title', 'valid_from', 'valid_to'],
        rows: lots.map((lot) => [
          lot.id,
          SCALE_PROGRAMME_ID,
          lot.number,
          lot.title,
          this.startsOn,
          null,
        ]),
      },
      {
        table: 'lot_service_line',
        columns: ['lot_id', 'service_line'],
        rows: lots.map((lot) => [lot.id, lot.serviceLine]),
      },
      {
        table: 'programme_service_line',
        columns: ['id', 'programme_id', 'service_line', 'name'],
        rows: lots.map((lot) => [
          uuidFor(`line:${lot.serviceLine}`),
          SCALE_PROGRAMME_ID,
          lot.serviceLine,
          lot.title,
        ]),
      },
      {
        table: 'service_line_target',
        columns: [
          'id',
          'programme_id',
          'service_line',
          'financial_year',
          'target_basis',
          'target',
          'cap',
          'effective_from',
          'created_at',
        ],
        rows: this.years.flatMap((year) =>
          lots.map((lot) => [
            uuidFor(`target:${year}:${lot.serviceLine}`),
            SCALE_PROGRAMME_ID,
            lot.serviceLine,
            year,
            lot.targetBasis,
            lot.target,
            lot.cap,
            this.startsOn,
            created,
          ]),
        ),
      },
      {
        table: 'supplier',
        columns: ['id', 'name', 'name_key', 'created_at'],
        rows: suppliers.map((s) => [s.id, s.name, s.key, created]),
      },
      {
        table: 'supplier_contact',
        columns: ['id', 'supplier_id', 'email', 'name', 'created_at'],
        rows: suppliers.map((s, i) => [
          uuidFor(`contact:${i}`),
          s.id,
          `delivery@supplier-${i + 1}.example`,
          'Delivery team',
          created,
        ]),
      },
      {
        table: 'contract',
        columns: [
          'id',
          'programme_id',
          'supplier_id',
          'lot_id',
          'reference',
          'value_pence',
          'starts_on',
          'ends_on',
          'created_at',
          'updated_at',
        ],
        rows: this.contracts.map((c) => [
          c.id,
          SCALE_PROGRAMME_ID,
          suppliers[c.supplierIndex].id,
          lots.find((lot) => lot.number === c.lotNumber)!.id,
          c.reference,
          400_000_000 * this.years.length,
          this.startsOn,
          this.endsOn,
          created,
          created,
        ]),
      },
      {
        table: 'contract_rate',
        columns: ['contract_id', 'service_line', 'unit', 'amount_pence'],
        rows: this.contracts.map((c) => [c.id, c.serviceLine, c.rate.unit, c.rate.amountPence]),
      },
      {
        table: 'engagement',
        columns: ENGAGEMENT_COLUMNS,
        rows: this.engagements.map((e) => (e as ScaleEngagement & { row: unknown[] }).row),
      },
      {
        table: 'diagnostic',
        columns: DIAGNOSTIC_COLUMNS,
        rows: this.diagnosticRows(suppliers.map((s) => s.id)),
      },
      {
        table: 'lead_member_network',
        columns: ['id', 'programme_id', 'region_code', 'name', 'created_at'],
        rows: networks.map((n) => [
          n.id,
          SCALE_PROGRAMME_ID,
          n.code,
          `${n.name} Lead Member network (national scale)`,
          created,
        ]),
      },
      {
        table: 'network_meeting',
        columns: [
          'id',
          'network_id',
          'programme_id',
          'region_code',
          'contract_id',
          'supplier_id',
          'held_on',
          'financial_year',
          'topics',
          'recorded_at',
        ],
        rows: meetings,
      },
      {
        table: 'network_meeting_attendance',
        columns: ['meeting_id', 'local_authority_id'],
        rows: meetingAttendance,
      },
    ];
  }

  /** A diagnostic for each engaged diagnostic place, its steps as far as the engagement went. */
  private diagnosticRows(supplierIds: string[]): unknown[][] {
    return this.engagements
      .filter((e) => e.serviceLine === 'CORPORATE_PARENTING_DIAGNOSTIC' && e.deliveryFrom !== null)
      .map((e) => {
        const planned = e.deliveryFrom!;
        const fieldwork = addDays(planned, 14);
        const draft = addDays(fieldwork, 60);
        const final = addDays(draft, 30);
        const reached = (day: IsoDate) => e.status === 'COMPLETED' || day <= SCALE_AS_OF;
        const status =
          e.status === 'COMPLETED' || reached(final)
            ? 'FINAL_REPORT'
            : reached(draft)
              ? 'DRAFT_REPORT'
              : reached(fieldwork)
                ? 'FIELDWORK'
                : 'PLANNED';
        const settled =
          status === 'FINAL_REPORT' ? settleFinalReport(e.contract.rate, final) : null;
        return [
          uuidFor(`diagnostic:${e.id}`),
          SCALE_PROGRAMME_ID,
          e.serviceLine,
          e.id,
          e.la.id,
          supplierIds[e.contract.supplierIndex],
          e.contract.id,
          e.financialYear,
          status,
          planned,
          status === 'PLANNED' ? null : fieldwork,
          status === 'DRAFT_REPORT' || status === 'FINAL_REPORT' ? draft : null,
          settled ? final : null,
          settled ? diagnosticFollowUpDueOn(final) : null,
          settled?.costPence ?? null,
          settled?.rate?.unit ?? null,
          settled?.rate?.amountPence ?? null,
          settled?.costedOn ?? null,
          settled?.costFinancialYear ?? null,
          at(planned),
          at(settled?.costedOn ?? planned),
        ];
      });
  }

  /** The sessions, year by year, generated as they are read. */
  *sessions(): Generator<SessionRows> {
    const random = seededRandom(this.seed + 2);
    const supplierIds = SUPPLIER_NAMES.map((_, i) => uuidFor(`supplier:${i}`));
    let index = 0;
    for (const year of this.years) {
      const pools = new Map<
        ServiceLine,
        { all: ScaleEngagement[]; byRegion: Map<string, ScaleEngagement[]> }
      >();
      for (const [line] of SESSION_LINES) {
        const all = this.engagements.filter(
          (e) => e.financialYear === year && e.serviceLine === line && e.deliveryFrom !== null,
        );
        const byRegion = new Map<string, ScaleEngagement[]>();
        for (const e of all)
          byRegion.set(e.la.regionCode, [...(byRegion.get(e.la.regionCode) ?? []), e]);
        pools.set(line, { all, byRegion });
      }
      for (let n = 0; n < this.sessionsPerYear; n += 1) {
        const line = pickLine(random.next(), pools);
        const pool = pools.get(line)!;
        const lead = random.pick(pool.all);
        const covered = [lead];
        if (COHORT_LINES.has(line)) {
          const region = pool.byRegion.get(lead.la.regionCode)!;
          const size = Math.min(region.length, random.int(2, 6));
          for (const e of random.shuffle(region))
            if (covered.length < size && e !== lead) covered.push(e);
        }
        const from = covered.reduce(
          (d, e) => (e.deliveryFrom! > d ? e.deliveryFrom! : d),
          lead.deliveryFrom!,
        );
        const to = covered.reduce(
          (d, e) => (e.deliveryTo! < d ? e.deliveryTo! : d),
          lead.deliveryTo!,
        );
        // A cohort whose members' windows do not meet is just its lead LA.
        const group = from <= to ? covered : [lead];
        const start = from <= to ? from : lead.deliveryFrom!;
        const end = from <= to ? to : lead.deliveryTo!;
        let day = weekdayOnOrBefore(addDays(start, random.int(0, daysBetween(start, end))));
        if (day < start) day = start;
        yield this.session(random, index, line, group, day, supplierIds);
        index += 1;
      }
    }
    this.sessionsDone = true;
  }

  private session(
    random: Random,
    index: number,
    line: ServiceLine,
    group: ScaleEngagement[],
    day: IsoDate,
    supplierIds: string[],
  ): SessionRows {
    const id = risingUuidFor('session', index);
    const contract = group[0].contract;
    const status = sessionStatus(random.next(), day);
    const returnedFirst = status === 'APPROVED' && random.next() < 0.03;
    const durationMinutes =
      line === 'COACHING_MENTORING' ? random.pick([60, 90]) : random.pick([60, 90, 120, 180, 240]);
    const attendance: Array<{ localAuthorityId: string; role: AttendeeRole; count: number }> = [];
    if (status !== 'PLANNED')
      for (const e of group) {
        const roles =
          line === 'COACHING_MENTORING'
            ? [random.pick(DEMO_ROLES[line])]
            : random.shuffle(DEMO_ROLES[line]).slice(0, random.int(1, 4));
        for (const role of roles)
          attendance.push({
            localAuthorityId: e.la.id,
            role,
            count:
              line === 'COUNCILLOR_GROUPS' && role === 'COUNCILLOR'
                ? random.int(3, 12)
                : line === 'COACHING_MENTORING'
                  ? 1
                  : random.int(1, 3),
          });
      }
    const headcount = attendance.reduce((sum, a) => sum + a.count, 0);
    const cost =
      status === 'APPROVED' ? sessionCost(contract.rate, { durationMinutes, headcount }) : null;
    const shares = cost ? costShares(cost.pence, attendance) : [];
    const submitted =
      status === 'PLANNED' || status === 'DRAFT' ? null : at(addDays(day, random.int(1, 5)), 12);
    const returned = status === 'RETURNED' || returnedFirst ? at(addDays(day, 7), 14) : null;
    const approved =
      status === 'APPROVED' ? at(addDays(day, returnedFirst ? 12 : random.int(6, 10)), 15) : null;
    const topic = random.pick(DEMO_TOPICS[line]);
    const format = random.pick(FORMATS);
    const supplierId = supplierIds[contract.supplierIndex];
    if (status !== 'PLANNED') {
      const key = `${supplierId}|${day.slice(0, 7)}`;
      const tally = this.tallies.get(key) ?? { sessions: 0, participants: 0, spendPence: 0 };
      tally.sessions += 1;
      tally.participants += headcount;
      tally.spendPence += cost?.pence ?? 0;
      this.tallies.set(key, tally);
    }
    if (line === 'COACHING_MENTORING')
      for (const a of attendance) {
        const key = `${group[0].id}|${a.role}`;
        this.coachedMinutes.set(key, (this.coachedMinutes.get(key) ?? 0) + durationMinutes);
      }
    return {
      session: [
        id,
        SCALE_PROGRAMME_ID,
        line,
        supplierId,
        contract.id,
        status,
        status === 'PLANNED' ? day : null,
        status === 'PLANNED' ? null : day,
        financialYearOf(day),
        durationMinutes,
        format,
        topic,
        status === 'RETURNED' || returnedFirst ? random.pick(RETURN_REASONS) : null,
        submitted,
        approved,
        returned,
        cost?.pence ?? null,
        cost?.rate?.unit ?? null,
        cost?.rate?.amountPence ?? null,
        at(day, 17),
        approved ?? returned ?? submitted ?? at(day, 17),
      ],
      links: group.map((e) => [id, e.id, day]),
      attendance: attendance.map((a) => [id, a.localAuthorityId, a.role, a.count]),
      shares: shares.map((s) => [id, s.localAuthorityId, s.amountPence]),
    };
  }

  /** Coaching hours allocated and monthly returns: read once every session has been generated. */
  summaryTables(): TableRows[] {
    if (!this.sessionsDone) throw new Error('The sessions must be generated before their summary.');
    const random = seededRandom(this.seed + 3);
    const allocations = [...this.coachedMinutes].map(([key, minutes]) => {
      const [engagementId, role] = key.split('|');
      // Hours are allocated in blocks of ten, enough for what was used.
      const allocated = Math.ceil(minutes / 600) * 600;
      return [engagementId, role, allocated, at(this.startsOn, 9), at(this.startsOn, 9)];
    });
    const lastMonth = addDays(SCALE_AS_OF.slice(0, 8) + '01', -1).slice(0, 7);
    const returns: unknown[][] = [];
    const supplierIds = SUPPLIER_NAMES.map((_, i) => uuidFor(`supplier:${i}`));
    for (const supplierId of supplierIds)
      for (
        let month = this.startsOn.slice(0, 7);
        month <= lastMonth;
        month = addDays(`${month}-28`, 7).slice(0, 7)
      ) {
        const tally = this.tallies.get(`${supplierId}|${month}`) ?? {
          sessions: 0,
          participants: 0,
          spendPence: 0,
        };
        const submittedOn = weekdayOnOrBefore(addDays(`${month}-01`, 36));
        // The last two months' returns are still being decided.
        const recent = month >= addDays(`${lastMonth}-01`, -1).slice(0, 7);
        const roll = random.next();
        const status = recent
          ? roll < 0.7
            ? 'SUBMITTED'
            : roll < 0.85
              ? 'RETURNED'
              : 'ACCEPTED'
          : 'ACCEPTED';
        const decided = status === 'SUBMITTED' ? null : at(addDays(submittedOn, 4), 11);
        returns.push([
          uuidFor(`return:${supplierId}:${month}`),
          SCALE_PROGRAMME_ID,
          supplierId,
          `${month}-01`,
          status,
          tally.sessions,
          tally.participants,
          tally.spendPence,
          status === 'RETURNED' ? 'The spend does not match the approved sessions' : null,
          at(submittedOn, 9),
          at(submittedOn, 9),
          decided,
          at(submittedOn, 9),
          decided ?? at(submittedOn, 9),
        ]);
      }
    return [
      {
        table: 'coaching_allocation',
        columns: ['engagement_id', 'role', 'allocated_minutes', 'created_at', 'updated_at'],
        rows: allocations,
      },
      {
        table: 'monthly_return',
        columns: [
          'id',
          'programme_id',
          'supplier_id',
          'month',
          'status',
          'sessions_delivered',
          'participants',
          'spend_pence',
          'return_reason',
          'first_submitted_at',
          'submitted_at',
          'decided_at',
          'created_at',
          'updated_at',
        ],
        rows: returns,
      },
    ];
  }
}

const ENGAGEMENT_COLUMNS = [
  'id',
  'programme_id',
  'service_line',
  'local_authority_id',
  'financial_year',
  'status',
  'referral_reason',
  'referred_on',
  'contract_id',
  'decided_on',
  'decline_reason',
  'started_on',
  'completed_on',
  'withdrawn_on',
  'withdrawal_reason',
  'created_at',
  'updated_at',
] as const;

const DIAGNOSTIC_COLUMNS = [
  'id',
  'programme_id',
  'service_line',
  'engagement_id',
  'local_authority_id',
  'supplier_id',
  'contract_id',
  'financial_year',
  'status',
  'planned_on',
  'fieldwork_started_on',
  'draft_report_on',
  'final_report_on',
  'follow_up_due_on',
  'cost_pence',
  'rate_unit',
  'rate_amount_pence',
  'costed_on',
  'cost_financial_year',
  'created_at',
  'updated_at',
] as const;

function pickLine(roll: number, pools: Map<ServiceLine, { all: ScaleEngagement[] }>): ServiceLine {
  const open = SESSION_LINES.filter(([line]) => pools.get(line)!.all.length > 0);
  const total = open.reduce((sum, [, weight]) => sum + weight, 0);
  let left = roll * total;
  for (const [line, weight] of open) {
    left -= weight;
    if (left < 0) return line;
  }
  return open[open.length - 1][0];
}

/**
 * The state a session stands in on SCALE_AS_OF: long past ones approved; the last two months
 * still moving through submission, return and approval, and some of March only planned.
 */
export function sessionStatus(roll: number, day: IsoDate): SessionStatus {
  const daysBefore = daysBetween(day, SCALE_AS_OF);
  if (daysBefore > 60) return 'APPROVED';
  if (daysBefore > 30)
    return roll < 0.75 ? 'APPROVED' : roll < 0.9 ? 'SUBMITTED' : roll < 0.95 ? 'RETURNED' : 'DRAFT';
  return roll < 0.35
    ? 'APPROVED'
    : roll < 0.6
      ? 'SUBMITTED'
      : roll < 0.7
        ? 'RETURNED'
        : roll < 0.85
          ? 'DRAFT'
          : 'PLANNED';
}
