import {
  identifiersIn,
  missingIdentifiers,
  replayPlanOf,
  type CapturedStatement,
} from './sql-replay';

const statement = (text: string, startedAt: number, endedAt: number): CapturedStatement => ({
  tag: 't',
  text,
  params: [text.length],
  client: 1,
  startedAt,
  endedAt,
  rows: 1,
});

describe('replayPlanOf', () => {
  it('puts statements that overlapped in one step, in the order they started', () => {
    const sut = replayPlanOf([
      statement('page', 10, 20),
      statement('user', 0, 5),
      statement('count', 12, 25),
      statement('children', 24, 30),
      statement('grandchildren', 31, 40),
    ]);
    expect(sut.oneConnection).toBe(false);
    expect(sut.steps.map((step) => step.map((s) => s.text))).toEqual([
      ['user'],
      ['page', 'count', 'children'],
      ['grandchildren'],
    ]);
    expect(sut.steps[0]).toEqual([{ text: 'user', params: [4] }]);
  });

  it('keeps a transaction on one connection, one statement at a time', () => {
    const sut = replayPlanOf([
      statement('START TRANSACTION', 0, 1),
      statement('INSERT a', 1, 5),
      statement('INSERT b', 2, 6),
      statement('COMMIT', 7, 8),
    ]);
    expect(sut.oneConnection).toBe(true);
    expect(sut.steps).toHaveLength(4);
  });
});

describe('identifiersIn', () => {
  it('finds UUIDs and ONS codes at any depth, each once, in lower case', () => {
    const sut = identifiersIn({
      a: [{ id: 'AAAAAAAA-1111-2222-3333-444444444444' }, { gssCode: 'E09000001' }],
      b: { c: 'E09000001', name: 'City of London', n: 3, d: null },
    });
    expect([...sut].sort()).toEqual(['aaaaaaaa-1111-2222-3333-444444444444', 'e09000001']);
  });
});

describe('missingIdentifiers', () => {
  it('lists what the api answered that the floor lacks', () => {
    const api = { las: [{ gssCode: 'E09000001' }, { gssCode: 'E09000002' }] };
    const floor = [[{ gss_code: 'E09000002', extra: 'E09000003' }]];
    expect(missingIdentifiers(api, floor)).toEqual(['e09000001']);
  });

  it('is empty when the floor has them all', () => {
    expect(missingIdentifiers({ id: 'E09000001' }, ['E09000001'])).toEqual([]);
  });
});
