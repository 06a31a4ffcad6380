import {
  MAX_IMPORT_ROWS,
  normaliseHeading,
  parseFormat,
  parseImportDate,
  parseServiceLine,
  parseWholeNumber,
  placeRefusal,
  readHeader,
  readSessionRows,
  type ImportCell,
  type SessionFileReading,
  type SessionImportDraft,
} from './session-import.rules';

/** The template's header, written out (not taken from the definition under test). */
const HEADER = [
  'session_reference',
  'service_line',
  'delivered_on',
  'duration_minutes',
  'format',
  'topic',
  'local_authority',
  'engagement_id',
  'lead_member',
  'leader_of_council',
  'cabinet_member',
  'councillor',
  'chief_executive',
  'director_of_childrens_services',
  'chief_finance_officer',
  'hr_lead',
  'it_lead',
  'other_senior_leader',
  'notes',
];

/** A data row: the session's fields, the LA, then counts by role in the header's order. */
const row = (
  reference: string,
  la: string,
  counts: ImportCell[],
  overrides: Partial<Record<string, ImportCell>> = {},
): ImportCell[] => {
  const values: Record<string, ImportCell> = {
    session_reference: reference,
    service_line: 'POLITICAL_LEADERSHIP',
    delivered_on: '2022-06-14',
    duration_minutes: '180',
    format: 'IN_PERSON',
    topic: 'Corporate parenting for new lead members',
    local_authority: la,
    engagement_id: '',
    notes: '',
    ...overrides,
  };
  const roleValues = counts.concat(Array(10 - counts.length).fill(''));
  return HEADER.map((heading, i) => (i >= 8 && i < 18 ? roleValues[i - 8] : values[heading]));
};

const read = (rows: ImportCell[][]) => readSessionRows([HEADER, ...rows]) as SessionFileReading;

describe('normaliseHeading', () => {
  it.each([
    ['session_reference', 'session_reference'],
    ['Session reference', 'session_reference'],
    ['  SESSION-REFERENCE ', 'session_reference'],
    ["Director of children's services", 'director_of_children_s_services'],
    [null, ''],
  ])('reads %p as %p', (heading, expected) => {
    expect(normaliseHeading(heading)).toBe(expected);
  });
});

describe('parseServiceLine', () => {
  it.each([
    ['POLITICAL_LEADERSHIP', 'POLITICAL_LEADERSHIP'],
    ['political leadership', 'POLITICAL_LEADERSHIP'],
    ['Coaching-Mentoring', 'COACHING_MENTORING'],
    ['Leadership', null],
    ['', null],
    [null, null],
  ])('reads %p as %p', (cell, expected) => {
    expect(parseServiceLine(cell)).toBe(expected);
  });
});

describe('parseFormat', () => {
  it.each([
    ['IN_PERSON', 'IN_PERSON'],
    ['In person', 'IN_PERSON'],
    ['in-person', 'IN_PERSON'],
    ['Inperson', 'IN_PERSON'],
    ['online', 'ONLINE'],
    ['Hybrid', 'HYBRID'],
    ['Face to face', null],
    ['', null],
  ])('reads %p as %p', (cell, expected) => {
    expect(parseFormat(cell)).toBe(expected);
  });
});

