import {
  cohortProblems,
  engagementIdProblems,
  headcountByLocalAuthority,
  nextSessionStatus,
  SESSION_MOVES,
  SESSION_STATUSES,
  sessionChangeProblems,
  sessionDateProblems,
  sessionPlanProblems,
  sessionReportProblems,
  type CohortMember,
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

  it('refuses what is not a date', () => {
    expect(
      sessionReportProblems({ ...s1, deliveredOn: '2022-02-30' }, cohort, '2023-01-01'),
    ).toEqual([{ field: 'deliveredOn', message: 'must be a date (YYYY-MM-DD)' }]);
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

describe('sessionPlanProblems', () => {
  it('takes a plan with a date alone, past or future', () => {
    expect(sessionPlanProblems({ plannedOn: '2022-12-19' })).toEqual([]);
    expect(sessionPlanProblems({ plannedOn: '2031-01-06' })).toEqual([]);
  });

  it('holds what a plan gives to what a report could hold', () => {
    expect(
      sessionPlanProblems({
        plannedOn: '19/12/2022',
        topic: ' ',
        format: 'ONLINE',
        durationMinutes: 721,
      }),
    ).toEqual([
      { field: 'plannedOn', message: 'must be a date (YYYY-MM-DD)' },
      {
        field: 'durationMinutes',
        message: 'must be a whole number of minutes from 15 to 720 (12 hours)',
      },
      { field: 'topic', message: 'must be 1 to 200 characters' },
    ]);
  });
});

describe('engagementIdProblems', () => {
  it('needs one engagement or more, each once, at most 200', () => {
    expect(engagementIdProblems(['a', 'b'])).toEqual([]);
    expect(engagementIdProblems([])).toEqual([
      { field: 'engagementIds', message: 'must name at least one engagement' },
    ]);
    expect(engagementIdProblems(['a', 'b', 'a'])).toEqual([
      { field: 'engagementIds', message: 'names an engagement twice' },
    ]);
    expect(engagementIdProblems(Array.from({ length: 201 }, (_, i) => `e${i}`))).toEqual([
      { field: 'engagementIds', message: 'must name at most 200 engagements' },
    ]);
  });
});

describe('cohortProblems', () => {
  const member = (localAuthorityId: string, change: Partial<CohortMember> = {}): CohortMember => ({
    serviceLine: 'POLITICAL_LEADERSHIP',
    contractId: 'a1',
    localAuthorityId,
    ...change,
  });

  it('takes engagements of one line and contract, one per LA (S1)', () => {
    expect(
      cohortProblems([member('hartlepool'), member('middlesbrough'), member('redcar')]),
    ).toEqual([]);
  });

  it('refuses a mix of lines or contracts, and an LA twice', () => {
    expect(
      cohortProblems([
        member('hartlepool'),
        member('middlesbrough', { serviceLine: 'COACHING_MENTORING', contractId: 'a7' }),
        member('hartlepool'),
      ]),
    ).toEqual([
      { field: 'engagementIds', message: 'must all be of one service line' },
      { field: 'engagementIds', message: 'must all be under one contract' },
      { field: 'engagementIds', message: 'must each be of a different local authority' },
    ]);
  });
});

describe('sessionDateProblems', () => {
  const a1 = { reference: 'A1', startsOn: '2021-05-31', endsOn: '2024-03-31' };

  it.each(['2021-05-31', '2022-06-14', '2024-03-31'])('takes %s, within the contract', (date) => {
    expect(sessionDateProblems('deliveredOn', date, a1)).toEqual([]);
  });

  it.each(['2021-05-30', '2024-04-01'])('refuses %s, outside it', (date) => {
    expect(sessionDateProblems('deliveredOn', date, a1)).toEqual([
      { field: 'deliveredOn', message: 'must fall within contract A1 (2021-05-31 to 2024-03-31)' },
    ]);
  });
});

describe('sessionChangeProblems', () => {
  it("takes a plan's fields while PLANNED, and not a report's", () => {
    expect(
      sessionChangeProblems('PLANNED', ['engagementIds', 'plannedOn', 'topic', 'format']),
    ).toEqual([]);
    expect(sessionChangeProblems('PLANNED', ['deliveredOn', 'attendance', 'notes'])).toEqual(
      ['deliveredOn', 'attendance', 'notes'].map((field) => ({
        field,
        message: 'is given when the session is recorded (recordSession with its sessionId)',
      })),
    );
  });

  it.each<SessionStatus>(['DRAFT', 'RETURNED'])(
    "takes a report's fields while %s, and keeps the day it was planned for",
    (status) => {
      expect(
        sessionChangeProblems(status, ['deliveredOn', 'durationMinutes', 'attendance', 'notes']),
      ).toEqual([]);
      expect(sessionChangeProblems(status, ['plannedOn'])).toEqual([
        {
          field: 'plannedOn',
          message: 'is the plan’s, and stays as it was once the session is recorded',
        },
      ]);
    },
  );
});
