import {
  buildDemoPlan,
  datesOf,
  DEMO_LAST_DAY,
  inDemoYear,
  seededRandom,
  weekdayFrom,
  withEveryState,
  type DemoLocalAuthority,
  type DemoPlanInput,
  type DemoSession,
} from './demo-plan.rules';

/** Six LAs in each of the nine regions; the first of each region eligible for coaching. */
const LAS: DemoLocalAuthority[] = Array.from({ length: 9 }, (_, r) =>
  Array.from({ length: 6 }, (_, i) => ({
    gssCode: `E0${r + 1}00000${i + 1}`,
    name: `Council ${r + 1}-${i + 1}`,
    regionCode: `E1200000${r + 1}`,
  })),
).flat();
const ELIGIBLE = new Set(LAS.filter((la) => la.gssCode.endsWith('1')).map((la) => la.gssCode));
const input: DemoPlanInput = { seed: 7, localAuthorities: LAS, eligibleForCoaching: ELIGIBLE };

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, and others for another', () => {
    const take = (seed: number) => {
      const sut = seededRandom(seed);
      return [sut.next(), sut.next(), sut.int(1, 6), sut.pick(['a', 'b', 'c'])];
    };
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
  });

  it('keeps whole numbers within their bounds and shuffles without losing any', () => {
    const sut = seededRandom(3);
    const rolls = Array.from({ length: 500 }, () => sut.int(2, 4));
    expect(new Set(rolls)).toEqual(new Set([2, 3, 4]));
    expect(sut.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('weekdayFrom', () => {
  it.each([
    ['2023-07-07', '2023-07-07'], // a Friday
    ['2023-07-08', '2023-07-10'], // Saturday to Monday
    ['2023-07-09', '2023-07-10'],
  ])('%s gives %s', (day, weekday) => {
    expect(weekdayFrom(day)).toBe(weekday);
  });
});

describe('withEveryState', () => {
  const base: DemoSession = {
    topic: 't',
    contractReference: 'C',
    supplierName: 'S',
    engagementKeys: ['e'],
    date: '2023-07-03',
    durationMinutes: 60,
    format: 'ONLINE',
    attendance: [],
    state: 'APPROVED',
    returnedFirst: false,
    returnReason: 'Wrong date',
    submittedOn: '2023-07-04',
    decidedOn: '2023-07-06',
  };

  it('turns the latest approved sessions into the states missing', () => {
    const sessions = Array.from({ length: 6 }, (_, i) => ({ ...base, topic: `t${i}` }));
    expect(withEveryState(sessions).map((s) => s.state)).toEqual([
      'APPROVED',
      'APPROVED',
      'RETURNED',
      'SUBMITTED',
      'DRAFT',
      'PLANNED',
    ]);
  });

  it('keeps a return reason only where a session was sent back', () => {
    const sut = withEveryState([
      { ...base, state: 'RETURNED' },
      { ...base, state: 'APPROVED', returnedFirst: true },
      { ...base, state: 'APPROVED' },
    ]);
    expect(sut.map((s) => s.returnReason)).toEqual(['Wrong date', 'Wrong date', null]);
  });
});

describe('buildDemoPlan', () => {
  const sut = buildDemoPlan(input);

  it('is the same plan for the same seed and reference data, whatever their order', () => {
    expect(buildDemoPlan({ ...input, localAuthorities: [...LAS].reverse() })).toEqual(sut);
    expect(buildDemoPlan({ ...input, seed: 8 })).not.toEqual(sut);
  });

  it('dates everything in 2023-24, never after its last day', () => {
    const dates = datesOf(sut);
    expect(dates.length).toBeGreaterThan(200);
    expect(dates.filter((date) => !inDemoYear(date))).toEqual([]);
    expect(dates.every((date) => date <= DEMO_LAST_DAY)).toBe(true);
  });

  it('has contracts for the lots, each with a unit rate', () => {
    expect(sut.contracts.map((c) => [c.lotNumber, c.rate.unit]).sort()).toEqual([
      [1, 'PER_SESSION'],
      [2, 'PER_SESSION'],
      [4, 'PER_DIAGNOSTIC'],
      [5, 'PER_PARTICIPANT'],
      [6, 'PER_HOUR'],
      [7, 'PER_HOUR'],
    ]);
    const suppliers = new Set(sut.suppliers.map((s) => s.name));
    expect(sut.contracts.every((c) => suppliers.has(c.supplierName))).toBe(true);
  });

  it('engages each LA at most once per line, across regions, with every outcome', () => {
    const keys = sut.engagements.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(sut.engagements.map((e) => e.outcome))).toEqual(
      new Set(['REFERRED', 'APPROVED', 'DECLINED', 'WITHDRAWN']),
    );
    const regions = new Set(
      sut.engagements.map((e) => LAS.find((la) => la.gssCode === e.gssCode)!.regionCode),
    );
    expect(regions.size).toBe(9);
    for (const e of sut.engagements) {
      expect(e.decidedOn === null).toBe(e.outcome === 'REFERRED');
      if (e.decidedOn) expect(e.decidedOn >= e.referredOn).toBe(true);
      expect(e.closingReason === null).toBe(e.outcome === 'REFERRED' || e.outcome === 'APPROVED');
    }
  });

  it('gives lot 7 only to eligible LAs, or with an override reason', () => {
    const coaching = sut.engagements.filter((e) => e.serviceLine === 'COACHING_MENTORING');
    expect(coaching.length).toBe(5);
    for (const e of coaching)
      expect(ELIGIBLE.has(e.gssCode) || e.overrideReason !== null).toBe(true);
    expect(coaching.filter((e) => e.overrideReason !== null)).toHaveLength(1);
    expect(sut.participants.map((p) => p.engagementKey)).toEqual(coaching.map((e) => e.key));
  });

  it('holds sessions in every state, on approved engagements of their line, with attendance by their LAs', () => {
    expect(new Set(sut.sessions.map((s) => s.state))).toEqual(
      new Set(['PLANNED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED']),
    );
    const topics = sut.sessions.map((s) => s.topic);
    expect(new Set(topics).size).toBe(topics.length);
    for (const s of sut.sessions) {
      const engagements = s.engagementKeys.map((key) =>
        sut.engagements.find((e) => e.key === key)!,
      );
      expect(engagements.every((e) => e.outcome === 'APPROVED')).toBe(true);
      expect(engagements.every((e) => e.contractReference === s.contractReference)).toBe(true);
      const las = new Set(engagements.map((e) => e.gssCode));
      expect(s.attendance.every((line) => las.has(line.gssCode))).toBe(true);
      if (s.state !== 'PLANNED') expect(s.attendance.length).toBeGreaterThan(0);
      expect(s.durationMinutes % 15).toBe(0);
      expect(s.submittedOn >= s.date && s.decidedOn >= s.submittedOn).toBe(true);
    }
    expect(sut.sessions.some((s) => s.engagementKeys.length > 1)).toBe(true);
    expect(sut.sessions.some((s) => s.returnedFirst)).toBe(true);
  });

  it("has each supplier's returns for April to February, one sent back and the last undecided", () => {
    expect(sut.monthlyReturns).toHaveLength(4 * 11);
    expect(sut.monthlyReturns.filter((r) => r.outcome === 'RETURNED')).toHaveLength(1);
    expect(sut.monthlyReturns.filter((r) => r.outcome === 'SUBMITTED').map((r) => r.month)).toEqual(
      ['2024-02', '2024-02', '2024-02', '2024-02'],
    );
    for (const r of sut.monthlyReturns) expect(r.submittedOn > `${r.month}-31`).toBe(true);
  });
});