describe('parseImportDate', () => {
  it.each([
    ['2022-06-14', '2022-06-14'],
    [' 2022-06-14 ', '2022-06-14'],
    ['14/06/2022', '2022-06-14'],
    ['4/6/2022', '2022-06-04'],
    // A spreadsheet's serial (1900 system): 44726 is 14 June 2022; a time of day is left out.
    [44726, '2022-06-14'],
    [44726.75, '2022-06-14'],
  ])('reads %p as %p', (cell, date) => {
    expect(parseImportDate(cell)).toEqual({ date });
  });

  it('reads a serial of the 1904 system', () => {
    // 43264 days after 1 January 1904 is 14 June 2022.
    expect(parseImportDate(43264, true)).toEqual({ date: '2022-06-14' });
  });

  it.each([['2022-02-30'], ['06/14/2022'], ['14 June 2022'], [0], [-3]])('refuses %p', (cell) => {
    expect(parseImportDate(cell)).toEqual({
      problem: 'must be a date written YYYY-MM-DD (or DD/MM/YYYY)',
    });
  });

  it('asks for a blank date', () => {
    expect(parseImportDate('')).toEqual({ problem: 'is required' });
    expect(parseImportDate(null)).toEqual({ problem: 'is required' });
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['180', null, 180],
    [' 3 ', 0, 3],
    [90, null, 90],
    ['', 0, 0],
    [null, 0, 0],
    ['-1', 0, -1],
  ])('reads %p (blank as %p) as %p', (cell, blankAs, value) => {
    expect(parseWholeNumber(cell, blankAs)).toEqual({ value });
  });

  it.each([['1.5'], [1.5], ['two'], ['3 people']])('refuses %p', (cell) => {
    expect(parseWholeNumber(cell, 0)).toEqual({ problem: 'must be a whole number' });
  });

  it('asks for a blank when it must be given', () => {
    expect(parseWholeNumber('', null)).toEqual({ problem: 'is required' });
  });
});

describe('readHeader', () => {
  it('finds each column wherever it is and however it is written', () => {
    const header = [...HEADER].reverse().map((h) => h.replace(/_/g, ' ').toUpperCase());
    const sut = readHeader(header);
    expect('columns' in sut && sut.columns.get('session_reference')).toBe(18);
    expect('columns' in sut && sut.columns.get('notes')).toBe(0);
  });

  it('needs neither engagement_id nor notes', () => {
    const sut = readHeader(HEADER.filter((h) => h !== 'engagement_id' && h !== 'notes'));
    expect('columns' in sut && sut.columns.has('engagement_id')).toBe(false);
  });

  it('names every required column missing', () => {
    expect(readHeader(['session_reference', 'topic', 'hr_lead'])).toEqual({
      missing: [
        'service_line',
        'delivered_on',
        'duration_minutes',
        'format',
        'local_authority',
        'lead_member',
        'leader_of_council',
        'cabinet_member',
        'councillor',
        'chief_executive',
        'director_of_childrens_services',
        'chief_finance_officer',
        'it_lead',
        'other_senior_leader',
      ],
    });
  });
});

