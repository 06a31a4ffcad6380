import {
  ERASED_NAME,
  erasedRefusal,
  isAttendeeRole,
  isDueForErasure,
  keptUntil,
  normaliseParticipantName,
  participantEmail,
  participantProblems,
  retentionMonthsProblems,
} from './participant.rules';

describe('normaliseParticipantName', () => {
  it('trims and makes runs of spaces one', () => {
    expect(normaliseParticipantName('  Alex \t  Morgan \n')).toBe('Alex Morgan');
  });
});

describe('participantEmail', () => {
  it.each([
    [undefined, null],
    [null, null],
    ['   ', null],
    [' Alex.Morgan@Council.GOV.uk ', 'alex.morgan@council.gov.uk'],
  ])('%j is kept as %j', (given, kept) => {
    expect(participantEmail(given)).toBe(kept);
  });
});

describe('participantProblems', () => {
  const valid = { name: 'Alex Morgan', email: 'alex@council.gov.uk', role: 'LEADER_OF_COUNCIL' };

  it('finds nothing wrong with a name, an e-mail and an attendee role', () => {
    expect(participantProblems(valid)).toEqual([]);
  });

  it('takes a participant without an e-mail', () => {
    expect(participantProblems({ ...valid, email: null })).toEqual([]);
    expect(participantProblems({ ...valid, email: '' })).toEqual([]);
  });

  it('checks only the fields given, so a change may give one', () => {
    expect(participantProblems({})).toEqual([]);
    expect(participantProblems({ role: 'CHIEF_EXECUTIVE' })).toEqual([]);
  });

  it.each([[''], ['   '], [null], ['x'.repeat(201)]])('refuses the name %j', (name) => {
    expect(participantProblems({ ...valid, name })).toEqual([
      { field: 'name', message: 'must be 1 to 200 characters' },
    ]);
  });

  it('takes a name of 200 characters once trimmed', () => {
    expect(participantProblems({ ...valid, name: ` ${'x'.repeat(200)} ` })).toEqual([]);
  });

  it.each([['alex'], ['alex@council'], ['alex morgan@council.gov.uk'], ['@council.gov.uk']])(
    'refuses the e-mail %j',
    (email) => {
      expect(participantProblems({ ...valid, email })).toEqual([
        { field: 'email', message: 'must be an e-mail address like name@example.org' },
      ]);
    },
  );

  it('refuses a role that is not an attendee role', () => {
    expect(participantProblems({ ...valid, role: 'MAYOR' })).toEqual([
      { field: 'role', message: expect.stringContaining('must be one of LEAD_MEMBER') },
    ]);
  });

  it('reports every field at once', () => {
    expect(
      participantProblems({ name: '', email: 'nope', role: null }).map((p) => p.field),
    ).toEqual(['name', 'email', 'role']);
  });
});

describe('isAttendeeRole', () => {
  it('knows the roles of SPEC §5.5', () => {
    expect(isAttendeeRole('DIRECTOR_OF_CHILDRENS_SERVICES')).toBe(true);
    expect(isAttendeeRole('director_of_childrens_services')).toBe(false);
  });
});

describe('erasedRefusal', () => {
  it('lets a participant on record be erased or changed', () => {
    expect(erasedRefusal({ erasedAt: null })).toBeNull();
  });

  it('says when one already erased was erased', () => {
    expect(erasedRefusal({ erasedAt: new Date('2024-06-01T12:00:00Z') })).toBe(
      'This participant was erased at 2024-06-01T12:00:00.000Z: their name and e-mail are gone, and nothing is left to erase or change.',
    );
  });

  it('names the erased by a placeholder no person has', () => {
    expect(ERASED_NAME).toBe('Erased participant');
  });
});

describe('keptUntil', () => {
  it.each([
    ['2024-03-31', 6, '2024-09-30'],
    ['2024-03-31', 12, '2025-03-31'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-03-31', 0, '2024-03-31'],
  ])('%s + %i months is %s', (endsOn, months, until) => {
    expect(keptUntil(endsOn, months)).toBe(until);
  });
});

describe('isDueForErasure', () => {
  it.each([
    // Ended 2024-03-31, kept 6 months: to 2024-09-30 inclusive.
    ['2024-03-31', '2024-09-29', 6, false],
    ['2024-03-31', '2024-09-30', 6, false],
    ['2024-03-31', '2024-10-01', 6, true],
    ['2024-03-31', '2026-01-01', 6, true],
    // A programme still running is never due.
    ['2024-03-31', '2024-03-01', 0, false],
    ['2024-03-31', '2024-03-31', 0, false],
    ['2024-03-31', '2024-04-01', 0, true],
    // Short months clamp: ended 31 August, 6 months on is 29 February in a leap year.
    ['2023-08-31', '2024-02-29', 6, false],
    ['2023-08-31', '2024-03-01', 6, true],
    ['2022-08-31', '2023-02-28', 6, false],
    ['2022-08-31', '2023-03-01', 6, true],
    // Ended on a leap day: a year on there is no 29 February, so kept to the 28th.
    ['2024-02-29', '2025-02-28', 12, false],
    ['2024-02-29', '2025-03-01', 12, true],
    ['2024-02-29', '2028-02-29', 48, false],
    ['2024-02-29', '2028-03-01', 48, true],
    // Across the year end.
    ['2024-12-31', '2025-01-31', 1, false],
    ['2024-12-31', '2025-02-01', 1, true],
  ])('ended %s, on %s, kept %i months: %s', (endsOn, asOf, months, due) => {
    expect(isDueForErasure(endsOn, asOf, months)).toBe(due);
  });
});

describe('retentionMonthsProblems', () => {
  it.each([[0], [6], [120]])('takes %i months', (months) => {
    expect(retentionMonthsProblems(months)).toEqual([]);
  });

  it.each([[-1], [1.5], [121], [Number.NaN]])('refuses %d months', (months) => {
    expect(retentionMonthsProblems(months)).toEqual([
      {
        field: 'retentionMonths',
        message: 'must be a whole number of months from 0 to 120',
      },
    ]);
  });
});
