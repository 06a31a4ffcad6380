import {
  finishedMessage,
  IMPORT_PROGRESS,
  writingPercent,
} from './inspection-import-progress.rules';

describe('IMPORT_PROGRESS', () => {
  it('climbs from the first step to 100', () => {
    const steps = Object.values(IMPORT_PROGRESS);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[0]).toBeGreaterThan(0);
    expect(steps.at(-1)).toBe(100);
  });
});

describe('writingPercent', () => {
  it('starts where planning left off and ends at 95 once every event is written', () => {
    expect(writingPercent(0, 184)).toBe(60);
    expect(writingPercent(184, 184)).toBe(95);
  });

  it('moves in steps of 5, and only to 95 with the last event', () => {
    expect(writingPercent(1, 7)).toBe(65);
    expect(writingPercent(6, 7)).toBe(90);
    expect(writingPercent(199, 200)).toBe(90);
    expect(writingPercent(26, 184)).toBe(60); // 4.9% of the way: not yet a step
    expect(writingPercent(27, 184)).toBe(65);
  });

  it('never goes back as events are written, and takes a handful of values', () => {
    const total = 184;
    const percents = Array.from({ length: total + 1 }, (_, applied) =>
      writingPercent(applied, total),
    );
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect([...new Set(percents)]).toEqual([60, 65, 70, 75, 80, 85, 90, 95]);
  });

  it('is at 95 when there is nothing to write', () => {
    expect(writingPercent(0, 0)).toBe(95);
  });
});

describe('finishedMessage', () => {
  const counts = { added: Array(112), enriched: Array(68), corrected: Array(4), unchanged: 147 };

  it('gives the counts', () => {
    expect(finishedMessage({ ...counts, dryRun: false })).toBe(
      'Finished: 112 added, 68 enriched, 4 corrected, 147 unchanged',
    );
  });

  it('says a dry run wrote nothing', () => {
    expect(finishedMessage({ ...counts, dryRun: true })).toBe(
      'Finished the dry run (nothing was written): 112 added, 68 enriched, 4 corrected, 147 unchanged',
    );
  });
});
