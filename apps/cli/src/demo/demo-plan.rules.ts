import { addDays, dayOfWeek, financialYearOf } from '@la-tracker/domain/calendar';
import type { RateUnit, ServiceLine } from '@la-tracker/domain/programmes';
import type { AttendeeRole, SessionFormat, SessionStatus } from '@la-tracker/domain/sessions';
import type { IsoDate } from '@la-tracker/platform/time';
import { DEMO_ROLES, DEMO_TOPICS } from './demo-content';

/**
 * The demonstration year as data: worked out by pure functions from a seed and the reference data,
 * then applied through the domain services (demo-seeder.ts). More of it (a scale option) is more
 * of the same plan.
 */
export const DEMO_SEED = 20230401;
/** The last full year of the default programme, long past. */
export const DEMO_FINANCIAL_YEAR = '2023-24';
export const DEMO_FIRST_DAY = '2023-04-01';
/** Nothing in the demo happens after this day. */
export const DEMO_LAST_DAY = '2024-03-28';
/** The day lot 7 approvals are decided, and eligibility judged. */
export const COACHING_DECIDED_ON = '2023-05-15';

export interface DemoLocalAuthority {
  gssCode: string;
  name: string;
  regionCode: string;
}

export interface DemoPlanInput {
  seed: number;
  /** The LAs active in the year, in any order. */
  localAuthorities: readonly DemoLocalAuthority[];
  /** ONS codes of the LAs eligible for coaching and mentoring on COACHING_DECIDED_ON. */
  eligibleForCoaching: ReadonlySet<string>;
}

export interface DemoSupplier {
  name: string;
  contacts: Array<{ email: string; name: string }>;
}

export interface DemoContract {
  reference: string;
  supplierName: string;
  lotNumber: number;
  serviceLine: ServiceLine;
  valuePence: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  rate: { unit: RateUnit; amountPence: number };
}

export type DemoEngagementOutcome = 'REFERRED' | 'APPROVED' | 'DECLINED' | 'WITHDRAWN';

export interface DemoEngagement {
  /** Unique in the plan: the LA and the line (one engagement each in the year). */
  key: string;
  gssCode: string;
  serviceLine: ServiceLine;
  contractReference: string;
  referredOn: IsoDate;
  reason: string;
  outcome: DemoEngagementOutcome;
  /** The decision's day, for every outcome but REFERRED. */
  decidedOn: IsoDate | null;
  /** Given for an LA not eligible for an eligible-only line. */
  overrideReason: string | null;
  /** Why it was declined or withdrawn, and the day it was withdrawn. */
  closingReason: string | null;
  closedOn: IsoDate | null;
}

export interface DemoAttendance {
  gssCode: string;
  role: AttendeeRole;
  count: number;
}

export interface DemoSession {
  /** Unique in the plan, so a second run finds the session it made. */
  topic: string;
  contractReference: string;
  supplierName: string;
  engagementKeys: string[];
  /** Delivered on, or planned for when it stays PLANNED. */
  date: IsoDate;
  durationMinutes: number;
  format: SessionFormat;
  attendance: DemoAttendance[];
  state: SessionStatus;
  /** Sent back once with this reason before it was resubmitted and approved. */
  returnedFirst: boolean;
  returnReason: string | null;
  submittedOn: IsoDate;
  decidedOn: IsoDate;
}

export interface DemoParticipant {
  engagementKey: string;
  name: string;
  email: string;
  role: AttendeeRole;
}

/** Hours allocated to a coached leader's role: enough for a session in every month planned. */
export interface DemoCoachingAllocation {
  engagementKey: string;
  role: AttendeeRole;
  minutes: number;
}

/** Nine months of sessions of at most two hours fit within it. */
export const DEMO_COACHING_MINUTES = 20 * 60;

export interface DemoMonthlyReturn {
  supplierName: string;
  month: string;
  submittedOn: IsoDate;
  outcome: 'SUBMITTED' | 'ACCEPTED' | 'RETURNED';
  decidedOn: IsoDate;
  returnReason: string | null;
  note: string;
}

