import { coachingRows, diagnosticRow, type DiagnosticSummary } from './delivery-records.rules';

const SUNDERLAND = { gssCode: 'E08000024', name: 'Sunderland' };

const diagnostic = (changes: Partial<DiagnosticSummary> = {}): DiagnosticSummary => ({
  id: 'd1',
  status: 'PLANNED',
  financialYear: '2022-23',
  plannedOn: '2022-09-05',
  fieldworkStartedOn: null,
  draftReportOn: null,
  finalReportOn: null,
  followUpDueOn: null,
  localAuthority: SUNDERLAND,
  engagement: { id: 'e1' },
  findings: [],
  ...changes,
});

describe('diagnosticRow', () => {
  it('shows a plan as planned since its day, with no ratings yet', () => {
    expect(diagnosticRow(diagnostic())).toEqual({
      id: 'd1',
      engagementId: 'e1',
      localAuthority: SUNDERLAND,
      financialYear: '2022-23',
      stage: 'Planned',
      tagClass: 'govuk-tag--grey',
      since: '2022-09-05',
      ratings: 'None yet',
      followUpDueOn: null,
    });
  });

  it('shows the reference scenario’s Sunderland diagnostic at its final report, every principle amber', () => {
    const row = diagnosticRow(
      diagnostic({
        status: 'FINAL_REPORT',
        fieldworkStartedOn: '2022-10-03',
        draftReportOn: '2022-12-12',
        finalReportOn: '2023-01-16',
        followUpDueOn: '2023-07-16',
        findings: Array.from({ length: 7 }, () => ({ rating: 'AMBER' })),
      }),
    );
    expect(row).toMatchObject({
      stage: 'Final report',
      tagClass: 'govuk-tag--green',
      since: '2023-01-16',
      ratings: '0 red, 7 amber, 0 green',
      followUpDueOn: '2023-07-16',
    });
  });

  it('dates fieldwork and the draft report from the day each began', () => {
    expect(
      diagnosticRow(diagnostic({ status: 'FIELDWORK', fieldworkStartedOn: '2022-10-03' })),
    ).toMatchObject({ stage: 'Fieldwork', since: '2022-10-03' });
    expect(
      diagnosticRow(
        diagnostic({
          status: 'DRAFT_REPORT',
          fieldworkStartedOn: '2022-10-03',
          draftReportOn: '2022-12-12',
          findings: [{ rating: 'RED' }, { rating: 'GREEN' }],
        }),
      ),
    ).toMatchObject({
      stage: 'Draft report',
      since: '2022-12-12',
      ratings: '1 red, 0 amber, 1 green',
    });
  });
});

describe('coachingRows', () => {
  const allocation = (role: string, remainingMinutes: number) => ({
    role,
    allowed: '10 h',
    remaining: `${remainingMinutes} min`,
    usedMinutes: 600 - remainingMinutes,
    remainingMinutes,
  });

  it('lists each role of each engagement by LA name, flagging under an hour left', () => {
    const rows = coachingRows([
      {
        id: 's',
        financialYear: '2022-23',
        status: 'IN_DELIVERY',
        localAuthority: { gssCode: 'E08000028', name: 'Sandwell' },
        coachingAllocations: [allocation('LEADER_OF_COUNCIL', 415)],
      },
      {
        id: 'l',
        financialYear: '2022-23',
        status: 'APPROVED',
        localAuthority: { gssCode: 'E08000035', name: 'Leeds' },
        coachingAllocations: [allocation('CHIEF_EXECUTIVE', 59), allocation('LEAD_MEMBER', 60)],
      },
    ]);
    expect(rows.map((row) => [row.localAuthority, row.role, row.usedMinutes, row.low])).toEqual([
      ['Leeds', 'Chief executive', 541, true],
      ['Leeds', 'Lead member', 540, false],
      ['Sandwell', 'Leader of the council', 185, false],
    ]);
    expect(rows[2]).toEqual({
      engagementId: 's',
      localAuthority: 'Sandwell',
      financialYear: '2022-23',
      role: 'Leader of the council',
      allowed: '10 h',
      usedMinutes: 185,
      remaining: '415 min',
      low: false,
    });
  });
});
