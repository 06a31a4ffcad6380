import {
  cpuTicksOf,
  duplicatesOf,
  megabytesOf,
  peakRssKbOf,
  ratePerSecond,
  ratioOf,
} from './job-figures';

describe('ratePerSecond', () => {
  it('is items per second to one decimal place', () => {
    expect(ratePerSecond(100_000, 40_000)).toBe(2500);
    expect(ratePerSecond(1_000, 3_000)).toBe(333.3);
  });

  it('is 0 when nothing was done or no time passed', () => {
    expect(ratePerSecond(0, 1_000)).toBe(0);
    expect(ratePerSecond(10, 0)).toBe(0);
  });
});

describe('ratioOf', () => {
  it('is the measured figure over the reference, to three places', () => {
    expect(ratioOf(23.3, 4_000)).toBe(0.006);
    expect(ratioOf(2_000, 4_000)).toBe(0.5);
    expect(ratioOf(1, 3)).toBe(0.333);
  });

  it('is null without a reference', () => {
    expect(ratioOf(5, 0)).toBeNull();
  });
});

describe('duplicatesOf', () => {
  it('counts every copy beyond the first of a reference', () => {
    expect(duplicatesOf(['a', 'b', 'a', 'c', 'a', 'b'])).toBe(3);
  });

  it('is 0 when each arrived once', () => {
    expect(duplicatesOf(['a', 'b', 'c'])).toBe(0);
    expect(duplicatesOf([])).toBe(0);
  });
});

describe('peakRssKbOf', () => {
  it('reads VmHWM from a /proc status text', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  187392 kB\nVmRSS:\t  150000 kB\n';
    expect(peakRssKbOf(status)).toBe(187392);
  });

  it('is null when the line is missing', () => {
    expect(peakRssKbOf('Name:\tnode\n')).toBeNull();
  });
});

describe('megabytesOf', () => {
  it('turns kilobytes into megabytes to one decimal place', () => {
    expect(megabytesOf(187_392)).toBe(183);
    expect(megabytesOf(1_536)).toBe(1.5);
  });
});

describe('cpuTicksOf', () => {
  it('adds user and system time, counting fields after the name', () => {
    const stat =
      '4242 (node worker) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 11 0 100 0 0';
    expect(cpuTicksOf(stat)).toBe(1801);
  });

  it('is null for a text that is not a stat line', () => {
    expect(cpuTicksOf('nothing here')).toBeNull();
  });
});