export interface DemoPlan {
  suppliers: DemoSupplier[];
  contracts: DemoContract[];
  engagements: DemoEngagement[];
  sessions: DemoSession[];
  participants: DemoParticipant[];
  coachingAllocations: DemoCoachingAllocation[];
  monthlyReturns: DemoMonthlyReturn[];
}

/** A small seeded generator (mulberry32): the same seed gives the same numbers everywhere. */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** A whole number from min to max inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

/** The first weekday on or after the day. */
export function weekdayFrom(date: IsoDate): IsoDate {
  let day = date;
  while (dayOfWeek(day) === 0 || dayOfWeek(day) === 6) day = addDays(day, 1);
  return day;
}

/** The earlier of a day and the demo's last day. */
export function notAfterLastDay(date: IsoDate): IsoDate {
  return date > DEMO_LAST_DAY ? DEMO_LAST_DAY : date;
}

/** A weekday in the month (`YYYY-MM`), never after the demo's last day. */
function dayIn(random: Random, month: string): IsoDate {
  return notAfterLastDay(weekdayFrom(`${month}-${String(random.int(1, 24)).padStart(2, '0')}`));
}

/** The months of the demo year, April to March. */
export const DEMO_MONTHS: readonly string[] = [
  '2023-04',
  '2023-05',
  '2023-06',
  '2023-07',
  '2023-08',
  '2023-09',
  '2023-10',
  '2023-11',
  '2023-12',
  '2024-01',
  '2024-02',
  '2024-03',
];

const pounds = (amount: number) => Math.round(amount * 100);

const SUPPLIERS: DemoSupplier[] = [
  {
    name: 'Northern Lights Leadership Ltd',
    contacts: [
      { email: 'delivery@northernlights.example', name: 'Delivery team' },
      { email: 'finance@northernlights.example', name: 'Finance team' },
    ],
  },
  {
    name: 'Corporate Parenting Partners LLP',
    contacts: [{ email: 'diagnostics@cpp.example', name: 'Diagnostics desk' }],
  },
  {
    name: 'Civic Coaching Collective',
    contacts: [
      { email: 'coaching@civiccoaching.example', name: 'Coaching coordinator' },
      { email: 'accounts@civiccoaching.example', name: 'Accounts' },
    ],
  },
  {
    name: 'Council Leaders Academy CIC',
    contacts: [{ email: 'programmes@councilleaders.example', name: 'Programme office' }],
  },
];

const contract = (
  reference: string,
  supplier: number,
  lotNumber: number,
  serviceLine: ServiceLine,
  value: number,
  unit: RateUnit,
  rate: number,
): DemoContract => ({
  reference,
  supplierName: SUPPLIERS[supplier].name,
  lotNumber,
  serviceLine,
  valuePence: pounds(value),
  startsOn: DEMO_FIRST_DAY,
  endsOn: '2024-03-31',
  rate: { unit, amountPence: pounds(rate) },
});

/** Sensible values and unit rates for the lots that buy delivery by session, hour or diagnostic. */
const CONTRACTS: DemoContract[] = [
  contract('DEMO-L1', 0, 1, 'POLITICAL_LEADERSHIP', 180_000, 'PER_SESSION', 1_250),
  contract('DEMO-L5', 0, 5, 'COUNCILLOR_GROUPS', 40_000, 'PER_PARTICIPANT', 42.5),
  contract('DEMO-L4', 1, 4, 'CORPORATE_PARENTING_DIAGNOSTIC', 240_000, 'PER_DIAGNOSTIC', 18_500),
  contract('DEMO-L7', 2, 7, 'COACHING_MENTORING', 60_000, 'PER_HOUR', 95),
  contract('DEMO-L6', 2, 6, 'TARGETED_SUPPORT', 90_000, 'PER_HOUR', 110),
  contract('DEMO-L2', 3, 2, 'CORPORATE_LEADERSHIP', 120_000, 'PER_SESSION', 1_600),
];

