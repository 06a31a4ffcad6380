import type { IsoDate } from '@la-tracker/platform/time';

/**
 * What a target counts to: a number, or a reach that depends on the year (every LA active in it,
 * every region), or none at all.
 */
export const TARGET_BASES = ['NUMBER', 'EVERY_ACTIVE_LA', 'EVERY_REGION', 'NONE'] as const;
export type TargetBasis = (typeof TARGET_BASES)[number];

export interface TargetVersion {
  targetBasis: TargetBasis;
  target: number | null;
  cap: number | null;
  effectiveFrom: IsoDate;
  /** Breaks ties between versions taking effect the same day: the later recorded wins. */
  createdAt: Date;
}

/** The version in force on a date: the latest to take effect on or before it, if any. */
export function targetInForce<T extends TargetVersion>(
  versions: readonly T[],
  on: IsoDate,
): T | undefined {
  return versions
    .filter((version) => version.effectiveFrom <= on)
    .reduce<T | undefined>(
      (latest, version) =>
        latest === undefined ||
        version.effectiveFrom > latest.effectiveFrom ||
        (version.effectiveFrom === latest.effectiveFrom &&
          version.createdAt.getTime() >= latest.createdAt.getTime())
          ? version
          : latest,
      undefined,
    );
}

/** The number a target comes to in a year, given how many LAs were active and how many regions. */
export function targetNumber(
  version: Pick<TargetVersion, 'targetBasis' | 'target'>,
  counts: { activeLocalAuthorities: number; regions: number },
): number | null {
  switch (version.targetBasis) {
    case 'NUMBER':
      return version.target;
    case 'EVERY_ACTIVE_LA':
      return counts.activeLocalAuthorities;
    case 'EVERY_REGION':
      return counts.regions;
    case 'NONE':
      return null;
  }
}

export interface TargetInput {
  targetBasis: TargetBasis;
  target?: number | null;
  cap?: number | null;
}

/** What is wrong with a target as given, field by field. */
export function targetProblems(input: TargetInput): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const hasTarget = input.target !== undefined && input.target !== null;
  if (input.targetBasis === 'NUMBER' && !hasTarget)
    problems.push({ field: 'target', message: 'is needed when the basis is NUMBER' });
  if (input.targetBasis !== 'NUMBER' && hasTarget)
    problems.push({
      field: 'target',
      message: `must be left out when the basis is ${input.targetBasis}`,
    });
  for (const field of ['target', 'cap'] as const) {
    const value = input[field];
    if (
      value !== undefined &&
      value !== null &&
      (!Number.isInteger(value) || value < 0 || value > 100_000)
    )
      problems.push({ field, message: 'must be a whole number from 0 to 100000' });
  }
  return problems;
}
