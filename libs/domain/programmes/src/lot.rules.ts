import type { IsoDate } from '@la-tracker/platform/time';
import { compareServiceLines, SERVICE_LINES, type ServiceLine } from './service-line';

export interface LotPeriod {
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export function isLotInForce(lot: LotPeriod, on: IsoDate): boolean {
  return lot.validFrom <= on && (lot.validTo === null || lot.validTo >= on);
}

/** Lots that have not ended by a date: those in force, and those a variation will bring in. */
export function lotsNotEndedBy<L extends LotPeriod>(lots: readonly L[], on: IsoDate): L[] {
  return lots.filter((lot) => lot.validTo === null || lot.validTo >= on);
}

/** The lot holding a service line on a date, so delivery reports under the lot it was made in. */
export function lotOf<L extends LotPeriod & { serviceLines: readonly ServiceLine[] }>(
  lots: readonly L[],
  serviceLine: ServiceLine,
  on: IsoDate,
): L | undefined {
  return lots.find((lot) => isLotInForce(lot, on) && lot.serviceLines.includes(serviceLine));
}

export interface LotGrouping {
  number: number;
  title: string;
  serviceLines: readonly ServiceLine[];
}

/**
 * What is wrong with a grouping of a programme's service lines into lots: each lot numbered once
 * and titled, each service line of the programme in exactly one lot.
 */
export function lotGroupingProblems(
  lots: readonly LotGrouping[],
  programmeServiceLines: readonly ServiceLine[],
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (lots.length === 0) problems.push({ field: 'lots', message: 'must hold at least one lot' });
  const numbers = new Set<number>();
  const placed = new Map<ServiceLine, number>();
  lots.forEach((lot, i) => {
    if (!Number.isInteger(lot.number) || lot.number < 1 || lot.number > 99)
      problems.push({ field: `lots[${i}].number`, message: 'must be a whole number from 1 to 99' });
    else if (numbers.has(lot.number))
      problems.push({ field: `lots[${i}].number`, message: `lot ${lot.number} is given twice` });
    numbers.add(lot.number);
    if (lot.title.trim() === '' || lot.title.length > 200)
      problems.push({ field: `lots[${i}].title`, message: 'must be 1 to 200 characters' });
    if (lot.serviceLines.length === 0)
      problems.push({ field: `lots[${i}].serviceLines`, message: 'must hold a service line' });
    for (const line of lot.serviceLines) {
      if (!programmeServiceLines.includes(line))
        problems.push({
          field: `lots[${i}].serviceLines`,
          message: `${line} is not one of the programme's service lines`,
        });
      else if (placed.has(line))
        problems.push({
          field: `lots[${i}].serviceLines`,
          message: `${line} is already in lot ${placed.get(line)}`,
        });
      else placed.set(line, lot.number);
    }
  });
  const missing = programmeServiceLines.filter((line) => !placed.has(line));
  if (missing.length > 0)
    problems.push({ field: 'lots', message: `leave no service line out: ${missing.join(', ')}` });
  return problems;
}

/** One lot per service line, numbered in service-line order: a programme that names no lots. */
export function defaultLotGrouping(
  serviceLines: ReadonlyArray<{ code: ServiceLine; name: string }>,
): LotGrouping[] {
  return [...serviceLines]
    .sort((a, b) => compareServiceLines(a.code, b.code))
    .map((line, i) => ({ number: i + 1, title: line.name, serviceLines: [line.code] }));
}

/**
 * What is wrong with the day a variation regroups the lots: within the programme, and after the
 * first day of every lot still open, so each of those keeps at least one day of its own.
 */
export function variationDateProblems(
  effectiveOn: IsoDate,
  programme: { startsOn: IsoDate; endsOn: IsoDate },
  openLots: readonly LotPeriod[],
): Array<{ field: string; message: string }> {
  if (effectiveOn < programme.startsOn || effectiveOn > programme.endsOn)
    return [
      {
        field: 'effectiveOn',
        message: `must fall within the programme (${programme.startsOn} to ${programme.endsOn})`,
      },
    ];
  const latest = openLots.reduce<IsoDate | null>(
    (max, lot) => (max === null || lot.validFrom > max ? lot.validFrom : max),
    null,
  );
  return latest !== null && effectiveOn <= latest
    ? [{ field: 'effectiveOn', message: `must be after ${latest}, when the open lots began` }]
    : [];
}

/** Service lines in the order SPEC §7 lists them. */
export function inServiceLineOrder(lines: Iterable<ServiceLine>): ServiceLine[] {
  const set = new Set(lines);
  return SERVICE_LINES.filter((line) => set.has(line));
}