const contractFor = (line: ServiceLine) => CONTRACTS.find((c) => c.serviceLine === line)!;

const REFERRAL_REASONS = [
  'New lead member after the May elections',
  'Asked for by the director of children’s services',
  'Suggested by the regional improvement alliance',
  'Recent inspection found weak leadership oversight',
];
const DECLINE_REASONS = [
  'Already supported by the regional improvement alliance this year',
  'The council asked to wait until after its restructure',
];
const WITHDRAW_REASONS = ['The lead member stood down', 'The council paused the work'];
const RETURN_REASONS = [
  'Attendance by LA does not match the register',
  'Duration looks like the booked time, not the time delivered',
  'The topic does not say what was covered',
];
const LEADERS = [
  ['Alex', 'Morgan'],
  ['Sam', 'Okafor'],
  ['Jordan', 'Patel'],
  ['Morgan', 'Hughes'],
  ['Riley', 'Campbell'],
  ['Taylor', 'Nwosu'],
];

/** The state a session ends in: most of the year approved, the last months still in hand. */
function sessionState(random: Random, date: IsoDate): SessionStatus {
  const r = random.next();
  if (date < '2024-01-01') return r < 0.08 ? 'RETURNED' : 'APPROVED';
  if (date < '2024-03-01')
    return r < 0.15 ? 'SUBMITTED' : r < 0.25 ? 'RETURNED' : r < 0.35 ? 'DRAFT' : 'APPROVED';
  return r < 0.35 ? 'PLANNED' : r < 0.6 ? 'DRAFT' : r < 0.85 ? 'SUBMITTED' : 'APPROVED';
}

const STATES: readonly SessionStatus[] = ['PLANNED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'];

/** Makes sure every state is shown: a missing one takes the place of the latest approved session. */
export function withEveryState(sessions: DemoSession[]): DemoSession[] {
  const result = [...sessions];
  for (const state of STATES) {
    if (result.some((s) => s.state === state)) continue;
    const i = result.findLastIndex((s) => s.state === 'APPROVED' && !s.returnedFirst);
    if (i >= 0) result[i] = { ...result[i], state, returnReason: null };
  }
  return result.map((s) => ({
    ...s,
    returnReason:
      s.state === 'RETURNED' || s.returnedFirst ? (s.returnReason ?? RETURN_REASONS[0]) : null,
  }));
}

interface EngagementDraft {
  gssCode: string;
  serviceLine: ServiceLine;
  outcome: DemoEngagementOutcome;
  overrideReason?: string | null;
}

function engagementOf(random: Random, draft: EngagementDraft): DemoEngagement {
  // Lot 7 is referred in April, so it is decided on the day its eligibility was judged.
  const referredOn = dayIn(
    random,
    draft.serviceLine === 'COACHING_MENTORING' ? '2023-04' : random.pick(['2023-04', '2023-05']),
  );
  const decided = draft.outcome !== 'REFERRED';
  const decidedOn =
    draft.serviceLine === 'COACHING_MENTORING' && decided
      ? COACHING_DECIDED_ON
      : weekdayFrom(addDays(referredOn, random.int(5, 14)));
  return {
    key: `${draft.gssCode}|${draft.serviceLine}`,
    gssCode: draft.gssCode,
    serviceLine: draft.serviceLine,
    contractReference: contractFor(draft.serviceLine).reference,
    referredOn,
    reason: random.pick(REFERRAL_REASONS),
    outcome: draft.outcome,
    decidedOn: decided ? decidedOn : null,
    overrideReason: draft.overrideReason ?? null,
    closingReason:
      draft.outcome === 'DECLINED'
        ? random.pick(DECLINE_REASONS)
        : draft.outcome === 'WITHDRAWN'
          ? random.pick(WITHDRAW_REASONS)
          : null,
    closedOn: draft.outcome === 'WITHDRAWN' ? dayIn(random, '2023-09') : null,
  };
}

