/** How far an import has gone, for a person watching it. */
export interface InspectionImportProgress {
  /** 0 to 100; it never goes back within one run. */
  percent: number;
  message: string;
}

/** Where each step of an import leaves the percentage; writing moves it from PLANNED to WRITTEN. */
export const IMPORT_PROGRESS = {
  READ: 20,
  MATCHED: 40,
  PLANNED: 60,
  WRITTEN: 95,
  FINISHED: 100,
} as const;

const WRITING_STEP = 5;

/**
 * The percentage once `applied` of `total` events are written: from PLANNED, in steps of 5 so a
 * watcher sees a handful of moves rather than one per event, reaching WRITTEN only when all are.
 */
export function writingPercent(applied: number, total: number): number {
  const { PLANNED, WRITTEN } = IMPORT_PROGRESS;
  if (total <= 0 || applied >= total) return WRITTEN;
  const steps = Math.floor((Math.max(applied, 0) * (WRITTEN - PLANNED)) / (total * WRITING_STEP));
  return PLANNED + steps * WRITING_STEP;
}

/** The last word of a run, at FINISHED. */
export function finishedMessage(summary: {
  dryRun: boolean;
  added: readonly unknown[];
  enriched: readonly unknown[];
  corrected: readonly unknown[];
  unchanged: number;
}): string {
  const counts = `${summary.added.length} added, ${summary.enriched.length} enriched, ${summary.corrected.length} corrected, ${summary.unchanged} unchanged`;
  return summary.dryRun
    ? `Finished the dry run (nothing was written): ${counts}`
    : `Finished: ${counts}`;
}
