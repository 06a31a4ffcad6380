import { isFinancialYear } from '@la-tracker/domain/calendar';
import type { IsoDate } from '@la-tracker/platform/time';
import { isProgrammeYear } from './programme.rules';
import type { ServiceLine } from './service-line';

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

/** For each financial year, oldest first, the version in force on a date; years with none are left out. */
export function targetsInForceByYear<T extends TargetVersion & { financialYear: string }>(
  versions: readonly T[],
  on: IsoDate,
): T[] {
  const years = [...new Set(versions.map((version) => version.financialYear))].sort();
  return years.flatMap((year) => {
    const version = targetInForce(
      versions.filter((candidate) => candidate.financialYear === year),
      on,
    );
    return version ? [version] : [];
  });
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

/**
 * What is wrong with a new version of a service line's target, field by field: the line is one of
 * the programme's, and the year one the programme runs in.
 */
export function targetSettingProblems(
  input: TargetInput & { serviceLine: ServiceLine; financialYear: string },
  programme: { startsOn: IsoDate; endsOn: IsoDate; serviceLines: readonly ServiceLine[] },
): Array<{ field: string; message: string }> {
  const problems = targetProblems(input);
  if (!programme.serviceLines.includes(input.serviceLine))
    problems.push({
      field: 'serviceLine',
      message: `${input.serviceLine} is not one of the programme's service lines`,
    });
  if (!isFinancialYear(input.financialYear))
    problems.push({ field: 'financialYear', message: 'must be written like 2022-23' });
  else if (!isProgrammeYear(programme, input.financialYear))
    problems.push({
      field: 'financialYear',
      message: `the programme does not run in ${input.financialYear} (${programme.startsOn} to ${programme.endsOn})`,
    });
  return problems;
}
