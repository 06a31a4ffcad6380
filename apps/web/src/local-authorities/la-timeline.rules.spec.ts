import type { EngagementNode, InspectionNode } from './la-page.rules';
import { timelineOf } from './la-timeline.rules';

const noGrades = {
  overallEffectiveness: null,
  impactOfLeaders: null,
  helpAndProtection: null,
  childrenInCare: null,
  careLeavers: null,
};

const inspections: InspectionNode[] = [
  {
    id: 'i2',
    type: 'FOCUSED_VISIT',
    inspectedOn: null,
    publishedOn: '2022-12-02',
    letterDate: '2022-11-21',
    theme: 'Children in care',
    ...noGrades,
    priorityActionAreas: ['Placement sufficiency', 'Care planning'],
  },
  {
    id: 'i1',
    type: 'STANDARD_INSPECTION',
    inspectedOn: '2019-03-04',
    publishedOn: '2019-04-15',
    letterDate: null,
    theme: null,
    ...noGrades,
    overallEffectiveness: 'INADEQUATE',
    priorityActionAreas: [],
  },
];

const engagement = (overrides: Partial<EngagementNode>): EngagementNode => ({
  id: 'e1',
  serviceLine: 'POLITICAL_LEADERSHIP',
  financialYear: '2022-23',
  status: 'APPROVED',
  referredOn: '2022-06-01',
  decidedOn: '2022-06-08',
  startedOn: null,
  completedOn: null,
  withdrawnOn: null,
  supplier: { name: 'North Star Leadership Ltd' },
  sessions: [],
  diagnostic: null,
  ...overrides,
});

const brief = (events: ReturnType<typeof timelineOf>) =>
  events.map((event) => `${event.date} ${event.title}${event.detail ? ` (${event.detail})` : ''}`);

describe('timelineOf', () => {
  it('merges inspections, referrals, decisions, sessions and diagnostics, newest first', () => {
    // Leeds' delivery in the reference scenario (S2 approved, S3 submitted, S7 planned), with a
    // diagnostic as Sunderland's and two inspections.
    const leeds = engagement({
      status: 'IN_DELIVERY',
      startedOn: '2022-07-05',
      sessions: [
        { id: 'S7', status: 'PLANNED', deliveredOn: null, plannedOn: '2022-12-19' },
        { id: 'S3', status: 'SUBMITTED', deliveredOn: '2022-09-13', plannedOn: null },
        { id: 'S2', status: 'APPROVED', deliveredOn: '2022-07-05', plannedOn: null },
      ],
    });
    const diagnostic = engagement({
      id: 'e2',
      serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
      supplier: { name: 'Corporate Parenting Partners' },
      referredOn: '2022-06-01',
      decidedOn: '2022-06-08',
      diagnostic: {
        id: 'd1',
        status: 'FINAL_REPORT',
        plannedOn: '2022-09-05',
        fieldworkStartedOn: '2022-10-03',
        draftReportOn: '2022-12-12',
        finalReportOn: '2023-01-16',
      },
    });
    expect(brief(timelineOf(inspections, [leeds, diagnostic]))).toEqual([
      '2023-01-16 Diagnostic final report',
      '2022-12-19 Political leadership: session planned',
      '2022-12-12 Diagnostic draft report',
      '2022-11-21 Ofsted: Focused visit (Theme: Children in care. 2 areas for priority action)',
      '2022-10-03 Diagnostic fieldwork started',
      '2022-09-13 Political leadership: session delivered (Report submitted for approval)',
      '2022-09-05 Diagnostic planned',
      '2022-07-05 Political leadership: session delivered (Report approved)',
      '2022-07-05 Political leadership: delivery started',
      '2022-06-08 Corporate parenting diagnostic: approved (Supplier: Corporate Parenting Partners)',
      '2022-06-08 Political leadership: approved (Supplier: North Star Leadership Ltd)',
      '2022-06-01 Corporate parenting diagnostic: referred (For 2022-23)',
      '2022-06-01 Political leadership: referred (For 2022-23)',
      '2019-03-04 Ofsted: ILACS standard inspection (Overall effectiveness: Inadequate)',
    ]);
  });

  it('tells a declined referral and a withdrawal, without a supplier for the declined one', () => {
    const declined = engagement({
      status: 'DECLINED',
      supplier: null,
      serviceLine: 'COACHING_MENTORING',
      decidedOn: '2022-06-10',
    });
    const withdrawn = engagement({
      id: 'e3',
      status: 'WITHDRAWN',
      financialYear: '2023-24',
      referredOn: '2023-05-02',
      decidedOn: '2023-05-09',
      withdrawnOn: '2023-09-29',
    });
    expect(brief(timelineOf([], [declined, withdrawn]))).toEqual([
      '2023-09-29 Political leadership: withdrawn',
      '2023-05-09 Political leadership: approved (Supplier: North Star Leadership Ltd)',
      '2023-05-02 Political leadership: referred (For 2023-24)',
      '2022-06-10 Coaching and mentoring: referral declined',
      '2022-06-01 Coaching and mentoring: referred (For 2022-23)',
    ]);
  });

  it('tells a session shared by two of its engagements once', () => {
    const shared = { id: 'S1', status: 'APPROVED', deliveredOn: '2022-06-14', plannedOn: null };
    const events = timelineOf(
      [],
      [engagement({ sessions: [shared] }), engagement({ id: 'e2', sessions: [shared] })],
    );
    expect(events.filter((event) => event.kind === 'session')).toHaveLength(1);
  });

  it('leaves out what has no date', () => {
    expect(
      timelineOf(
        [{ ...inspections[1], inspectedOn: null, publishedOn: null }],
        [
          engagement({
            status: 'REFERRED',
            decidedOn: null,
            supplier: null,
            sessions: [{ id: 'S9', status: 'PLANNED', deliveredOn: null, plannedOn: null }],
          }),
        ],
      ).map((event) => event.title),
    ).toEqual(['Political leadership: referred']);
  });

  it('is empty for an LA with no history', () => {
    expect(timelineOf([], [])).toEqual([]);
  });
});
