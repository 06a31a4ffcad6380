import {
  eligibilityViewOf,
  inspectionRowOf,
  supportRowOf,
  type EngagementNode,
  type InspectionNode,
} from './la-page.rules';

const inspection = (overrides: Partial<InspectionNode> = {}): InspectionNode => ({
  id: 'i1',
  type: 'STANDARD_INSPECTION',
  inspectedOn: '2022-03-14',
  publishedOn: '2022-04-26',
  letterDate: null,
  theme: null,
  overallEffectiveness: 'REQUIRES_IMPROVEMENT',
  impactOfLeaders: 'GOOD',
  helpAndProtection: 'INADEQUATE',
  childrenInCare: 'OUTSTANDING',
  careLeavers: null,
  priorityActionAreas: [],
  ...overrides,
});

const engagement = (overrides: Partial<EngagementNode> = {}): EngagementNode => ({
  id: 'e1',
  serviceLine: 'POLITICAL_LEADERSHIP',
  financialYear: '2022-23',
  status: 'IN_DELIVERY',
  referredOn: '2022-06-01',
  decidedOn: '2022-06-08',
  startedOn: '2022-06-14',
  completedOn: null,
  withdrawnOn: null,
  supplier: { name: 'North Star Leadership Ltd' },
  sessions: [],
  diagnostic: null,
  ...overrides,
});

describe('inspectionRowOf', () => {
  it('words the type and each grade, in the order of the columns', () => {
    expect(inspectionRowOf(inspection())).toEqual({
      type: 'ILACS standard inspection',
      theme: null,
      inspectedOn: '2022-03-14',
      publishedOn: '2022-04-26',
      letterDate: null,
      grades: ['Requires improvement to be good', 'Good', 'Inadequate', 'Outstanding', ''],
      combinedCareJudgement: true,
      priorityActionAreas: [],
    });
  });

  it('treats children in care as its own judgement from 1 January 2023', () => {
    expect(
      inspectionRowOf(inspection({ inspectedOn: '2023-01-01', careLeavers: 'GOOD' }))
        .combinedCareJudgement,
    ).toBe(false);
    expect(
      inspectionRowOf(inspection({ inspectedOn: null, publishedOn: '2018-08-28' }))
        .combinedCareJudgement,
    ).toBe(true);
  });

  it('keeps a focused visit’s areas for priority action', () => {
    const row = inspectionRowOf(
      inspection({
        type: 'FOCUSED_VISIT',
        letterDate: '2022-11-21',
        overallEffectiveness: null,
        impactOfLeaders: null,
        helpAndProtection: null,
        childrenInCare: null,
        priorityActionAreas: ['Placement sufficiency', 'Care planning'],
      }),
    );
    expect(row.type).toBe('Focused visit');
    expect(row.grades).toEqual(['', '', '', '', '']);
    expect(row.combinedCareJudgement).toBe(false);
    expect(row.priorityActionAreas).toEqual(['Placement sufficiency', 'Care planning']);
  });
});

describe('supportRowOf', () => {
  it('counts delivered and planned sessions apart', () => {
    expect(
      supportRowOf(
        engagement({
          sessions: [
            { id: 's1', status: 'APPROVED', deliveredOn: '2022-07-05', plannedOn: null },
            { id: 's2', status: 'SUBMITTED', deliveredOn: '2022-09-13', plannedOn: null },
            { id: 's3', status: 'PLANNED', deliveredOn: null, plannedOn: '2022-12-19' },
          ],
        }),
      ),
    ).toEqual({
      id: 'e1',
      serviceLine: 'Political leadership',
      financialYear: '2022-23',
      status: 'IN_DELIVERY',
      supplier: 'North Star Leadership Ltd',
      sessionsDelivered: 2,
      sessionsPlanned: 1,
    });
  });

  it('says when no supplier is chosen yet', () => {
    expect(supportRowOf(engagement({ status: 'REFERRED', supplier: null })).supplier).toBe(
      'Not yet chosen',
    );
  });
});

describe('eligibilityViewOf', () => {
  it('words its basis, the judgements that fell and the records it rests on', () => {
    expect(
      eligibilityViewOf({
        asOf: '2023-01-10',
        eligible: true,
        basis: ['DECLINING_JUDGEMENT', 'RECORDED_CONCERN'],
        declines: [{ area: 'IMPACT_OF_LEADERS', from: 'GOOD', to: 'REQUIRES_IMPROVEMENT' }],
        evidence: {
          inspections: [
            { id: 'i2', type: 'SHORT_INSPECTION', inspectedOn: null, publishedOn: '2022-04-26' },
          ],
          concerns: [
            { id: 'c1', note: 'Leadership churn', recordedOn: '2022-12-01', withdrawnOn: null },
          ],
        },
      }),
    ).toEqual({
      asOf: '2023-01-10',
      eligible: true,
      reasons: [
        'A judgement fell since the graded inspection before',
        'A programme manager recorded a concern with evidence',
      ],
      declines: ['Impact of leaders: Good to Requires improvement to be good'],
      inspections: [{ text: 'ILACS short inspection', date: '2022-04-26' }],
      concerns: [{ note: 'Leadership churn', recordedOn: '2022-12-01', withdrawnOn: null }],
    });
  });
});
