import { duration, Progress, progressLine } from './progress';

describe('progressLine', () => {
  it('says how far, how fast and how long to go', () => {
    expect(
      progressLine({ done: 250_000, total: 1_000_000, rows: 900_000, elapsedMs: 30_000 }),
    ).toBe('sessions 250,000/1,000,000 (25%) · 900,000 rows · 30,000 rows/s · ETA 1m 30s');
  });

  it('gives no ETA before the first session or once done', () => {
    expect(progressLine({ done: 0, total: 10, rows: 0, elapsedMs: 0 })).toBe(
      'sessions 0/10 (0%) · 0 rows · 0 rows/s',
    );
    expect(progressLine({ done: 10, total: 10, rows: 40, elapsedMs: 2000 })).toBe(
      'sessions 10/10 (100%) · 40 rows · 20 rows/s',
    );
  });
});

describe('duration', () => {
  it('writes seconds, or minutes and seconds', () => {
    expect(duration(4_400)).toBe('4s');
    expect(duration(125_000)).toBe('2m 05s');
  });
});

describe('Progress', () => {
  const clockAt = (times: number[]) => () => times.shift() ?? 0;

  it('redraws in place on a terminal, at most every 100 ms', () => {
    const written: string[] = [];
    const sut = new Progress(
      { isTTY: true, write: (t: string) => written.push(t) },
      10,
      clockAt([0, 50, 60, 200, 300]),
    );
    sut.update(1, 4);
    sut.update(2, 8);
    sut.update(3, 12);
    sut.finish(10, 40);
    expect(written).toEqual([
      '\r\x1b[2Ksessions 1/10 (10%) · 4 rows · 80 rows/s · ETA 0s',
      '\r\x1b[2Ksessions 3/10 (30%) · 12 rows · 60 rows/s · ETA 0s',
      '\r\x1b[2Ksessions 10/10 (100%) · 40 rows · 133 rows/s',
      '\n',
    ]);
  });

  it('writes plain lines every five seconds elsewhere', () => {
    const written: string[] = [];
    const sut = new Progress(
      { write: (t: string) => written.push(t) },
      4,
      clockAt([0, 1000, 2000, 7000, 8000]),
    );
    sut.update(1, 10);
    sut.update(2, 20);
    sut.update(3, 30);
    sut.finish(4, 40);
    expect(written).toEqual(
      [
        'sessions 1/4 (25%) · 10 rows · 10 rows/s · ETA 3s',
        'sessions 3/4 (75%) · 30 rows · 4 rows/s · ETA 2s',
        'sessions 4/4 (100%) · 40 rows · 5 rows/s',
      ].map((line) => `${line}\n`),
    );
  });

  it('does not write the last line twice', () => {
    const written: string[] = [];
    const sut = new Progress(
      { write: (t: string) => written.push(t) },
      2,
      clockAt([0, 6000, 7000]),
    );
    sut.update(2, 20);
    sut.finish(2, 20);
    expect(written).toEqual(['sessions 2/2 (100%) · 20 rows · 3 rows/s\n']);
  });
});