function attendanceFor(
  random: Random,
  line: ServiceLine,
  gssCodes: readonly string[],
): DemoAttendance[] {
  const roles = DEMO_ROLES[line];
  return gssCodes.flatMap((gssCode) =>
    random
      .shuffle(roles)
      .slice(0, random.int(1, 2))
      .map((role) => ({ gssCode, role, count: random.int(1, 3) })),
  );
}

function session(
  random: Random,
  fields: Pick<DemoSession, 'topic' | 'engagementKeys' | 'date' | 'attendance'> & {
    serviceLine: ServiceLine;
    minutes: [number, number];
  },
): DemoSession {
  const c = contractFor(fields.serviceLine);
  const submittedOn = notAfterLastDay(weekdayFrom(addDays(fields.date, random.int(1, 4))));
  const state = sessionState(random, fields.date);
  return {
    topic: fields.topic,
    contractReference: c.reference,
    supplierName: c.supplierName,
    engagementKeys: fields.engagementKeys,
    date: fields.date,
    durationMinutes: 15 * random.int(fields.minutes[0] / 15, fields.minutes[1] / 15),
    format: random.pick<SessionFormat>(['IN_PERSON', 'ONLINE', 'HYBRID']),
    attendance: fields.attendance,
    state,
    returnedFirst: state === 'APPROVED' && fields.date < '2024-01-01' && random.next() < 0.12,
    returnReason: random.pick(RETURN_REASONS),
    submittedOn,
    decidedOn: notAfterLastDay(weekdayFrom(addDays(submittedOn, random.int(2, 8)))),
  };
}

/** Distinct LAs of a region, shuffled. */
const inRegion = (random: Random, las: readonly DemoLocalAuthority[], region: string) =>
  random.shuffle(las.filter((la) => la.regionCode === region));

/**
 * The demonstration year: suppliers, contracts, engagements across regions and lines (most
 * approved, some declined, withdrawn or still referred; lot 7 for eligible LAs, or with an
 * override reason), sessions in every state, the coached leaders, and monthly returns.
 */
