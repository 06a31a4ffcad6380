import {
  CORPORATE_PARENTING_PRINCIPLES,
  contractDateProblems,
  deliveryStartDate,
  DIAGNOSTIC_MOVES,
  DIAGNOSTIC_STATUSES,
  diagnosticsProgress,
  diagnosticStatusAllowing,
  isReportOpen,
  moveDateProblems,
  nextDiagnosticStatus,
  PRINCIPLE_WORDING,
  ratingProblems,
  ratingsByPrinciple,
  recommendationChangeProblems,
  recommendationProblems,
  stepBefore,
  unratedPrinciples,
  type DiagnosticMove,
  type DiagnosticStatus,
} from './diagnostic.rules';

const B4 = { reference: 'B4', startsOn: '2021-05-31', endsOn: '2024-03-31' };

describe('nextDiagnosticStatus', () => {
  // SPEC §5.6 written out: each move from the one state before it, and nothing else.
  const allowed: Array<[DiagnosticStatus, DiagnosticMove, DiagnosticStatus]> = [
    ['PLANNED', 'START_FIELDWORK', 'FIELDWORK'],
    ['FIELDWORK', 'SUBMIT_DRAFT_REPORT', 'DRAFT_REPORT'],
    ['DRAFT_REPORT', 'ISSUE_FINAL_REPORT', 'FINAL_REPORT'],
  ];

  it.each(allowed)('moves %s by %s to %s', (from, move, to) => {
    expect(nextDiagnosticStatus(from, move)).toBe(to);
  });

  const refused = DIAGNOSTIC_STATUSES.flatMap((from) =>
    DIAGNOSTIC_MOVES.filter((move) => !allowed.some(([f, m]) => f === from && m === move)).map(
      (move): [DiagnosticStatus, DiagnosticMove] => [from, move],
    ),
  );

  it('refuses the other 9 of the 12 pairs', () => {
    expect(refused).toHaveLength(9);
  });

  it.each(refused)('refuses %s by %s', (from, move) => {
    expect(nextDiagnosticStatus(from, move)).toBeNull();
  });
});

describe('diagnosticStatusAllowing', () => {
  it('names the one state each move starts from', () => {
    expect(DIAGNOSTIC_MOVES.map(diagnosticStatusAllowing)).toEqual([
      'PLANNED',
      'FIELDWORK',
      'DRAFT_REPORT',
    ]);
  });
});

describe('PRINCIPLE_WORDING', () => {
  it('gives the Act’s paragraph for each of the seven principles, in order', () => {
    expect(
      CORPORATE_PARENTING_PRINCIPLES.map((principle) => PRINCIPLE_WORDING[principle].slice(0, 7)),
    ).toEqual(['s1(1)(a', 's1(1)(b', 's1(1)(c', 's1(1)(d', 's1(1)(e', 's1(1)(f', 's1(1)(g']);
    expect(PRINCIPLE_WORDING.PREPARATION_FOR_ADULTHOOD).toBe(
      's1(1)(g): to prepare those children and young people for adulthood and independent living',
    );
  });
});

describe('moveDateProblems', () => {
  const context = {
    today: '2023-01-20',
    previous: { what: 'draft report', on: '2022-12-12' },
    contract: B4,
  };

  it('takes a past day after the step before, within the contract (the final report of 2023-01-16)', () => {
    expect(moveDateProblems('issuedOn', '2023-01-16', context)).toEqual([]);
  });

  it('takes today and the day of the step before', () => {
    expect(moveDateProblems('issuedOn', '2023-01-20', context)).toEqual([]);
    expect(moveDateProblems('issuedOn', '2022-12-12', context)).toEqual([]);
  });

  it('refuses tomorrow', () => {
    expect(moveDateProblems('issuedOn', '2023-01-21', context)).toEqual([
      { field: 'issuedOn', message: 'must not be in the future' },
    ]);
  });

  it('refuses a day before the step before', () => {
    expect(moveDateProblems('issuedOn', '2022-12-11', context)).toEqual([
      { field: 'issuedOn', message: 'must not be before the draft report (2022-12-12)' },
    ]);
  });

  it('refuses a day outside the contract', () => {
    expect(moveDateProblems('startedOn', '2021-05-30', { ...context, previous: null })).toEqual([
      { field: 'startedOn', message: 'must fall within contract B4 (2021-05-31 to 2024-03-31)' },
    ]);
  });

  it('refuses what is not a date', () => {
    expect(moveDateProblems('startedOn', '2023-02-30', context)).toEqual([
      { field: 'startedOn', message: 'must be a date (YYYY-MM-DD)' },
    ]);
  });
});