describe('readSessionRows', () => {
  it('reads a cohort session of the reference scenario (S1) and a single-LA one (S2)', () => {
    const sut = read([
      // lead member, leader of the council, cabinet member, councillor
      row('S1', 'E06000001', ['1', '', '3']),
      row('S1', '806', ['1']),
      row('S1', 'Redcar and Cleveland', ['1', '0', '0', '1'], { notes: 'Slides sent after' }),
      [],
      row('S2', 'Leeds', [1, 1], {
        delivered_on: 44747,
        duration_minutes: 120,
        format: 'online',
        service_line: 'political leadership',
      }),
    ]);
    expect(sut.problems).toEqual([]);
    expect(sut.rowsRead).toBe(4);
    expect(sut.sessions).toEqual([
      {
        reference: 'S1',
        serviceLine: 'POLITICAL_LEADERSHIP',
        deliveredOn: '2022-06-14',
        durationMinutes: 180,
        format: 'IN_PERSON',
        topic: 'Corporate parenting for new lead members',
        notes: 'Slides sent after',
        rows: [
          {
            row: 2,
            localAuthority: 'E06000001',
            engagementId: null,
            attendance: [
              { role: 'LEAD_MEMBER', count: 1, column: 'lead_member' },
              { role: 'CABINET_MEMBER', count: 3, column: 'cabinet_member' },
            ],
          },
          {
            row: 3,
            localAuthority: '806',
            engagementId: null,
            attendance: [{ role: 'LEAD_MEMBER', count: 1, column: 'lead_member' }],
          },
          {
            row: 4,
            localAuthority: 'Redcar and Cleveland',
            engagementId: null,
            attendance: [
              { role: 'LEAD_MEMBER', count: 1, column: 'lead_member' },
              { role: 'COUNCILLOR', count: 1, column: 'councillor' },
            ],
          },
        ],
      },
      {
        reference: 'S2',
        serviceLine: 'POLITICAL_LEADERSHIP',
        deliveredOn: '2022-07-05',
        durationMinutes: 120,
        format: 'ONLINE',
        topic: 'Corporate parenting for new lead members',
        notes: null,
        rows: [
          {
            row: 6,
            localAuthority: 'Leeds',
            engagementId: null,
            attendance: [
              { role: 'LEAD_MEMBER', count: 1, column: 'lead_member' },
              { role: 'LEADER_OF_COUNCIL', count: 1, column: 'leader_of_council' },
            ],
          },
        ],
      },
    ]);
  });

  it('reports every bad cell by row and column, and leaves out the sessions they are in', () => {
    const sut = read([
      row('S1', 'E06000001', ['1']),
      row('S1', '', ['-1', 'x'], { delivered_on: '31/02/2022', duration_minutes: '1.5' }),
      row('S2', 'Leeds', ['1'], { service_line: 'Leadership', format: 'Face to face', topic: '' }),
      row('', 'Leeds', ['1']),
      row('S3', 'Leeds', []),
      row('S4', 'Leeds', ['1'], { engagement_id: 'e1' }),
    ]);
    expect(sut.problems).toEqual([
      {
        row: 3,
        column: 'delivered_on',
        message: 'must be a date written YYYY-MM-DD (or DD/MM/YYYY)',
      },
      { row: 3, column: 'duration_minutes', message: 'must be a whole number of minutes' },
      { row: 3, column: 'local_authority', message: 'is required' },
      { row: 3, column: 'lead_member', message: 'must not be negative' },
      { row: 3, column: 'leader_of_council', message: 'must be a whole number' },
      {
        row: 4,
        column: 'service_line',
        message:
          'must be one of POLITICAL_LEADERSHIP, CORPORATE_LEADERSHIP, LEAD_MEMBER_NETWORKS, CORPORATE_PARENTING_DIAGNOSTIC, COUNCILLOR_GROUPS, TARGETED_SUPPORT, COACHING_MENTORING',
      },
      { row: 4, column: 'format', message: 'must be IN_PERSON, ONLINE, HYBRID' },
      { row: 4, column: 'topic', message: 'is required' },
      { row: 5, column: 'session_reference', message: 'is required' },
      {
        row: 6,
        column: null,
        message:
          'counts no attendees: a row is an LA present at the session, with at least one attendee counted',
      },
    ]);
    expect(sut.sessions.map((s) => [s.reference, s.rows[0].engagementId])).toEqual([['S4', 'e1']]);
  });

  it('holds every row of a session to the same session fields', () => {
    const sut = read([
      row('S1', 'E06000001', ['1'], { notes: 'First' }),
      row('S1', 'E06000002', ['1'], { delivered_on: '2022-06-15', format: 'in person' }),
      row('S1', 'E06000003', ['1'], { duration_minutes: 90, notes: 'Second' }),
    ]);
    expect(sut.problems).toEqual([
      {
        row: 3,
        column: 'delivered_on',
        message: 'differs from row 2: every row of session S1 must give the same delivered_on',
      },
      {
        row: 4,
        column: 'duration_minutes',
        message: 'differs from row 2: every row of session S1 must give the same duration_minutes',
      },
      {
        row: 4,
        column: 'notes',
        message: 'differs from row 2: every row of session S1 must give the same notes',
      },
    ]);
    expect(sut.sessions).toEqual([]);
  });

  it('refuses a file that is not a sessions template, naming the columns it lacks', () => {
    expect(readSessionRows([['la', 'date', 'attendees', 'session_reference']])).toEqual({
      problem: expect.stringMatching(
        /^This is not a sessions template: it lacks the columns service_line, delivered_on, .*, other_senior_leader\. Nothing was imported/,
      ),
    });
    expect(readSessionRows([])).toEqual({ problem: expect.stringContaining('lacks the columns') });
  });

  it('refuses a file with no rows of sessions', () => {
    expect(readSessionRows([HEADER, [], ['', '']])).toEqual({
      problem: 'The file has no sessions: fill in one row per LA under the header.',
    });
  });

  it(`reads at most ${MAX_IMPORT_ROWS} rows`, () => {
    const rows = Array.from({ length: 501 }, (_, i) => row(`S${i}`, 'Leeds', ['1']));
    expect(readSessionRows([HEADER, ...rows])).toEqual({
      problem:
        'The file has 501 rows; at most 500 are imported at once. Split it into smaller files.',
    });
    expect('sessions' in readSessionRows([HEADER, ...rows.slice(1)])).toBe(true);
  });
});