export function buildDemoPlan(input: DemoPlanInput): DemoPlan {
  const random = seededRandom(input.seed);
  const las = [...input.localAuthorities].sort((a, b) => a.gssCode.localeCompare(b.gssCode));
  const regions = [...new Set(las.map((la) => la.regionCode))].sort();
  const shuffledRegions = random.shuffle(regions);
  const engagements: DemoEngagement[] = [];
  const sessions: DemoSession[] = [];
  const participants: DemoParticipant[] = [];
  const coachingAllocations: DemoCoachingAllocation[] = [];
  const add = (draft: EngagementDraft) => {
    const engagement = engagementOf(random, draft);
    engagements.push(engagement);
    return engagement;
  };
  /** LAs not yet engaged on the line, from the region given or any. */
  const freeFor = (line: ServiceLine, region?: string) =>
    (region ? inRegion(random, las, region) : random.shuffle(las)).filter(
      (la) => !engagements.some((e) => e.serviceLine === line && e.gssCode === la.gssCode),
    );

  // Cohort lines: LAs of a region learning together, a session every month or two.
  const cohort = (line: ServiceLine, members: DemoLocalAuthority[], name: string) => {
    const cohortEngagements = members.map((la) =>
      add({ gssCode: la.gssCode, serviceLine: line, outcome: 'APPROVED' }),
    );
    const topics = DEMO_TOPICS[line];
    const months = [
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
    ];
    months.slice(months.length - topics.length).forEach((month, i) =>
      sessions.push(
        session(random, {
          serviceLine: line,
          topic: `${topics[i]} (${name})`,
          engagementKeys: cohortEngagements.map((e) => e.key),
          date: dayIn(random, month),
          attendance: attendanceFor(
            random,
            line,
            members.map((la) => la.gssCode),
          ),
          minutes: [120, 360],
        }),
      ),
    );
  };
  shuffledRegions
    .slice(0, 2)
    .forEach((region, i) =>
      cohort(
        'POLITICAL_LEADERSHIP',
        freeFor('POLITICAL_LEADERSHIP', region).slice(0, 4),
        `${regionName(region)} cohort ${i + 1}`,
      ),
    );
  cohort(
    'CORPORATE_LEADERSHIP',
    shuffledRegions.slice(2, 7).map((region) => freeFor('CORPORATE_LEADERSHIP', region)[0]),
    'national cohort',
  );

  // Single-LA lines: a few sessions each, for LAs across the regions.
  const singles = (
    line: ServiceLine,
    regionsAt: number[],
    perLa: [number, number],
    minutes: [number, number],
  ) => {
    regionsAt
      .map((at) => shuffledRegions[at])
      .forEach((region) => {
        const la = freeFor(line, region)[0];
        const engagement = add({ gssCode: la.gssCode, serviceLine: line, outcome: 'APPROVED' });
        const topics = DEMO_TOPICS[line];
        const n = Math.min(random.int(perLa[0], perLa[1]), topics.length);
        const months = random.shuffle(DEMO_MONTHS.slice(3)).slice(0, n).sort();
        months.forEach((month, i) =>
          sessions.push(
            session(random, {
              serviceLine: line,
              topic: `${topics[i]}: ${la.name}`,
              engagementKeys: [engagement.key],
              date: dayIn(random, month),
              attendance: attendanceFor(random, line, [la.gssCode]),
              minutes,
            }),
          ),
        );
      });
  };
  singles('COUNCILLOR_GROUPS', [6, 7, 8], [2, 2], [180, 360]);
  singles('CORPORATE_PARENTING_DIAGNOSTIC', [3, 5, 7], [2, 2], [240, 420]);
  singles('TARGETED_SUPPORT', [0, 4, 8], [4, 6], [120, 240]);

  // Coaching and mentoring: eligible LAs, and one approved with an override reason.
  const eligible = random
    .shuffle(las.filter((la) => input.eligibleForCoaching.has(la.gssCode)))
    .slice(0, 4);
  const override = random.shuffle(
    las.filter((la) => !input.eligibleForCoaching.has(la.gssCode)),
  )[0];
  const coached = [
    ...eligible.map((la) => ({ la, overrideReason: null })),
    {
      la: override,
      overrideReason: 'New leader of the council asked for a mentor after a critical peer review',
    },
  ];
  coached.forEach(({ la, overrideReason }, i) => {
    const engagement = add({
      gssCode: la.gssCode,
      serviceLine: 'COACHING_MENTORING',
      outcome: 'APPROVED',
      overrideReason,
    });
    const role: AttendeeRole = i % 2 === 0 ? 'LEADER_OF_COUNCIL' : 'LEAD_MEMBER';
    coachingAllocations.push({
      engagementKey: engagement.key,
      role,
      minutes: DEMO_COACHING_MINUTES,
    });
    const [first, last] = LEADERS[i % LEADERS.length];
    participants.push({
      engagementKey: engagement.key,
      name: `${first} ${last}`,
      email:
        `${first}.${last}@${la.name.toLowerCase().replace(/[^a-z]+/g, '')}.example`.toLowerCase(),
      role,
    });
    const months = DEMO_MONTHS.slice(3).filter(() => random.next() < 0.7);
    months.forEach((month, n) =>
      sessions.push(
        session(random, {
          serviceLine: 'COACHING_MENTORING',
          topic: `Coaching conversation ${n + 1}: ${la.name}`,
          engagementKeys: [engagement.key],
          date: dayIn(random, month),
          attendance: [{ gssCode: la.gssCode, role, count: 1 }],
          minutes: [45, 120],
        }),
      ),
    );
  });

  // Decisions that went the other way, and referrals still waiting.
  const others: Array<[ServiceLine, DemoEngagementOutcome]> = [
    ['POLITICAL_LEADERSHIP', 'DECLINED'],
    ['POLITICAL_LEADERSHIP', 'REFERRED'],
    ['POLITICAL_LEADERSHIP', 'WITHDRAWN'],
    ['CORPORATE_LEADERSHIP', 'REFERRED'],
    ['COUNCILLOR_GROUPS', 'DECLINED'],
    ['CORPORATE_PARENTING_DIAGNOSTIC', 'WITHDRAWN'],
  ];
  for (const [line, outcome] of others)
    add({ gssCode: freeFor(line)[0].gssCode, serviceLine: line, outcome });
  // Approved lately: its first session planned, its delivery not yet begun.
  const waiting = freeFor('TARGETED_SUPPORT')[0];
  const approved = add({
    gssCode: waiting.gssCode,
    serviceLine: 'TARGETED_SUPPORT',
    outcome: 'APPROVED',
  });
  sessions.push({
    ...session(random, {
      serviceLine: 'TARGETED_SUPPORT',
      topic: `First visit: ${waiting.name}`,
      engagementKeys: [approved.key],
      date: dayIn(random, '2024-03'),
      attendance: [],
      minutes: [120, 180],
    }),
    state: 'PLANNED',
    returnedFirst: false,
  });

  return {
    suppliers: SUPPLIERS,
    contracts: CONTRACTS,
    engagements,
    sessions: withEveryState(
      sessions.sort((a, b) => a.date.localeCompare(b.date) || a.topic.localeCompare(b.topic)),
    ),
    participants,
    coachingAllocations,
    monthlyReturns: monthlyReturns(random),
  };
}

