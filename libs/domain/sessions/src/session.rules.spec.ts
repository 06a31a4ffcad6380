import {
  headcountByLocalAuthority,
  nextSessionStatus,
  SESSION_MOVES,
  SESSION_STATUSES,
  sessionReportProblems,
  type SessionMove,
  type SessionReport,
  type SessionStatus,
} from './session.rules';

describe('nextSessionStatus', () => {
  // SPEC §5.5 written out: every allowed move, and nothing else.
  const allowed: Array<[SessionStatus, SessionMove, SessionStatus]> = [
    ['PLANNED', 'RECORD', 'DRAFT'],
    ['PLANNED', 'UPDATE', 'PLANNED'],
    ['DRAFT', 'UPDATE', 'DRAFT'],
    ['RETURNED', 'UPDATE', 'RETURNED'],
    ['DRAFT', 'SUBMIT', 'SUBMITTED'],
    ['RETURNED', 'SUBMIT', 'SUBMITTED'],
    ['SUBMITTED', 'APPROVE', 'APPROVED'],
    ['SUBMITTED', 'RETURN', 'RETURNED'],
  ];

  it.each(allowed)('moves %s by %s to %s', (from, move, to) => {
    expect(nextSessionStatus(from, move)).toBe(to);
  });

  const refused = SESSION_STATUSES.flatMap((from) =>
    SESSION_MOVES.filter((move) => !allowed.some(([f, m]) => f === from && m === move)).map(
      (move): [SessionStatus, SessionMove] => [from, move],
    ),
  );

  it('refuses the other 17 of the 25 pairs', () => {
    expect(refused).toHaveLength(17);
  });

  it.each(refused)('refuses %s by %s', (from, move) => {
    expect(nextSessionStatus(from, move)).toBeNull();
  });
});

describe('sessionReportProblems', () => {
  const HARTLEPOOL = 'la-hartlepool';
  const MIDDLESBROUGH = 'la-middlesbrough';
  // The reference scenario's S1: a cohort of three LAs on 2022-06-14, 180 minutes.
  const s1: SessionReport = {
    deliveredOn: '2022-06-14',
    durationMinutes: 180,
    format: 'IN_PERSON',
    topic: 'Corporate parenting for new lead members',
    attendance: [
      { localAuthorityId: HARTLEPOOL, role: 'LEAD_MEMBER', count: 1 },
      { localAuthorityId: HARTLEPOOL, role: 'CABINET_MEMBER', count: 3 },
      { localAuthorityId: MIDDLESBROUGH, role: 'LEAD_MEMBER', count: 1 },
    ],
  };
  const cohort = [HARTLEPOOL, MIDDLESBROUGH];

  it('accepts a cohort session', () => {
    expect(sessionReportProblems(s1, cohort, '2022-06-14')).toEqual([]);
  });

  it('refuses a date in the future', () => {
    expect(sessionReportProblems(s1, cohort, '2022-06-13')).toEqual([
      { field: 'deliveredOn', message: 'must not be in the future' },
    ]);
  });

  it.each([14, 721, 90.5])('refuses %d minutes', (durationMinutes) => {
    expect(sessionReportProblems({ ...s1, durationMinutes }, cohort, '2023-01-01')).toEqual([
      {
        field: 'durationMinutes',
        message: 'must be a whole number of minutes from 15 to 720 (12 hours)',
      },
    ]);
  });

  it.each([15, 720])('accepts %d minutes', (durationMinutes) => {
    expect(sessionReportProblems({ ...s1, durationMinutes }, cohort, '2023-01-01')).toEqual([]);
  });

  it('needs a topic and some attendance', () => {
    expect(
      sessionReportProblems({ ...s1, topic: '  ', attendance: [] }, cohort, '2023-01-01'),
    ).toEqual([
      { field: 'topic', message: 'must be 1 to 200 characters' },
      { field: 'attendance', message: 'must name at least one attendee' },
    ]);
  });

  it('lets a session of one engagement leave the LA out, but not a cohort', () => {
    const line = { localAuthorityId: null, role: 'LEAD_MEMBER' as const, count: 1 };
    expect(
      sessionReportProblems({ ...s1, attendance: [line] }, [HARTLEPOOL], '2023-01-01'),
    ).toEqual([]);
    expect(sessionReportProblems({ ...s1, attendance: [line] }, cohort, '2023-01-01')).toEqual([
      {
        field: 'attendance[0].localAuthorityCode',
        message: 'is needed: the session covers more than one local authority',
      },
    ]);
  });

  it('refuses an LA that is not one of the engagements, a repeated role and a bad count', () => {
    expect(
      sessionReportProblems(
        {
          ...s1,
          attendance: [
            { localAuthorityId: 'la-leeds', role: 'LEAD_MEMBER', count: 1 },
            { localAuthorityId: HARTLEPOOL, role: 'LEAD_MEMBER', count: 0 },
            { localAuthorityId: HARTLEPOOL, role: 'LEAD_MEMBER', count: 2 },
          ],
        },
        cohort,
        '2023-01-01',
      ),
    ).toEqual([
      {
        field: 'attendance[0].localAuthorityCode',
        message: 'is not one of the local authorities of the session’s engagements',
      },
      { field: 'attendance[1].count', message: 'must be a whole number from 1 to 1000' },
      { field: 'attendance[2].role', message: 'LEAD_MEMBER is given twice for this LA' },
    ]);
  });
});

describe('headcountByLocalAuthority', () => {
  it("adds up each LA's attendance across roles (S1: 4, 1 and 2)", () => {
    expect(
      headcountByLocalAuthority([
        { localAuthorityId: 'hartlepool', count: 1 },
        { localAuthorityId: 'hartlepool', count: 3 },
        { localAuthorityId: 'middlesbrough', count: 1 },
        { localAuthorityId: 'redcar', count: 1 },
        { localAuthorityId: 'redcar', count: 1 },
      ]),
    ).toEqual(
      new Map([
        ['hartlepool', 4],
        ['middlesbrough', 1],
        ['redcar', 2],
      ]),
    );
  });
});