describe('placeRefusal', () => {
  const session: SessionImportDraft = {
    reference: 'S1',
    serviceLine: 'POLITICAL_LEADERSHIP',
    deliveredOn: '2022-06-14',
    durationMinutes: 180,
    format: 'IN_PERSON',
    topic: 'Scrutiny',
    notes: null,
    rows: [
      { row: 7, localAuthority: 'E06000001', engagementId: null, attendance: [] },
      { row: 9, localAuthority: 'E06000002', engagementId: 'eng-2', attendance: [] },
    ],
  };
  const lines = [
    { row: 7, column: 'lead_member' as const },
    { row: 7, column: 'cabinet_member' as const },
    { row: 9, column: 'councillor' as const },
  ];
  const engagementRows = new Map([
    ['eng-1', session.rows[0]],
    ['eng-2', session.rows[1]],
  ]);

  it('puts session fields on its first row, attendance on the row and column it came from', () => {
    expect(
      placeRefusal(session, lines, engagementRows, {
        message: 'Invalid input.',
        fields: [
          { field: 'deliveredOn', message: 'must not be in the future' },
          { field: 'durationMinutes', message: 'must be a whole number of minutes from 15 to 720' },
          { field: 'attendance[1].count', message: 'must be a whole number from 1 to 1000' },
          { field: 'attendance[2].localAuthorityCode', message: 'is not one of the LAs' },
          { field: 'engagementIds', message: 'must all be under one contract' },
          { field: 'somethingElse', message: 'is wrong' },
        ],
      }),
    ).toEqual([
      { row: 7, column: 'delivered_on', message: 'must not be in the future' },
      {
        row: 7,
        column: 'duration_minutes',
        message: 'must be a whole number of minutes from 15 to 720',
      },
      { row: 7, column: 'cabinet_member', message: 'must be a whole number from 1 to 1000' },
      { row: 9, column: 'local_authority', message: 'is not one of the LAs' },
      {
        row: 7,
        column: 'local_authority',
        message: "the engagements of the session's LAs must all be under one contract",
      },
      { row: 7, column: null, message: 'is wrong' },
    ]);
  });

  it('puts a refusal about an engagement on the row that named it', () => {
    expect(
      placeRefusal(session, lines, engagementRows, {
        message: 'Engagement eng-2 is COMPLETED',
        engagementId: 'eng-2',
      }),
    ).toEqual([{ row: 9, column: 'engagement_id', message: 'Engagement eng-2 is COMPLETED' }]);
    expect(
      placeRefusal(session, lines, engagementRows, { message: 'Refused', engagementId: 'eng-1' }),
    ).toEqual([{ row: 7, column: 'local_authority', message: 'Refused' }]);
  });

  it('puts any other refusal on the first row', () => {
    expect(placeRefusal(session, lines, engagementRows, { message: 'Not yours' })).toEqual([
      { row: 7, column: null, message: 'Not yours' },
    ]);
  });
});
