import {
  apaPlanReminders,
  diagnosticFollowUpReminders,
  dueReminders,
  monthlyReturnReminders,
  overdueSessionReminders,
  reminderSummary,
  stalledEngagementReminders,
  type DiagnosticOnRecord,
  type DueReminder,
  type ProgrammeOnRecord,
  type ReminderRecords,
  type SessionOnRecord,
} from './reminder.rules';

const PROGRAMME = 'p1';
const NORTH_STAR = 's1';
const PROGRAMME_RUNNING: ProgrammeOnRecord = {
  id: PROGRAMME,
  startsOn: '2021-05-31',
  endsOn: '2024-03-31',
  managerUserIds: ['m1', 'm2'],
};
const SUPPLIERS = [
  { id: NORTH_STAR, contactIds: ['c1', 'c2'] },
  { id: 's2', contactIds: [] },
];
const CONTRACT = {
  programmeId: PROGRAMME,
  supplierId: NORTH_STAR,
  startsOn: '2021-05-31',
  endsOn: '2024-03-31',
};

const session = (overrides: Partial<SessionOnRecord>): SessionOnRecord => ({
  id: 'S7',
  programmeId: PROGRAMME,
  supplierId: NORTH_STAR,
  status: 'PLANNED',
  plannedOn: '2022-12-19',
  deliveredOn: null,
  ...overrides,
});

const diagnostic = (overrides: Partial<DiagnosticOnRecord>): DiagnosticOnRecord => ({
  id: 'D1',
  programmeId: PROGRAMME,
  supplierId: NORTH_STAR,
  finalReportOn: '2023-01-16',
  followUpHeldOn: null,
  lastMovedOn: '2023-01-16',
  ...overrides,
});

const sent = (reminders: DueReminder[]) =>
  reminders.map(({ kind, subjectId, recipient, dueOn }) => [
    kind,
    subjectId,
    `${recipient.type}:${recipient.id}`,
    dueOn,
  ]);

describe('overdueSessionReminders', () => {
  const records = (sessions: SessionOnRecord[]) => ({ sessions, suppliers: SUPPLIERS });

  it("reminds each of the supplier's contacts from the day after the 5th working day (S7, over Christmas)", () => {
    const sut = overdueSessionReminders;
    // 26 and 27 December 2022 are bank holidays: due by the 28th, overdue on the 29th.
    expect(sut(records([session({})]), '2022-12-28')).toEqual([]);
    expect(sent(sut(records([session({})]), '2022-12-29'))).toEqual([
      ['SESSION_REPORT_OVERDUE', 'S7', 'SUPPLIER_CONTACT:c1', '2022-12-28'],
      ['SESSION_REPORT_OVERDUE', 'S7', 'SUPPLIER_CONTACT:c2', '2022-12-28'],
    ]);
  });

  it('times a recorded draft from its delivery date, skipping the bank holiday of 19 September 2022', () => {
    const draft = session({
      id: 'S3',
      status: 'DRAFT',
      plannedOn: null,
      deliveredOn: '2022-09-13',
    });
    expect(overdueSessionReminders(records([draft]), '2022-09-21')).toEqual([]);
    expect(overdueSessionReminders(records([draft]), '2022-09-22')).toHaveLength(2);
  });

  it.each(['SUBMITTED', 'APPROVED', 'RETURNED'] as const)(
    'leaves alone a session that is %s',
    (status) => {
      const handedIn = session({ status, plannedOn: null, deliveredOn: '2022-09-13' });
      expect(overdueSessionReminders(records([handedIn]), '2023-06-01')).toEqual([]);
    },
  );

  it('has nobody to remind when the supplier has no contacts', () => {
    expect(overdueSessionReminders(records([session({ supplierId: 's2' })]), '2023-06-01')).toEqual(
      [],
    );
  });

  it('passes over a session from before the years the calendar covers', () => {
    expect(
      overdueSessionReminders(records([session({ plannedOn: '2016-03-01' })]), '2023-06-01'),
    ).toEqual([]);
  });
});

