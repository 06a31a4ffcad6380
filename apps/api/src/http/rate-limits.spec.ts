import { retryAfterSeconds } from './rate-limits';

describe('retryAfterSeconds', () => {
  it.each([
    [60_000, 60],
    [1_500, 2],
    [1_000, 1],
    [1, 1],
    [0, 1],
  ])('waits %i ms as %i whole seconds, never 0', (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });
});
