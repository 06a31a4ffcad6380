import {
  concernProblems,
  manualInspectionProblems,
  type ManualInspection,
} from './manual-record.rules';

const today = '2024-06-30';
const visit: ManualInspection = {
  kind: 'FOCUSED_VISIT',
  inspectedOn: '2024-05-07',
  publishedOn: '2024-06-10',
  priorityActionAreas: ['Timeliness of assessments'],
  letterDate: '2024-06-10',
};

const fields = (input: ManualInspection) =>
  manualInspectionProblems(input, today).map((problem) => problem.field);

describe('manualInspectionProblems', () => {
  it('accepts a focused visit with its areas for priority action and letter', () => {
    expect(manualInspectionProblems(visit, today)).toEqual([]);
  });

  it('accepts a graded inspection of 2023 with care leavers judged apart', () => {
    expect(
      fields({
        kind: 'STANDARD_INSPECTION',
        inspectedOn: '2023-03-06',
        judgements: [
          { area: 'OVERALL_EFFECTIVENESS', grade: 'GOOD' },
          { area: 'CARE_LEAVERS', grade: 'REQUIRES_IMPROVEMENT' },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses dates in the future, and dates before the inspection', () => {
    expect(
      fields({ ...visit, inspectedOn: '2024-07-01', publishedOn: null, letterDate: '2024-07-02' }),
    ).toEqual(['input.inspectedOn', 'input.letterDate']);
    expect(fields({ ...visit, publishedOn: '2024-05-01' })).toEqual(['input.publishedOn']);
  });

  it('refuses grades on a visit', () => {
    expect(
      fields({ ...visit, judgements: [{ area: 'OVERALL_EFFECTIVENESS', grade: 'INADEQUATE' }] }),
    ).toEqual(['input.judgements']);
  });

  it('refuses an area graded twice', () => {
    expect(
      fields({
        kind: 'SHORT_INSPECTION',
        inspectedOn: '2024-01-08',
        judgements: [
          { area: 'IMPACT_OF_LEADERS', grade: 'GOOD' },
          { area: 'IMPACT_OF_LEADERS', grade: 'INADEQUATE' },
        ],
      }),
    ).toEqual(['input.judgements']);
  });

  it('refuses a care-leavers grade before 2023 and an overall grade from April 2026', () => {
    expect(
      fields({
        kind: 'STANDARD_INSPECTION',
        inspectedOn: '2022-12-31',
        judgements: [{ area: 'CARE_LEAVERS', grade: 'GOOD' }],
      }),
    ).toEqual(['input.judgements']);
    expect(
      manualInspectionProblems(
        {
          kind: 'STANDARD_INSPECTION',
          inspectedOn: '2026-04-01',
          judgements: [{ area: 'OVERALL_EFFECTIVENESS', grade: 'GOOD' }],
        },
        '2026-06-30',
      ).map((problem) => problem.field),
    ).toEqual(['input.judgements']);
  });

  it('refuses areas for priority action on anything but a focused visit, or without a letter date', () => {
    expect(fields({ ...visit, kind: 'MONITORING_VISIT' })).toEqual(['input.priorityActionAreas']);
    expect(fields({ ...visit, letterDate: null })).toEqual(['input.letterDate']);
    expect(fields({ ...visit, priorityActionAreas: ['  '] })).toEqual([
      'input.priorityActionAreas',
    ]);
  });
});

describe('concernProblems', () => {
  it('accepts evidence recorded today', () => {
    expect(
      concernProblems({ note: 'Re-referrals up a third in a year', recordedOn: today }, today),
    ).toEqual([]);
  });

  it('refuses an empty note and a later day', () => {
    expect(
      concernProblems({ note: ' ', recordedOn: '2024-07-01' }, today).map(
        (problem) => problem.field,
      ),
    ).toEqual(['input.note', 'input.recordedOn']);
  });
});
