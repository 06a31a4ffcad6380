import {
  targetInForce,
  targetNumber,
  targetProblems,
  targetSettingProblems,
  targetsInForceByYear,
  type TargetVersion,
} from './target.rules';

const version = (
  effectiveFrom: string,
  recorded: string,
  change: Partial<TargetVersion> & { financialYear?: string } = {},
) => ({
  targetBasis: 'NUMBER' as const,
  target: 10,
  cap: null,
  effectiveFrom,
  createdAt: new Date(recorded),
  financialYear: '2022-23',
  ...change,
});

describe('targetInForce', () => {
  const first = version('2022-04-01', '2022-03-01T09:00:00Z', { target: 10 });
  const second = version('2022-10-01', '2022-09-01T09:00:00Z', { target: 12 });

  it('is undefined before any version takes effect, and for no versions', () => {
    expect(targetInForce([first, second], '2022-03-31')).toBeUndefined();
    expect(targetInForce([], '2022-06-01')).toBeUndefined();
  });

  it('is the latest to take effect on or before the date, in whatever order they come', () => {
    expect(targetInForce([second, first], '2022-04-01')).toBe(first);
    expect(targetInForce([second, first], '2022-09-30')).toBe(first);
    expect(targetInForce([first, second], '2022-10-01')).toBe(second);
    expect(targetInForce([second, first], '2023-03-31')).toBe(second);
  });

  it('takes the later recorded of two versions taking effect the same day', () => {
    const correction = version('2022-04-01', '2022-03-02T09:00:00Z', { target: 11 });
    expect(targetInForce([correction, first], '2022-05-01')).toBe(correction);
    expect(targetInForce([first, correction], '2022-05-01')).toBe(correction);
  });

  it('takes the one listed last of two recorded at the same instant', () => {
    const twin = version('2022-04-01', '2022-03-01T09:00:00Z', { target: 11 });
    expect(targetInForce([first, twin], '2022-05-01')).toBe(twin);
  });
});

describe('targetsInForceByYear', () => {
  it('gives each year its version in force on the date, oldest year first, skipping years with none', () => {
    const a = version('2021-05-31', '2021-05-01T00:00:00Z', { financialYear: '2022-23' });
    const b = version('2021-05-31', '2021-05-01T00:00:00Z', { financialYear: '2021-22' });
    const c = version('2022-06-01', '2022-05-01T00:00:00Z', { financialYear: '2022-23' });
    const future = version('2025-01-01', '2024-05-01T00:00:00Z', { financialYear: '2023-24' });
    expect(targetsInForceByYear([a, c, future, b], '2022-07-01')).toEqual([b, c]);
    expect(targetsInForceByYear([a, c, future, b], '2022-05-31')).toEqual([b, a]);
    expect(targetsInForceByYear([], '2022-05-31')).toEqual([]);
  });
});

describe('targetNumber', () => {
  const counts = { activeLocalAuthorities: 152, regions: 9 };

  it.each([
    ['NUMBER', 12, 12],
    ['EVERY_ACTIVE_LA', null, 152],
    ['EVERY_REGION', null, 9],
    ['NONE', null, null],
  ] as const)('comes to the right number for %s', (targetBasis, target, expected) => {
    expect(targetNumber({ targetBasis, target }, counts)).toBe(expected);
  });
});

describe('targetProblems', () => {
  const fields = (input: Parameters<typeof targetProblems>[0]) =>
    targetProblems(input).map((problem) => problem.field);

  it('accepts a number, a reach with a cap, and no target at all', () => {
    expect(targetProblems({ targetBasis: 'NUMBER', target: 12 })).toEqual([]);
    expect(targetProblems({ targetBasis: 'NUMBER', target: 0, cap: 0 })).toEqual([]);
    expect(targetProblems({ targetBasis: 'EVERY_ACTIVE_LA', target: null, cap: 100000 })).toEqual(
      [],
    );
    expect(targetProblems({ targetBasis: 'NONE' })).toEqual([]);
  });

  it('needs a number when the basis is NUMBER', () => {
    expect(targetProblems({ targetBasis: 'NUMBER' })).toEqual([
      { field: 'target', message: 'is needed when the basis is NUMBER' },
    ]);
    expect(fields({ targetBasis: 'NUMBER', target: null })).toEqual(['target']);
  });

  it('refuses a number for any other basis', () => {
    expect(targetProblems({ targetBasis: 'EVERY_REGION', target: 9 })).toEqual([
      { field: 'target', message: 'must be left out when the basis is EVERY_REGION' },
    ]);
  });

  it.each([-1, 2.5, 100001, Number.NaN])('refuses %p as a target or a cap', (value) => {
    expect(targetProblems({ targetBasis: 'NUMBER', target: value, cap: value })).toEqual([
      { field: 'target', message: 'must be a whole number from 0 to 100000' },
      { field: 'cap', message: 'must be a whole number from 0 to 100000' },
    ]);
  });
});

describe('targetSettingProblems', () => {
  const programme = {
    startsOn: '2021-05-31',
    endsOn: '2024-03-31',
    serviceLines: ['POLITICAL_LEADERSHIP', 'COACHING_MENTORING'] as const,
  };
  const input = {
    serviceLine: 'COACHING_MENTORING' as const,
    financialYear: '2022-23',
    targetBasis: 'NONE' as const,
    cap: 15,
  };

  it('accepts a year the programme runs in, for one of its service lines', () => {
    expect(targetSettingProblems(input, programme)).toEqual([]);
    expect(targetSettingProblems({ ...input, financialYear: '2021-22' }, programme)).toEqual([]);
    expect(targetSettingProblems({ ...input, financialYear: '2023-24' }, programme)).toEqual([]);
  });

  it('refuses a service line the programme does not buy', () => {
    expect(targetSettingProblems({ ...input, serviceLine: 'TARGETED_SUPPORT' }, programme)).toEqual(
      [
        {
          field: 'serviceLine',
          message: "TARGETED_SUPPORT is not one of the programme's service lines",
        },
      ],
    );
  });

  it('refuses a year not written as one, or outside the programme', () => {
    expect(targetSettingProblems({ ...input, financialYear: '2022/23' }, programme)).toEqual([
      { field: 'financialYear', message: 'must be written like 2022-23' },
    ]);
    expect(targetSettingProblems({ ...input, financialYear: '2024-25' }, programme)).toEqual([
      {
        field: 'financialYear',
        message: 'the programme does not run in 2024-25 (2021-05-31 to 2024-03-31)',
      },
    ]);
  });

  it('includes what is wrong with the target itself', () => {
    expect(
      targetSettingProblems({ ...input, targetBasis: 'NUMBER' }, programme).map((p) => p.field),
    ).toEqual(['target']);
  });
});