/** Each supplier's returns for April to February: accepted, one sent back, the last awaiting a decision. */
function monthlyReturns(random: Random): DemoMonthlyReturn[] {
  const months = DEMO_MONTHS.slice(0, -1);
  const returned = random.int(0, SUPPLIERS.length - 1);
  const returnedMonth = random.int(3, months.length - 3);
  return SUPPLIERS.flatMap((supplier, s) =>
    months.map((month, m) => {
      const next = DEMO_MONTHS[m + 1];
      const submittedOn = weekdayFrom(`${next}-${String(random.int(2, 6)).padStart(2, '0')}`);
      const outcome =
        m === months.length - 1
          ? 'SUBMITTED'
          : s === returned && m === returnedMonth
            ? 'RETURNED'
            : 'ACCEPTED';
      return {
        supplierName: supplier.name,
        month,
        submittedOn,
        outcome,
        decidedOn: notAfterLastDay(weekdayFrom(addDays(submittedOn, random.int(3, 8)))),
        returnReason: outcome === 'RETURNED' ? 'Spend does not match the approved sessions' : null,
        note: `Delivery for ${month} as recorded in the tracker`,
      } satisfies DemoMonthlyReturn;
    }),
  );
}

const REGION_NAMES: Record<string, string> = {
  E12000001: 'North East',
  E12000002: 'North West',
  E12000003: 'Yorkshire and The Humber',
  E12000004: 'East Midlands',
  E12000005: 'West Midlands',
  E12000006: 'East of England',
  E12000007: 'London',
  E12000008: 'South East',
  E12000009: 'South West',
};

function regionName(code: string): string {
  return REGION_NAMES[code] ?? code;
}

/** Every date the plan holds, to check none falls outside the demo year. */
export function datesOf(plan: DemoPlan): IsoDate[] {
  return [
    ...plan.engagements.flatMap((e) => [e.referredOn, e.decidedOn, e.closedOn]),
    ...plan.sessions.flatMap((s) => [s.date, s.submittedOn, s.decidedOn]),
    ...plan.monthlyReturns.flatMap((r) => [r.submittedOn, r.decidedOn]),
  ].filter((date): date is IsoDate => date !== null);
}

export const inDemoYear = (date: IsoDate) =>
  financialYearOf(date) === DEMO_FINANCIAL_YEAR && date <= DEMO_LAST_DAY;
