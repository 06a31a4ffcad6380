import { createHash } from 'node:crypto';
import {
  SCALE_PROGRAMME_ID,
  risingUuidFor,
  ScalePlan,
  scaleProblem,
  scaleYears,
  sessionsPerYear,
  sessionStatus,
  uuidFor,
  weekdayOnOrBefore,
  type ScaleInput,
  type ScaleLocalAuthority,
  type SessionRows,
  type TableRows,
} from './scale-plan.rules';

const REGIONS = [
  { code: 'E12000001', name: 'North East' },
  { code: 'E12000002', name: 'North West' },
  { code: 'E12000003', name: 'Yorkshire and The Humber' },
];

const la = (
  n: number,
  regionCode: string,
  validFrom: string | null = null,
  validTo: string | null = null,
): ScaleLocalAuthority => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  gssCode: `E0600${String(n).padStart(4, '0')}`,
  regionCode,
  validFrom,
  validTo,
});

/** Eighteen LAs in three regions; one abolished at the end of 2023-24, one new in 2025-26. */
const LAS: ScaleLocalAuthority[] = [
  ...Array.from({ length: 16 }, (_, i) => la(i + 1, REGIONS[i % 3].code)),
  la(17, 'E12000001', null, '2024-03-31'),
  la(18, 'E12000002', '2025-04-01', null),
];

const input = (scale: number, seed?: number): ScaleInput => ({
  scale,
  seed,
  localAuthorities: LAS,
  regions: REGIONS,
});

