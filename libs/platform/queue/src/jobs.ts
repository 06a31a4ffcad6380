/**
 * Every job the worker runs: its queue, its name and the payload it carries (ids only, never
 * records, so a job always acts on the data as it is when it runs). Domain issues add theirs here.
 */
export interface JobPayloads {
  [name: string]: Record<string, string | number | boolean | null>;
}

export const QUEUE_PREFIX = 'la-tracker';

/** Job names, each with exactly one processor in the worker. */
export const JOB_NAMES: ReadonlyArray<keyof JobPayloads & string> = [];

/**
 * The worker refuses to start when a job has no processor, or two: a job nobody runs would wait
 * forever, and two processors would race for it.
 */
export function processorRegistryProblems(
  jobNames: readonly string[],
  handledNames: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const name of jobNames) {
    const count = handledNames.filter((handled) => handled === name).length;
    if (count === 0) problems.push(`job "${name}" has no processor`);
    if (count > 1) problems.push(`job "${name}" has ${count} processors`);
  }
  for (const name of new Set(handledNames)) {
    if (!jobNames.includes(name))
      problems.push(`a processor handles "${name}", which is not a declared job`);
  }
  return problems;
}
