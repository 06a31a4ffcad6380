import type { IsoDate } from '@la-tracker/platform/time';
import {
  GRADED_KINDS,
  type Grade,
  type InspectionKind,
  type JudgementArea,
} from '../inspection.types';

/** What the linking needs of a row. */
export interface EventCandidate {
  laName: string;
  laCode: string | null;
  /** null when the table does not say (the latest-judgements tables). */
  kind: InspectionKind | null;
  inspectedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  identifiedBy: 'INSPECTION_DATE' | 'PUBLICATION_DATE';
  grades: ReadonlyMap<JudgementArea, Grade>;
}

export interface SameEvents {
  /** For each candidate, the number of its event (0, 1, …, in order of first appearance). */
  eventOf: number[];
  /** Pairs that look like one inspection by LA and dates but whose grades differ: left apart. */
  disagreements: Array<[number, number]>;
}

// Only to link rows of one file: "Bedford" and "Bedford Borough", "Telford & Wrekin" and "Telford
// and Wrekin" are written for the same LA in different tables of the 2024 edition. Matching to
// LAs is the importer's, by code or by name with aliases.
const NAME_NOISE = /\b(?:the|of|city|county|borough|council|royal|metropolitan|district)\b/g;

export function sameLocalAuthorityKey(laName: string, laCode: string | null): string {
  if (laCode !== null && laCode.trim() !== '')
    return `code:${laCode.replace(/\s+/g, '').toUpperCase()}`;
  const name = laName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\./g, 'st ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(NAME_NOISE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `name:${name}`;
}

const MAX_REPORT_DELAY_DAYS = 366;

function daysBetween(from: IsoDate, to: IsoDate): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function sameGrades(a: ReadonlyMap<JudgementArea, Grade>, b: ReadonlyMap<JudgementArea, Grade>) {
  return a.size === b.size && [...a].every(([area, grade]) => b.get(area) === grade);
}

const isGradedOrUnstated = (kind: InspectionKind | null) =>
  kind === null || GRADED_KINDS.includes(kind);

class DisjointSets {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * Which rows of one file describe the same event:
 * 1. rows of one LA with the same inspection date and kind (a row that states no kind joins the
 *    graded inspection of that day);
 * 2. a row known only by its publication date (the 2024 history table) and the graded inspection
 *    of the same LA that it is the report of: the first such publication on or after the
 *    inspection date, before the LA's next inspection and within a year, with the same grades.
 */
export function findSameEvents(candidates: readonly EventCandidate[]): SameEvents {
  const sets = new DisjointSets(candidates.length);
  const indexed = candidates.map((c, index) => ({
    ...c,
    index,
    la: sameLocalAuthorityKey(c.laName, c.laCode),
  }));
  const disagreements: Array<[number, number]> = [];

  const dated = indexed.filter((c) => c.inspectedOn !== null);
  for (const sameDay of groupBy(dated, (c) => `${c.la}|${c.inspectedOn}`).values()) {
    const byKind = groupBy(
      sameDay.filter((c) => c.kind !== null),
      (c) => c.kind as string,
    );
    for (const rows of byKind.values()) rows.forEach((c) => sets.union(rows[0].index, c.index));
    const unstated = sameDay.filter((c) => c.kind === null);
    unstated.forEach((c) => sets.union(unstated[0].index, c.index));
    const graded = [...byKind].filter(([kind]) => GRADED_KINDS.includes(kind as InspectionKind));
    if (unstated.length > 0 && graded.length === 1)
      sets.union(unstated[0].index, graded[0][1][0].index);
  }

  const byPublicationOnly = indexed.filter(
    (c) =>
      c.identifiedBy === 'PUBLICATION_DATE' && c.publishedOn !== null && isGradedOrUnstated(c.kind),
  );
  const inspections = dated.filter((c) => isGradedOrUnstated(c.kind));
  const publicationsByLa = groupBy(byPublicationOnly, (c) => c.la);
  for (const [la, ofLa] of groupBy(inspections, (c) => c.la)) {
    const reports = (publicationsByLa.get(la) ?? []).sort((a, b) =>
      (a.publishedOn as string).localeCompare(b.publishedOn as string),
    );
    const events = [...groupBy(ofLa, (c) => String(sets.find(c.index))).values()]
      .map((rows) => ({
        first: rows[0],
        inspectedOn: rows[0].inspectedOn as string,
        kind: rows.find((r) => r.kind !== null)?.kind ?? null,
        grades: rows.find((r) => r.grades.size > 0)?.grades ?? rows[0].grades,
      }))
      .sort((a, b) => a.inspectedOn.localeCompare(b.inspectedOn));
    const taken = new Set<number>();
    events.forEach((event, i) => {
      const nextInspection = events.slice(i + 1).find((e) => e.inspectedOn > event.inspectedOn);
      const report = reports.find(
        (r) =>
          !taken.has(r.index) &&
          (r.publishedOn as string) >= event.inspectedOn &&
          (!nextInspection || (r.publishedOn as string) < nextInspection.inspectedOn) &&
          daysBetween(event.inspectedOn, r.publishedOn as string) <= MAX_REPORT_DELAY_DAYS &&
          (event.kind === null || r.kind === null || event.kind === r.kind),
      );
      if (!report) return;
      taken.add(report.index);
      if (sameGrades(event.grades, report.grades)) sets.union(event.first.index, report.index);
      else disagreements.push([event.first.index, report.index]);
    });
  }

  const numbers = new Map<number, number>();
  const eventOf = indexed.map((c) => {
    const root = sets.find(c.index);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    return numbers.get(root) as number;
  });
  return { eventOf, disagreements };
}
