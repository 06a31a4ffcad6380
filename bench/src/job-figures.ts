/** Pure arithmetic of the report and reminder figures, kept apart so it can be tested alone. */

/** Items per second, to one decimal place; 0 when no time passed or nothing was done. */
export function ratePerSecond(items: number, elapsedMs: number): number {
  if (items <= 0 || elapsedMs <= 0) return 0;
  return Math.round((items / elapsedMs) * 10_000) / 10;
}

/** `measured ÷ reference` to three decimal places; null when the reference is 0. */
export function ratioOf(measured: number, reference: number): number | null {
  if (reference <= 0) return null;
  return Math.round((measured / reference) * 1000) / 1000;
}

/**
 * How many messages arrived beyond the first for their notification: the references received,
 * each a notification's id, counted once each, the rest being duplicates.
 */
export function duplicatesOf(references: readonly (string | null)[]): number {
  const seen = new Set<string | null>();
  let duplicates = 0;
  for (const reference of references) {
    if (seen.has(reference)) duplicates += 1;
    else seen.add(reference);
  }
  return duplicates;
}

/** The peak resident set size in a Linux `/proc/<pid>/status` text (VmHWM), in kB; null if absent. */
export function peakRssKbOf(status: string): number | null {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : null;
}

/** Kilobytes to megabytes (1024 kB each), to one decimal place. */
export function megabytesOf(kilobytes: number): number {
  return Math.round((kilobytes / 1024) * 10) / 10;
}

/**
 * The CPU time a process has used, user and system, in clock ticks, from a Linux
 * `/proc/<pid>/stat` text; its name (in brackets) may hold spaces, so fields are counted after it.
 */
export function cpuTicksOf(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, utime field 14 and stime field 15 of the whole line.
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : null;
}
