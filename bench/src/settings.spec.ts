import { benchSettings, databaseNameOf } from './settings';

describe('databaseNameOf', () => {
  it('names one database per scale', () => {
    expect(databaseNameOf(10)).toBe('la_tracker_bench_s10');
    expect(databaseNameOf(0.05)).toBe('la_tracker_bench_s0_05');
  });
});

describe('benchSettings', () => {
  it('measures scale 10 over 3 rounds of 10 s with 10 connections by default', () => {
    expect(benchSettings({})).toEqual({
      scale: 10,
      quick: false,
      rounds: 3,
      secondsPerRun: 10,
      connections: 10,
      reminders: 100_000,
      databaseUrl: undefined,
      redisUrl: undefined,
      databaseName: 'la_tracker_bench_s10',
    });
  });

  it('makes a quick trial at scale 0.05, one round of 3 s', () => {
    const sut = benchSettings({ BENCH_QUICK: '1' });
    expect([sut.scale, sut.rounds, sut.secondsPerRun, sut.reminders, sut.databaseName]).toEqual([
      0.05,
      1,
      3,
      2_000,
      'la_tracker_bench_s0_05',
    ]);
  });

  it('takes each setting from its variable', () => {
    const sut = benchSettings({
      BENCH_SCALE: '2',
      BENCH_ROUNDS: '5',
      BENCH_SECONDS: '4',
      BENCH_CONNECTIONS: '20',
      BENCH_REMINDERS: '500',
      DATABASE_URL: 'postgres://x@h/db',
      BENCH_DATABASE_NAME: 'mine',
    });
    expect(sut).toMatchObject({
      scale: 2,
      rounds: 5,
      secondsPerRun: 4,
      connections: 20,
      reminders: 500,
      databaseUrl: 'postgres://x@h/db',
      databaseName: 'mine',
    });
  });

  it('refuses a round count that is not a whole number above 0', () => {
    expect(() => benchSettings({ BENCH_ROUNDS: '1.5' })).toThrow(
      'BENCH_ROUNDS must be a whole number above 0 (got "1.5")',
    );
    expect(() => benchSettings({ BENCH_SCALE: '0' })).toThrow('BENCH_SCALE');
  });
});