describe('apaPlanReminders', () => {
  // Sandwell: a focused visit with 2 areas for priority action, letter dated 2022-11-21; the
  // draft plan is due 2022-12-19 (20 working days), the final plan 2023-03-02 (70).
  const SANDWELL = { inspectionId: 'FV1', priorityActionAreas: 2, letterDate: '2022-11-21' };
  const records = (programmes = [PROGRAMME_RUNNING], visits = [SANDWELL]) => ({
    programmes,
    priorityActionVisits: visits,
  });

  it.each([
    ['2022-12-09', []],
    ['2022-12-12', ['2022-12-19']], // 5 working days before the draft is due
    ['2022-12-19', ['2022-12-19']],
    ['2022-12-20', []],
    ['2023-02-22', []],
    ['2023-02-23', ['2023-03-02']],
    ['2023-03-02', ['2023-03-02']],
    ['2023-03-03', []],
  ])('on %s reminds each manager of the plan due %j', (today, dueDates) => {
    const sut = apaPlanReminders(records(), today);
    expect(sent(sut)).toEqual(
      dueDates.flatMap((dueOn) => [
        ['APA_PLAN_DUE', 'FV1', 'PROGRAMME_MANAGER:m1', dueOn],
        ['APA_PLAN_DUE', 'FV1', 'PROGRAMME_MANAGER:m2', dueOn],
      ]),
    );
  });

  it('reminds the managers of every programme running that day, and of none that has ended', () => {
    const second = { ...PROGRAMME_RUNNING, id: 'p2', managerUserIds: ['m3'] };
    const ended = { ...PROGRAMME_RUNNING, id: 'p3', endsOn: '2022-03-31', managerUserIds: ['m4'] };
    const sut = apaPlanReminders(records([PROGRAMME_RUNNING, second, ended]), '2022-12-12');
    expect(sut.map((r) => [r.programmeId, r.recipient.id])).toEqual([
      ['p1', 'm1'],
      ['p1', 'm2'],
      ['p2', 'm3'],
    ]);
    expect(new Set(sut.map((r) => r.key)).size).toBe(3);
  });

  it('reminds a manager of two running programmes once', () => {
    const second = { ...PROGRAMME_RUNNING, id: 'p2', managerUserIds: ['m2', 'm3'] };
    const sut = dueReminders(
      {
        programmes: [PROGRAMME_RUNNING, second],
        suppliers: [],
        contracts: [],
        sessions: [],
        priorityActionVisits: [SANDWELL],
        diagnostics: [],
        monthlyReturns: [],
        engagements: [],
      },
      '2022-12-12',
    );
    expect(sut.map((r) => r.recipient.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('says nothing of a visit without areas for priority action, or of one long ago', () => {
    const none = { ...SANDWELL, priorityActionAreas: 0 };
    const old = { ...SANDWELL, inspectionId: 'FV0', letterDate: '2012-11-21' };
    expect(apaPlanReminders(records(undefined, [none, old]), '2022-12-12')).toEqual([]);
  });
});

describe('diagnosticFollowUpReminders', () => {
  // Sunderland: final report 2023-01-16, follow-up review due 2023-07-16 (a Sunday); reminders
  // start 10 working days before it, on 2023-07-03.
  const records = (diagnostics: DiagnosticOnRecord[]) => ({
    diagnostics,
    programmes: [PROGRAMME_RUNNING],
    suppliers: SUPPLIERS,
  });

  it('reminds the supplier and the managers from 10 working days before the review is due', () => {
    expect(diagnosticFollowUpReminders(records([diagnostic({})]), '2023-06-30')).toEqual([]);
    expect(sent(diagnosticFollowUpReminders(records([diagnostic({})]), '2023-07-03'))).toEqual([
      ['DIAGNOSTIC_FOLLOW_UP_DUE', 'D1', 'SUPPLIER_CONTACT:c1', '2023-07-16'],
      ['DIAGNOSTIC_FOLLOW_UP_DUE', 'D1', 'SUPPLIER_CONTACT:c2', '2023-07-16'],
      ['DIAGNOSTIC_FOLLOW_UP_DUE', 'D1', 'PROGRAMME_MANAGER:m1', '2023-07-16'],
      ['DIAGNOSTIC_FOLLOW_UP_DUE', 'D1', 'PROGRAMME_MANAGER:m2', '2023-07-16'],
    ]);
    expect(diagnosticFollowUpReminders(records([diagnostic({})]), '2023-07-16')).toHaveLength(4);
    expect(diagnosticFollowUpReminders(records([diagnostic({})]), '2023-07-17')).toEqual([]);
  });

  it('says nothing before the final report or after the review was held', () => {
    const unfinished = diagnostic({ finalReportOn: null });
    const reviewed = diagnostic({ id: 'D2', followUpHeldOn: '2023-07-01' });
    expect(diagnosticFollowUpReminders(records([unfinished, reviewed]), '2023-07-03')).toEqual([]);
  });
});

describe('monthlyReturnReminders', () => {
  const records = (
    contracts = [CONTRACT],
    monthlyReturns: ReminderRecords['monthlyReturns'] = [],
  ) => ({
    contracts,
    monthlyReturns,
    suppliers: SUPPLIERS,
  });

  // December 2022's return is due 2023-01-09 (2 January is a bank holiday) and chased until 10
  // working days later, 2023-01-23. November's was due 2022-12-07 and chased until 2022-12-21.
  it.each([
    ['2022-12-22', []],
    ['2022-12-31', []],
    ['2023-01-01', ['c1', 'c2']],
    ['2023-01-23', ['c1', 'c2']],
    ['2023-01-24', []],
  ])('on %s reminds %j of December 2022', (today, contacts) => {
    expect(sent(monthlyReturnReminders(records(), today))).toEqual(
      contacts.map((contact) => [
        'MONTHLY_RETURN_DUE',
        NORTH_STAR,
        `SUPPLIER_CONTACT:${contact}`,
        '2023-01-09',
      ]),
    );
  });

  it('reminds nobody once the return is in', () => {
    const submitted = [{ supplierId: NORTH_STAR, programmeId: PROGRAMME, month: '2022-12' }];
    expect(monthlyReturnReminders(records(undefined, submitted), '2023-01-03')).toEqual([]);
  });

  it('asks for a month the contract covers by a single day, and not for the month after it ends', () => {
    const fromLastDay = { ...CONTRACT, startsOn: '2022-12-31' };
    const endedInNovember = { ...CONTRACT, supplierId: 's3', endsOn: '2022-11-30' };
    const sut = monthlyReturnReminders(
      {
        ...records([fromLastDay, endedInNovember]),
        suppliers: [...SUPPLIERS, { id: 's3', contactIds: ['c3'] }],
      },
      '2023-01-03',
    );
    expect(sut.map((r) => r.recipient.id)).toEqual(['c1', 'c2']);
  });

  it('asks once for a supplier with two contracts in the programme', () => {
    const secondLot = { ...CONTRACT, startsOn: '2022-04-01' };
    expect(monthlyReturnReminders(records([CONTRACT, secondLot]), '2023-01-03')).toHaveLength(2);
  });

  it('tells apart the same month of two programmes in its key', () => {
    const other = { ...CONTRACT, programmeId: 'p2' };
    const keys = monthlyReturnReminders(records([CONTRACT, other]), '2023-01-03').map((r) => r.key);
    expect(new Set(keys).size).toBe(4);
  });
});

describe('stalledEngagementReminders', () => {
  const engagement = {
    id: 'E1',
    programmeId: PROGRAMME,
    serviceLine: 'POLITICAL_LEADERSHIP' as const,
    status: 'APPROVED',
    approvedOn: '2022-06-01',
  };
  const records = (
    engagements: ReminderRecords['engagements'],
    diagnostics: DiagnosticOnRecord[] = [],
  ) => ({ engagements, diagnostics, programmes: [PROGRAMME_RUNNING] });

  it('tells each manager of an engagement approved 30 days ago with no session', () => {
    expect(stalledEngagementReminders(records([engagement]), '2022-06-30')).toEqual([]);
    expect(sent(stalledEngagementReminders(records([engagement]), '2022-07-01'))).toEqual([
      ['ENGAGEMENT_STALLED', 'E1', 'PROGRAMME_MANAGER:m1', '2022-07-01'],
      ['ENGAGEMENT_STALLED', 'E1', 'PROGRAMME_MANAGER:m2', '2022-07-01'],
    ]);
  });

  it('leaves alone an engagement in delivery, and a network, which never stalls', () => {
    const delivering = { ...engagement, status: 'IN_DELIVERY' };
    const network = { ...engagement, id: 'E2', serviceLine: 'LEAD_MEMBER_NETWORKS' as const };
    expect(stalledEngagementReminders(records([delivering, network]), '2022-09-01')).toEqual([]);
  });

  it('tells of a diagnostic with no change of state for 30 days, afresh for each stall', () => {
    const stuck = diagnostic({ finalReportOn: null, lastMovedOn: '2022-10-01' });
    const first = stalledEngagementReminders(records([], [stuck]), '2022-10-31');
    expect(sent(first)).toEqual([
      ['ENGAGEMENT_STALLED', 'D1', 'PROGRAMME_MANAGER:m1', '2022-10-31'],
      ['ENGAGEMENT_STALLED', 'D1', 'PROGRAMME_MANAGER:m2', '2022-10-31'],
    ]);
    expect(stalledEngagementReminders(records([], [stuck]), '2022-10-30')).toEqual([]);
    const movedThenStuck = { ...stuck, lastMovedOn: '2022-11-15' };
    const second = stalledEngagementReminders(records([], [movedThenStuck]), '2022-12-15');
    expect(second[0].key).not.toBe(first[0].key);
    const finished = diagnostic({ lastMovedOn: '2022-10-01' });
    expect(stalledEngagementReminders(records([], [finished]), '2022-12-15')).toEqual([]);
  });
});

describe('dueReminders', () => {
  const records: ReminderRecords = {
    programmes: [PROGRAMME_RUNNING],
    suppliers: SUPPLIERS,
    contracts: [CONTRACT],
    sessions: [session({})],
    priorityActionVisits: [],
    diagnostics: [],
    monthlyReturns: [],
    engagements: [],
  };

  it('keeps a reminder’s key when the date it is due moves (a session rescheduled)', () => {
    const moved = { ...records, sessions: [session({ plannedOn: '2022-12-20' })] };
    const before = dueReminders(records, '2023-01-03').map((r) => r.key);
    expect(dueReminders(moved, '2023-01-03').map((r) => r.key)).toEqual(before);
  });

  it('skips a record whose dates the calendar does not cover, and reminds of the rest', () => {
    // Planned for 23 December 2027: its report would be due in 2028, beyond the bank holidays held.
    const farOff = session({ id: 'S9', plannedOn: '2027-12-23' });
    const withFarOff = { ...records, sessions: [session({}), farOff] };
    expect(dueReminders(withFarOff, '2023-01-03')).toEqual(dueReminders(records, '2023-01-03'));
    expect(() => dueReminders(withFarOff, '2023-01-03')).not.toThrow();
  });

  it('gives the same reminders, keys and order however often it runs', () => {
    const first = dueReminders(records, '2023-01-03');
    expect(dueReminders(records, '2023-01-03')).toEqual(first);
    expect(first.map((r) => r.key)).toEqual([
      'monthly_return_due:s1:p1:2022-12:supplier_contact:c1',
      'monthly_return_due:s1:p1:2022-12:supplier_contact:c2',
      'session_report_overdue:s7:-:supplier_contact:c1',
      'session_report_overdue:s7:-:supplier_contact:c2',
    ]);
  });
});

describe('reminderSummary', () => {
  const base = {
    subjectId: 'x',
    programmeId: PROGRAMME,
    recipient: { type: 'PROGRAMME_MANAGER' as const, id: 'm1' },
    key: 'k',
  };

  it.each([
    [
      { kind: 'SESSION_REPORT_OVERDUE' as const, dueOn: '2022-12-28' },
      'the session of 19 December 2022 for Leeds',
      'The report of the session of 19 December 2022 for Leeds was due by 28 December 2022 and has not been submitted.',
    ],
    [
      { kind: 'APA_PLAN_DUE' as const, dueOn: '2022-12-19' },
      "Sandwell's focused visit (letter of 21 November 2022)",
      "An action plan for the areas for priority action of Sandwell's focused visit (letter of 21 November 2022) is due on 19 December 2022.",
    ],
    [
      { kind: 'DIAGNOSTIC_FOLLOW_UP_DUE' as const, dueOn: '2023-07-16' },
      "Sunderland's corporate parenting diagnostic",
      "The follow-up review of Sunderland's corporate parenting diagnostic is due on 16 July 2023.",
    ],
    [
      { kind: 'MONTHLY_RETURN_DUE' as const, dueOn: '2023-01-09', period: '2022-12' },
      'Local Authority and Political Leadership Support',
      'The monthly return for December 2022 to Local Authority and Political Leadership Support is due by 9 January 2023.',
    ],
    [
      { kind: 'ENGAGEMENT_STALLED' as const, dueOn: '2022-07-01' },
      "Hartlepool's political leadership engagement",
      "Nothing has happened on Hartlepool's political leadership engagement for 30 days (since 1 June 2022).",
    ],
  ])('says %j', (reminder, subject, summary) => {
    expect(reminderSummary({ ...base, ...reminder }, subject)).toBe(summary);
  });
});