/** Every row the plan makes, in order, sessions included. */
function everything(plan: ScalePlan): { tables: TableRows[]; sessions: SessionRows[] } {
  const reference = plan.referenceTables();
  const sessions = [...plan.sessions()];
  return { tables: [...reference, ...plan.summaryTables()], sessions };
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const tableOf = (tables: TableRows[], name: string) => tables.find((t) => t.table === name)!;
const column = (table: TableRows, name: string) => table.columns.indexOf(name);

describe('scaleProblem', () => {
  it.each(['0', '-1', 'abc', '', ' ', 'NaN', 'Infinity'])('refuses "%s"', (text) => {
    expect(scaleProblem(text)).toMatch(/--scale must be a positive number/);
  });

  it('refuses a scale too large, or too small for one session', () => {
    expect(scaleProblem('51')).toBe('--scale must be at most 50, not 51.');
    expect(scaleProblem('0.000001')).toBe(
      '--scale 0.000001 is too small to hold a single session.',
    );
  });

  it.each(['0.02', '1', '10', '2.5'])('accepts %s', (text) => {
    expect(scaleProblem(text)).toBeNull();
  });
});

describe('scaleYears', () => {
  it('runs whole years that end with 2025-26', () => {
    expect(scaleYears(10)).toEqual([
      '2016-17',
      '2017-18',
      '2018-19',
      '2019-20',
      '2020-21',
      '2021-22',
      '2022-23',
      '2023-24',
      '2024-25',
      '2025-26',
    ]);
    expect(scaleYears(2.5)).toEqual(['2024-25', '2025-26']);
  });

  it('is just 2025-26 below one', () => {
    expect(scaleYears(0.02)).toEqual(['2025-26']);
  });
});

describe('sessionsPerYear', () => {
  it('spreads the scale’s 100,000 sessions a unit evenly over its years', () => {
    expect(sessionsPerYear(1)).toBe(100_000);
    expect(sessionsPerYear(10)).toBe(100_000);
    expect(sessionsPerYear(2.5)).toBe(125_000);
    expect(sessionsPerYear(0.02)).toBe(2_000);
  });
});

describe('uuidFor', () => {
  it('gives the same well-formed id for the same key, and another for another key', () => {
    expect(uuidFor('session:1')).toBe(uuidFor('session:1'));
    expect(uuidFor('session:1')).not.toBe(uuidFor('session:2'));
    expect(uuidFor('session:1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('risingUuidFor', () => {
  it('gives well-formed ids that sort in the order of their index', () => {
    const ids = [0, 1, 255, 256, 70_000, 999_999].map((i) => risingUuidFor('session', i));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(risingUuidFor('session', 7)).toBe(risingUuidFor('session', 7));
  });
});

describe('weekdayOnOrBefore', () => {
  it('moves a weekend back to Friday', () => {
    expect(weekdayOnOrBefore('2025-11-29')).toBe('2025-11-28');
    expect(weekdayOnOrBefore('2025-11-30')).toBe('2025-11-28');
    expect(weekdayOnOrBefore('2025-11-27')).toBe('2025-11-27');
  });
});

describe('sessionStatus', () => {
  it('approves everything more than two months before the end of 2025-26', () => {
    expect(sessionStatus(0.99, '2026-01-29')).toBe('APPROVED');
  });

  it('leaves the last weeks in every state', () => {
    expect(sessionStatus(0.1, '2026-03-20')).toBe('APPROVED');
    expect(sessionStatus(0.5, '2026-03-20')).toBe('SUBMITTED');
    expect(sessionStatus(0.65, '2026-03-20')).toBe('RETURNED');
    expect(sessionStatus(0.8, '2026-03-20')).toBe('DRAFT');
    expect(sessionStatus(0.9, '2026-03-20')).toBe('PLANNED');
  });
});

describe('ScalePlan', () => {
  describe('determinism', () => {
    it('makes identical rows, ids included, for the same scale', () => {
      expect(digest(everything(new ScalePlan(input(0.005))))).toBe(
        digest(everything(new ScalePlan(input(0.005)))),
      );
    });

    it('makes different rows from another seed', () => {
      expect(digest(everything(new ScalePlan(input(0.005, 7))))).not.toBe(
        digest(everything(new ScalePlan(input(0.005)))),
      );
    });
  });

  describe('counts', () => {
    it('has as many sessions as the scale asks, year by year', () => {
      const sut = new ScalePlan(input(0.01));
      expect(sut.totalSessions).toBe(1_000);
      expect([...sut.sessions()]).toHaveLength(1_000);
      expect(new ScalePlan(input(3)).totalSessions).toBe(300_000);
    });

    it('engages only the LAs active in each year, on every line but the capped ones', () => {
      const engagements = tableOf(new ScalePlan(input(3)).referenceTables(), 'engagement');
      const [laAt, yearAt] = [
        column(engagements, 'local_authority_id'),
        column(engagements, 'financial_year'),
      ];
      const count = (year: string, id?: string) =>
        engagements.rows.filter((r) => r[yearAt] === year && (id === undefined || r[laAt] === id))
          .length;
      // 2023-24: 17 LAs (not the new one) on 5 open lines, 12 diagnostics, 15 coached.
      expect(count('2023-24')).toBe(17 * 5 + 12 + 15);
      // 2024-25 and 2025-26: the abolished LA gone; the new one only in 2025-26.
      expect(count('2024-25')).toBe(16 * 5 + 12 + 15);
      expect(count('2025-26')).toBe(17 * 5 + 12 + 15);
      expect(count('2023-24', LAS[16].id)).toBeGreaterThanOrEqual(5);
      expect(count('2024-25', LAS[16].id)).toBe(0);
      expect(count('2024-25', LAS[17].id)).toBe(0);
      expect(count('2025-26', LAS[17].id)).toBeGreaterThanOrEqual(5);
    });
  });

  describe('the rows', () => {
    const sut = new ScalePlan(input(0.02));
    const { tables, sessions } = everything(sut);
    const engagements = tableOf(tables, 'engagement');
    const byId = new Map(engagements.rows.map((r) => [r[0] as string, r]));
    const at = (name: string) => column(engagements, name);
    const s = (name: string) =>
      [
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
      ].indexOf(name);

    it('costs approved sessions, and only those, the sum of their shares', () => {
      for (const { session, shares } of sessions) {
        const cost = session[s('cost_pence')];
        if (session[s('status')] === 'APPROVED') {
          expect(cost).toBe(shares.reduce((sum, share) => sum + (share[2] as number), 0));
        } else {
          expect(cost).toBeNull();
          expect(shares).toEqual([]);
        }
      }
    });

    it('charges at the contracts’ rates, worked by hand', () => {
      const rates = new Set(
        sessions
          .filter(({ session }) => session[s('status')] === 'APPROVED')
          .map(({ session }) =>
            [session[s('rate_unit')], session[s('rate_amount_pence')]].join(' '),
          ),
      );
      // £1,250 and £1,350 a political session, £1,600 and £1,728 a corporate one, £42.50 and
      // £45.90 a head, £110 and £118.80 an hour of targeted support, £95 and £102.60 of coaching.
      const expected = [
        'PER_SESSION 125000',
        'PER_SESSION 135000',
        'PER_SESSION 160000',
        'PER_SESSION 172800',
        'PER_PARTICIPANT 4250',
        'PER_PARTICIPANT 4590',
        'PER_HOUR 11000',
        'PER_HOUR 11880',
        'PER_HOUR 9500',
        'PER_HOUR 10260',
        'PER_DIAGNOSTIC 1850000',
      ];
      for (const rate of rates) expect(expected).toContain(rate);
      expect(rates.size).toBeGreaterThanOrEqual(9);
    });

    it('dates each session in its financial year, its engagements’ year', () => {
      for (const { session, links } of sessions) {
        const day = (session[s('delivered_on')] ?? session[s('planned_on')]) as string;
        expect(day >= '2025-04-01' && day <= '2026-03-31').toBe(true);
        expect(session[s('financial_year')]).toBe('2025-26');
        for (const [, engagementId] of links)
          expect(byId.get(engagementId as string)![at('financial_year')]).toBe('2025-26');
      }
    });

    it('links every session to engagements in delivery on its line and contract', () => {
      for (const { session, links } of sessions) {
        expect(links.length).toBeGreaterThanOrEqual(1);
        for (const [, engagementId] of links) {
          const engagement = byId.get(engagementId as string)!;
          expect(['IN_DELIVERY', 'COMPLETED']).toContain(engagement[at('status')]);
          expect(engagement[at('service_line')]).toBe(session[s('service_line')]);
          expect(engagement[at('contract_id')]).toBe(session[s('contract_id')]);
          const day = (session[s('delivered_on')] ?? session[s('planned_on')]) as string;
          expect(day >= (engagement[at('started_on')] as string)).toBe(true);
          if (engagement[at('completed_on')] !== null)
            expect(day <= (engagement[at('completed_on')] as string)).toBe(true);
        }
      }
    });

    it('records attendance of 1 to 4 roles for each linked LA of a delivered session, none for a planned one', () => {
      for (const { session, links, attendance } of sessions) {
        if (session[s('status')] === 'PLANNED') {
          expect(attendance).toEqual([]);
          continue;
        }
        const las = links.map(([, id]) => byId.get(id as string)![at('local_authority_id')]);
        for (const laId of las) {
          const roles = attendance.filter((a) => a[1] === laId).length;
          expect(roles).toBeGreaterThanOrEqual(1);
          expect(roles).toBeLessThanOrEqual(4);
        }
        expect(attendance.every((a) => las.includes(a[1]))).toBe(true);
      }
    });

    it('has cohorts of several LAs on the group lines', () => {
      const cohorts = sessions.filter(({ links }) => links.length > 1);
      expect(cohorts.length).toBeGreaterThan(100);
      expect(new Set(cohorts.map(({ session }) => session[s('service_line')]))).toEqual(
        new Set(['POLITICAL_LEADERSHIP', 'CORPORATE_LEADERSHIP']),
      );
    });

    it('keeps sessions not yet approved to the last two months', () => {
      const open = sessions.filter(({ session }) => session[s('status')] !== 'APPROVED');
      expect(open.length).toBeGreaterThan(0);
      for (const { session } of open)
        expect(
          ((session[s('delivered_on')] ?? session[s('planned_on')]) as string) >= '2026-01-30',
        ).toBe(true);
      expect(new Set(sessions.map(({ session }) => session[s('status')]))).toEqual(
        new Set(['APPROVED', 'SUBMITTED', 'RETURNED', 'DRAFT', 'PLANNED']),
      );
    });

    it('has diagnostics whose steps follow each other, the final ones costed at £18,500', () => {
      const diagnostics = tableOf(tables, 'diagnostic');
      const d = (row: unknown[], name: string) => row[column(diagnostics, name)];
      expect(diagnostics.rows.length).toBe(12);
      for (const row of diagnostics.rows) {
        const steps = ['planned_on', 'fieldwork_started_on', 'draft_report_on', 'final_report_on']
          .map((name) => d(row, name))
          .filter((day) => day !== null) as string[];
        expect([...steps].sort()).toEqual(steps);
        expect(d(row, 'cost_pence')).toBe(d(row, 'status') === 'FINAL_REPORT' ? 1_850_000 : null);
      }
    });

    it('returns a month for every supplier to February 2026, counting its delivered sessions', () => {
      const returns = tableOf(tables, 'monthly_return');
      expect(returns.rows.length).toBe(12 * 11);
      const reported = returns.rows.reduce(
        (sum, row) => sum + (row[column(returns, 'sessions_delivered')] as number),
        0,
      );
      const delivered = sessions.filter(
        ({ session }) =>
          session[s('status')] !== 'PLANNED' &&
          (session[s('delivered_on')] as string) < '2026-03-01',
      ).length;
      expect(reported).toBe(delivered);
    });

    it('allocates each coached leader at least the hours their sessions used', () => {
      const allocations = tableOf(tables, 'coaching_allocation');
      const used = new Map<string, number>();
      for (const { session, links, attendance } of sessions)
        if (session[s('service_line')] === 'COACHING_MENTORING')
          for (const a of attendance) {
            const key = `${links[0][1] as string}|${a[2] as string}`;
            used.set(key, (used.get(key) ?? 0) + (session[s('duration_minutes')] as number));
          }
      expect(allocations.rows.length).toBe(used.size);
      for (const [engagementId, role, minutes] of allocations.rows)
        expect(minutes as number).toBeGreaterThanOrEqual(
          used.get(`${engagementId as string}|${role as string}`)!,
        );
    });

    it('puts everything in the one programme', () => {
      expect(tableOf(tables, 'programme').rows[0][0]).toBe(SCALE_PROGRAMME_ID);
      expect(
        sessions.every(({ session }) => session[s('programme_id')] === SCALE_PROGRAMME_ID),
      ).toBe(true);
    });
  });
});