describe('contractDateProblems', () => {
  it('takes the contract’s first and last days', () => {
    expect(contractDateProblems('plannedOn', '2021-05-31', B4)).toEqual([]);
    expect(contractDateProblems('plannedOn', '2024-03-31', B4)).toEqual([]);
  });

  it('refuses the day after it ends', () => {
    expect(contractDateProblems('plannedOn', '2024-04-01', B4)).toHaveLength(1);
  });
});

describe('stepBefore', () => {
  const steps = { fieldworkStartedOn: '2022-10-03', draftReportOn: '2022-12-12' };

  it('has none before fieldwork', () => {
    expect(stepBefore('START_FIELDWORK', steps)).toBeNull();
  });

  it('is the start of fieldwork for the draft, and the draft for the final report', () => {
    expect(stepBefore('SUBMIT_DRAFT_REPORT', steps)).toEqual({
      what: 'start of fieldwork',
      on: '2022-10-03',
    });
    expect(stepBefore('ISSUE_FINAL_REPORT', steps)).toEqual({
      what: 'draft report',
      on: '2022-12-12',
    });
  });

  it('is none where the step has no day yet', () => {
    expect(
      stepBefore('SUBMIT_DRAFT_REPORT', { fieldworkStartedOn: null, draftReportOn: null }),
    ).toBeNull();
  });
});

describe('deliveryStartDate', () => {
  it('is the planned day once it has come', () => {
    expect(deliveryStartDate('2022-09-05', '2022-09-20')).toBe('2022-09-05');
    expect(deliveryStartDate('2022-09-20', '2022-09-20')).toBe('2022-09-20');
  });

  it('is today for a plan ahead', () => {
    expect(deliveryStartDate('2022-10-03', '2022-09-20')).toBe('2022-09-20');
  });
});

describe('unratedPrinciples', () => {
  it('lists every principle before any is rated', () => {
    expect(unratedPrinciples([])).toEqual([...CORPORATE_PARENTING_PRINCIPLES]);
  });

  it('lists those left, in the Act’s order', () => {
    expect(
      unratedPrinciples([
        'BEST_INTERESTS_AND_WELLBEING',
        'EXPRESS_VIEWS',
        'ACCESS_TO_SERVICES',
        'HIGH_ASPIRATIONS',
        'SAFETY_AND_STABILITY',
      ]),
    ).toEqual(['TAKE_VIEWS_INTO_ACCOUNT', 'PREPARATION_FOR_ADULTHOOD']);
  });

  it('is empty once all seven are rated', () => {
    expect(unratedPrinciples([...CORPORATE_PARENTING_PRINCIPLES])).toEqual([]);
  });
});

describe('isReportOpen', () => {
  it('is open until the final report', () => {
    expect(DIAGNOSTIC_STATUSES.map(isReportOpen)).toEqual([true, true, true, false]);
  });
});

describe('ratingProblems', () => {
  const rating = {
    principle: 'EXPRESS_VIEWS',
    rating: 'AMBER',
    commentary: 'Children in care council meets, but rarely with members present.',
  };

  it('takes a known principle, a RAG rating and commentary', () => {
    expect(ratingProblems(rating)).toEqual([]);
  });

  it('refuses an unknown principle', () => {
    expect(ratingProblems({ ...rating, principle: 'VALUE_FOR_MONEY' })).toEqual([
      {
        field: 'principle',
        message:
          'must be one of the seven corporate parenting principles: BEST_INTERESTS_AND_WELLBEING, EXPRESS_VIEWS, TAKE_VIEWS_INTO_ACCOUNT, ACCESS_TO_SERVICES, HIGH_ASPIRATIONS, SAFETY_AND_STABILITY, PREPARATION_FOR_ADULTHOOD',
      },
    ]);
  });

  it('refuses another rating, and commentary empty or too long', () => {
    expect(ratingProblems({ ...rating, rating: 'BLUE', commentary: '  ' })).toEqual([
      { field: 'rating', message: 'must be RED, AMBER, GREEN' },
      { field: 'commentary', message: 'must be 1 to 4000 characters' },
    ]);
    expect(ratingProblems({ ...rating, commentary: 'x'.repeat(4001) })).toHaveLength(1);
    expect(ratingProblems({ ...rating, commentary: 'x'.repeat(4000) })).toEqual([]);
  });
});

