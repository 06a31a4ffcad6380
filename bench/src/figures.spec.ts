import {
  atLeast,
  atMost,
  boundedByDepth,
  connectionsFor,
  markdownTable,
  median,
  percentile,
  ratio,
  ratiosTable,
  remindersTable,
  reportsTable,
  sideFigures,
  targetsTable,
  type RunFigures,
} from './figures';

const run = (requestsPerSecond: number, p50Ms: number, errors = 0): RunFigures => ({
  requestsPerSecond,
  p50Ms,
  p95Ms: p50Ms * 2,
  p99Ms: p50Ms * 3,
  requests: requestsPerSecond * 10,
  errors,
});

describe('median', () => {
  it('is the middle of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('is null for nothing', () => {
    expect(median([])).toBeNull();
  });
});

describe('percentile', () => {
  const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];

  it('takes the nearest rank', () => {
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
  });

  it('is the only value of one', () => {
    expect(percentile([42], 99)).toBe(42);
  });

  it('is null for nothing', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('sideFigures', () => {
  it('takes each figure’s median over the rounds and keeps the rounds', () => {
    const rounds = [run(100, 20), run(300, 10, 2), run(200, 30)];
    const sut = sideFigures(rounds);
    expect(sut.median).toEqual({
      requestsPerSecond: 200,
      p50Ms: 20,
      p95Ms: 40,
      p99Ms: 60,
      requests: 2000,
      errors: 0,
    });
    expect(sut.rounds).toHaveLength(3);
  });

  it('takes latency only from rounds in which something was answered', () => {
    // Two rounds answered nothing (every request timed out): latency is the third's alone.
    const sut = sideFigures([run(0, 0, 20), run(0, 0, 20), run(5, 900)]);
    expect(sut.median).toMatchObject({ requestsPerSecond: 0, p50Ms: 900, p95Ms: 1800 });
  });
});

describe('connectionsFor', () => {
  it('keeps the configured connections for a request of half a second or less', () => {
    expect(connectionsFor(500, 10)).toBe(10);
  });

  it('uses two for a slower request, or fewer if fewer are configured', () => {
    expect(connectionsFor(1082, 10)).toBe(2);
    expect(connectionsFor(1082, 1)).toBe(1);
  });
});

describe('ratio', () => {
  it('divides to two decimal places', () => {
    expect(ratio(250, 200)).toBe(1.25);
    expect(ratio(1, 3)).toBe(0.33);
  });

  it('is null when a side is missing or the divisor is 0', () => {
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(2, undefined)).toBeNull();
    expect(ratio(2, 0)).toBeNull();
    // Nothing measured on one side (every request failed) is no ratio, not a perfect one.
    expect(ratio(0, 951)).toBeNull();
  });
});

describe('atLeast and atMost', () => {
  it('meets a lower bound at or above it', () => {
    expect(atLeast(1.2, 1.2)).toEqual({ target: '≥ 1.2', met: true });
    expect(atLeast(1.19, 1.2)).toEqual({ target: '≥ 1.2', met: false });
  });

  it('meets an upper bound at or below it', () => {
    expect(atMost(1.25, 1.25)).toEqual({ target: '≤ 1.25', met: true });
    expect(atMost(1.3, 1.25)).toEqual({ target: '≤ 1.25', met: false });
  });

  it('leaves an unmeasured figure undecided', () => {
    expect(atMost(null, 300).met).toBeNull();
  });
});

describe('boundedByDepth', () => {
  it('holds when no size costs more than the bound', () => {
    expect(
      boundedByDepth(
        [
          { label: 'first: 50', statements: 7 },
          { label: 'first: 10', statements: 5 },
        ],
        7,
      ),
    ).toBe(true);
  });

  it('fails when a size costs more than the bound', () => {
    expect(boundedByDepth([{ label: 'first: 50', statements: 53 }], 7)).toBe(false);
  });

  it('is undecided without a bound or a count', () => {
    expect(boundedByDepth([{ label: 'x', statements: 3 }], null)).toBeNull();
    expect(boundedByDepth([{ label: 'x', statements: null }], 7)).toBeNull();
  });
});

describe('markdownTable', () => {
  it('writes one row per scenario and side', () => {
    expect(
      markdownTable([
        {
          scenario: 'nested',
          side: 'api',
          figures: run(123.456, 7.25),
          statements: '7 (first: 50)',
        },
      ]),
    ).toBe(
      [
        '| scenario | side | req/s | p50 ms | p95 ms | p99 ms | errors | SQL statements |',
        '|---|---|---:|---:|---:|---:|---:|---|',
        '| nested | api | 123.5 | 7.3 | 14.5 | 21.8 | 0 | 7 (first: 50) |',
        '',
      ].join('\n'),
    );
  });
});

describe('targetsTable', () => {
  it('says met, missed or not measured', () => {
    expect(
      targetsTable([
        { name: 'a', measured: '1.3', target: '≥ 1.2', met: true },
        { name: 'b', measured: '2', target: '≤ 1.25', met: false },
        { name: 'c', measured: 'n/a', target: '≤ 300', met: null },
      ]),
    ).toBe(
      [
        '| target | measured | wanted | outcome |',
        '|---|---|---|---|',
        '| a | 1.3 | ≥ 1.2 | met |',
        '| b | 2 | ≤ 1.25 | missed |',
        '| c | n/a | ≤ 300 | not measured |',
        '',
      ].join('\n'),
    );
  });
});

describe('ratiosTable', () => {
  it("gives the api's req/s, p50 and p95 over each other side's, skipping sides not measured", () => {
    const side = (requestsPerSecond: number, p50Ms: number, p95Ms: number) => ({
      median: { requestsPerSecond, p50Ms, p95Ms, p99Ms: 0, requests: 0, errors: 0 },
      rounds: [],
    });
    expect(
      ratiosTable({
        nested: {
          sides: {
            api: side(60, 150, 300),
            floor: side(120, 50, 100),
            postgraphile: side(40, 200, 400),
          },
        },
        recordSession: { sides: { api: side(90, 100, 130) } },
      }),
    ).toBe(
      [
        '| scenario | api vs | req/s (api ÷ side) | p50 (api ÷ side) | p95 (api ÷ side) |',
        '|---|---|---:|---:|---:|',
        '| nested | floor | 0.50 | 3.00 | 3.00 |',
        '| nested | postgraphile | 1.50 | 0.75 | 0.75 |',
        '',
      ].join('\n'),
    );
  });
});

describe('reportsTable', () => {
  it('lists each report with its year, size, time and memory', () => {
    expect(
      reportsTable([
        {
          kind: 'SESSIONS_EXTRACT',
          format: 'XLSX',
          financialYear: '2025-26',
          rows: 5000,
          byteSize: 551433,
          seconds: 1.8,
          peakRssMb: 158.6,
          startRssMb: 151.5,
        },
      ]),
    ).toBe(
      [
        '| report | year | rows | bytes | seconds | peak RSS MB | RSS before building MB |',
        '|---|---|---:|---:|---:|---:|---:|',
        '| SESSIONS_EXTRACT (XLSX) | 2025-26 | 5000 | 551433 | 1.8 | 158.6 | 151.5 |',
        '',
      ].join('\n'),
    );
  });
});

describe('remindersTable', () => {
  it('shows both rates, their ratio and the duplicates', () => {
    expect(
      remindersTable({
        count: 2000,
        received: 2000,
        duplicates: 0,
        seconds: 41.3,
        scanSeconds: 13.8,
        remindersPerSecond: 48.4,
        sendsPerSecond: 72.7,
        noop: { jobsPerSecond: 2920.3 },
        ratio: 0.017,
        notifyLimit: 'lifted',
      }),
    ).toBe(
      [
        '| reminders | sent | duplicates | seconds (scan) | reminders/s | sends/s | BullMQ no-op jobs/s | ratio | Notify limit |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
        '| 2000 | 2000 | 0 | 41.3 (13.8) | 48.4 | 72.7 | 2920.3 | 0.017 | lifted |',
        '',
      ].join('\n'),
    );
  });
});