describe('recommendationProblems', () => {
  const recommendation = {
    text: 'Set up a corporate parenting board chaired by the leader.',
    ownerRole: 'LEADER_OF_COUNCIL',
    dueOn: '2023-06-30',
    enabler: 'LEADERSHIP_AND_GOVERNANCE',
    status: 'OPEN',
  };

  it('takes a full recommendation, and a change of one field', () => {
    expect(recommendationProblems(recommendation)).toEqual([]);
    expect(recommendationProblems({ status: 'DONE' })).toEqual([]);
  });

  it('refuses each bad field', () => {
    expect(
      recommendationProblems({
        text: '',
        ownerRole: 'MAYOR',
        dueOn: '30/06/2023',
        enabler: 'LUCK',
        status: 'LATE',
      }).map((problem) => problem.field),
    ).toEqual(['text', 'ownerRole', 'dueOn', 'enabler', 'status']);
  });
});

describe('recommendationChangeProblems', () => {
  it('lets anything change while the report is open', () => {
    expect(recommendationChangeProblems('DRAFT_REPORT', ['text', 'dueOn', 'status'])).toEqual([]);
  });

  it('lets only the status move after the final report', () => {
    expect(recommendationChangeProblems('FINAL_REPORT', ['status'])).toEqual([]);
    expect(
      recommendationChangeProblems('FINAL_REPORT', ['text', 'status', 'dueOn']).map(
        (problem) => problem.field,
      ),
    ).toEqual(['text', 'dueOn']);
  });
});

describe('diagnosticsProgress', () => {
  it('counts the reference year: 1 final report against the target of 12', () => {
    expect(diagnosticsProgress(new Map([['FINAL_REPORT', 1]]), 12)).toEqual({
      target: 12,
      planned: 0,
      inProgress: 0,
      finalReports: 1,
      total: 1,
      remaining: 11,
    });
  });

  it('counts fieldwork and drafts as in progress', () => {
    expect(
      diagnosticsProgress(
        new Map([
          ['PLANNED', 2],
          ['FIELDWORK', 3],
          ['DRAFT_REPORT', 4],
          ['FINAL_REPORT', 5],
        ]),
        12,
      ),
    ).toEqual({ target: 12, planned: 2, inProgress: 7, finalReports: 5, total: 14, remaining: 7 });
  });

  it('has nothing remaining past the target, and no remainder without one', () => {
    expect(diagnosticsProgress(new Map([['FINAL_REPORT', 13]]), 12).remaining).toBe(0);
    expect(diagnosticsProgress(new Map(), null)).toEqual({
      target: null,
      planned: 0,
      inProgress: 0,
      finalReports: 0,
      total: 0,
      remaining: null,
    });
  });
});

describe('ratingsByPrinciple', () => {
  it('gives seven rows in the Act’s order, unrated principles at 0', () => {
    const rows = ratingsByPrinciple([
      { principle: 'EXPRESS_VIEWS', rating: 'RED', count: 2 },
      { principle: 'EXPRESS_VIEWS', rating: 'GREEN', count: 1 },
      { principle: 'BEST_INTERESTS_AND_WELLBEING', rating: 'AMBER', count: 3 },
    ]);
    expect(rows.map((row) => row.principle)).toEqual([...CORPORATE_PARENTING_PRINCIPLES]);
    expect(rows[0]).toEqual({
      principle: 'BEST_INTERESTS_AND_WELLBEING',
      red: 0,
      amber: 3,
      green: 0,
    });
    expect(rows[1]).toEqual({ principle: 'EXPRESS_VIEWS', red: 2, amber: 0, green: 1 });
    expect(rows[6]).toEqual({ principle: 'PREPARATION_FOR_ADULTHOOD', red: 0, amber: 0, green: 0 });
  });
});
