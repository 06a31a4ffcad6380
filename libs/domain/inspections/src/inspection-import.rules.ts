import type { IsoDate } from '@la-tracker/platform/time';
import {
  GRADED_KINDS,
  JUDGEMENT_AREAS,
  type InspectionKind,
  type Judgement,
  type JudgementArea,
} from './inspection.types';
import type { ParsedInspectionRow } from './ofsted-file/ofsted-file.types';

/** An event already recorded, as the planner sees it. */
export interface StoredEvent {
  id: string;
  localAuthorityId: string;
  kind: InspectionKind;
  inspectedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  theme: string | null;
  judgements: readonly Judgement[];
  /** Where it was first recorded from. */
  source: 'FILE' | 'USER';
  /** The newest edition (its "as at" date) an import took values of this event from; null if none. */
  edition: IsoDate | null;
}

export interface RowRef {
  sheet: string;
  row: number;
}

/** One event as one file states it: the union of what its rows say. */
export interface IncomingEvent {
  localAuthorityId: string;
  kind: InspectionKind;
  inspectedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  theme: string | null;
  judgements: Judgement[];
  /** Its rows, in file order; the first is the source an added event records. */
  rows: RowRef[];
}

export interface PlacedRow {
  row: ParsedInspectionRow;
  localAuthorityId: string;
}

/** Which rule took a stored event to be the same inspection as an incoming one. */
export type SameInspectionRule =
  | 'SAME_INSPECTION_DATE'
  | 'SAME_PUBLICATION_DATE'
  | 'NEARBY_GRADED_INSPECTION'
  | 'REPORT_OF_GRADED_INSPECTION';

export type EventField = 'kind' | 'inspectedOn' | 'publishedOn' | 'theme' | JudgementArea;

export interface FieldChange {
  field: EventField;
  before: string | null;
  after: string | null;
}

export type EventPlan =
  | { action: 'ADD'; incoming: IncomingEvent }
  | {
      action: 'ENRICH' | 'CORRECT' | 'UNCHANGED';
      incoming: IncomingEvent;
      stored: StoredEvent;
      matchedBy: SameInspectionRule;
      /** Values the event lacked, now filled. */
      fills: FieldChange[];
      /** Values the file states differently: the file wins. */
      corrections: FieldChange[];
      /** Values the file states differently but a newer edition set: kept as stored. */
      kept: FieldChange[];
    };

export interface InspectionImportPlan {
  events: EventPlan[];
  problems: string[];
}

/** How far apart two dates of one graded inspection may be written by two editions. */
export const NEARBY_DAYS = 7;
/** How long after a graded inspection its report may be published. */
export const MAX_REPORT_DELAY_DAYS = 183;

const isGraded = (kind: InspectionKind) => GRADED_KINDS.includes(kind);

function daysBetween(from: IsoDate, to: IsoDate): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

const where = (ref: RowRef) => `${ref.sheet} row ${ref.row}`;

class DisjointSets {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Makes one event of the rows of one file about one inspection: rows the parser linked (same
 * `eventKey`) on the same LA, and rows of one LA with the same kind and inspection date (which the
 * parser may not link when tables name the LA differently). Each value is the first the rows give;
 * rows that give different values are reported.
 */
export function mergeRows(placed: readonly PlacedRow[]): {
  events: IncomingEvent[];
  problems: string[];
} {
  const sets = new DisjointSets(placed.length);
  const first = new Map<string, number>();
  const join = (key: string, index: number) => {
    const seen = first.get(key);
    if (seen === undefined) first.set(key, index);
    else sets.union(seen, index);
  };
  placed.forEach(({ row, localAuthorityId }, index) => {
    join(`${localAuthorityId}|key|${row.eventKey}`, index);
    if (row.inspectedOn !== null)
      join(`${localAuthorityId}|date|${row.kind}|${row.inspectedOn}`, index);
  });
  const groups = new Map<number, PlacedRow[]>();
  placed.forEach((p, index) => {
    const root = sets.find(index);
    groups.set(root, [...(groups.get(root) ?? []), p]);
  });

  const problems: string[] = [];
  const events = [...groups.values()].map((members): IncomingEvent => {
    const rows = members.map((m) => m.row);
    const refs = rows.map((r) => ({ sheet: r.source.sheet, row: r.source.row }));
    const pick = <T>(label: string, values: Array<T | null>): T | null => {
      const given = values.filter((v): v is T => v !== null);
      const distinct = [...new Set(given.map((v) => JSON.stringify(v)))];
      if (distinct.length > 1) {
        problems.push(
          `${refs.map(where).join(', ')} are one inspection but give different ${label}s (${distinct.join(', ')}); the first was taken`,
        );
      }
      return given[0] ?? null;
    };
    const stated = rows.filter((r) => r.kindStated);
    const kind =
      pick(
        'inspection type',
        (stated.length > 0 ? stated : rows).map((r) => r.kind),
      ) ?? 'OTHER';
    const judgements = JUDGEMENT_AREAS.flatMap((area) => {
      const judgement = pick(
        `"${area}" judgement`,
        rows.map((r) => r.judgements.find((j) => j.area === area) ?? null),
      );
      return judgement ? [judgement] : [];
    });
    return {
      localAuthorityId: members[0].localAuthorityId,
      kind,
      inspectedOn: pick(
        'inspection date',
        rows.map((r) => r.inspectedOn),
      ),
      publishedOn: pick(
        'publication date',
        rows.map((r) => r.publishedOn),
      ),
      theme: pick(
        'visit theme',
        rows.map((r) => r.theme),
      ),
      judgements,
      rows: refs,
    };
  });
  return { events, problems };
}

function sameGrades(a: readonly Judgement[], b: readonly Judgement[]): boolean {
  return (
    a.length === b.length && a.every((j) => b.some((k) => k.area === j.area && k.grade === j.grade))
  );
}

/**
 * Whether a stored event and an incoming one are the same inspection, by the first rule that holds
 * (SPEC §3, and the corrections Ofsted makes between editions):
 * 1. SAME_INSPECTION_DATE: same kind and inspection date.
 * 2. SAME_PUBLICATION_DATE: same publication date where one of them has no inspection date, and the
 *    same kind (or two graded kinds: the kind was corrected).
 * 3. NEARBY_GRADED_INSPECTION: both graded, inspection dates at most NEARBY_DAYS apart (Isles of
 *    Scilly 10 → 11 July 2023; on the same day with another graded kind: Merton standard → short),
 *    or, where one has no inspection date, publication dates at most NEARBY_DAYS apart.
 * 4. REPORT_OF_GRADED_INSPECTION: both graded, one known only by its inspection date and the other
 *    only by its publication date, published within MAX_REPORT_DELAY_DAYS after, with the same grades.
 * Visits are matched by rules 1 and 2 only: an LA can have two visits a week apart.
 */
export function sameInspectionRule(
  stored: StoredEvent,
  incoming: IncomingEvent,
): { rule: SameInspectionRule; distance: number } | null {
  if (stored.localAuthorityId !== incoming.localAuthorityId) return null;
  const graded = isGraded(stored.kind) && isGraded(incoming.kind);
  const bothInspected = stored.inspectedOn !== null && incoming.inspectedOn !== null;
  const bothPublished = stored.publishedOn !== null && incoming.publishedOn !== null;

  if (bothInspected && stored.kind === incoming.kind && stored.inspectedOn === incoming.inspectedOn)
    return { rule: 'SAME_INSPECTION_DATE', distance: 0 };
  if (
    !bothInspected &&
    bothPublished &&
    stored.publishedOn === incoming.publishedOn &&
    (stored.kind === incoming.kind || graded)
  )
    return { rule: 'SAME_PUBLICATION_DATE', distance: 0 };
  if (!graded) return null;
  if (bothInspected) {
    const distance = Math.abs(
      daysBetween(stored.inspectedOn as IsoDate, incoming.inspectedOn as IsoDate),
    );
    return distance <= NEARBY_DAYS ? { rule: 'NEARBY_GRADED_INSPECTION', distance } : null;
  }
  if (bothPublished) {
    const distance = Math.abs(
      daysBetween(stored.publishedOn as IsoDate, incoming.publishedOn as IsoDate),
    );
    return distance <= NEARBY_DAYS ? { rule: 'NEARBY_GRADED_INSPECTION', distance } : null;
  }
  const inspected = stored.inspectedOn ?? incoming.inspectedOn;
  const published = stored.publishedOn ?? incoming.publishedOn;
  if (inspected === null || published === null) return null;
  const delay = daysBetween(inspected, published);
  return delay >= 0 &&
    delay <= MAX_REPORT_DELAY_DAYS &&
    sameGrades(stored.judgements, incoming.judgements)
    ? { rule: 'REPORT_OF_GRADED_INSPECTION', distance: delay }
    : null;
}

const RULE_ORDER: readonly SameInspectionRule[] = [
  'SAME_INSPECTION_DATE',
  'SAME_PUBLICATION_DATE',
  'NEARBY_GRADED_INSPECTION',
  'REPORT_OF_GRADED_INSPECTION',
];

const judgementText = (j: Judgement | undefined) => (j ? `${j.grade} (${j.framework})` : null);

/** What the incoming event would change on the stored one, field by field. */
function compare(stored: StoredEvent, incoming: IncomingEvent, edition: IsoDate) {
  const fills: FieldChange[] = [];
  const corrections: FieldChange[] = [];
  const kept: FieldChange[] = [];
  const stale = stored.edition !== null && stored.edition > edition;
  const see = (field: EventField, before: string | null, after: string | null) => {
    // An edition silent on a value does not contradict it.
    if (after === null || before === after) return;
    if (before === null) fills.push({ field, before, after });
    else (stale ? kept : corrections).push({ field, before, after });
  };
  see('kind', stored.kind, incoming.kind === 'OTHER' ? null : incoming.kind);
  see('inspectedOn', stored.inspectedOn, incoming.inspectedOn);
  see('publishedOn', stored.publishedOn, incoming.publishedOn);
  see('theme', stored.theme, incoming.theme);
  for (const area of JUDGEMENT_AREAS) {
    see(
      area,
      judgementText(stored.judgements.find((j) => j.area === area)),
      judgementText(incoming.judgements.find((j) => j.area === area)),
    );
  }
  return { fills, corrections, kept };
}

const identity = (localAuthorityId: string, kind: string, inspectedOn: string | null) =>
  inspectedOn === null ? null : `${localAuthorityId}|${kind}|${inspectedOn}`;

/**
 * Decides, per event of a file, whether it is new (ADD), the same inspection as a stored event
 * with values the event lacked (ENRICH) or values that differ (CORRECT: the file wins, unless a
 * newer edition set them, when they are kept), or nothing new (UNCHANGED). Each stored event is
 * the same as at most one incoming event, taken by the strongest rule first, then the nearest
 * date. Never two events for one inspection (LA, kind, inspection date); never a deletion.
 */
export function planInspectionImport(
  stored: readonly StoredEvent[],
  incoming: readonly IncomingEvent[],
  edition: IsoDate,
): InspectionImportPlan {
  const problems: string[] = [];
  const matchOf = new Map<number, { stored: StoredEvent; rule: SameInspectionRule }>();
  const taken = new Set<string>();
  const storedByLa = new Map<string, StoredEvent[]>();
  for (const event of stored)
    storedByLa.set(event.localAuthorityId, [
      ...(storedByLa.get(event.localAuthorityId) ?? []),
      event,
    ]);

  for (const rule of RULE_ORDER) {
    const pairs = incoming.flatMap((event, index) =>
      matchOf.has(index)
        ? []
        : (storedByLa.get(event.localAuthorityId) ?? []).flatMap((candidate) => {
            const same = sameInspectionRule(candidate, event);
            return same?.rule === rule ? [{ index, candidate, distance: same.distance }] : [];
          }),
    );
    pairs.sort((a, b) => a.distance - b.distance || a.index - b.index);
    for (const { index, candidate } of pairs) {
      if (matchOf.has(index) || taken.has(candidate.id)) continue;
      matchOf.set(index, { stored: candidate, rule });
      taken.add(candidate.id);
    }
  }

  // Identities as they will be: stored events the file does not touch keep theirs.
  const identities = new Set(
    stored
      .filter((event) => !taken.has(event.id))
      .map((event) => identity(event.localAuthorityId, event.kind, event.inspectedOn))
      .filter((key): key is string => key !== null),
  );
  const claim = (key: string | null) => {
    if (key === null) return true;
    if (identities.has(key)) return false;
    identities.add(key);
    return true;
  };

  const events: EventPlan[] = [];
  const matchedFirst = incoming
    .map((event, index) => ({ event, index }))
    .sort((a, b) => Number(matchOf.has(b.index)) - Number(matchOf.has(a.index)));
  for (const { event, index } of matchedFirst) {
    const match = matchOf.get(index);
    if (!match) {
      if (claim(identity(event.localAuthorityId, event.kind, event.inspectedOn))) {
        events.push({ action: 'ADD', incoming: event });
      } else {
        problems.push(
          `${event.rows.map(where).join(', ')}: another event of this LA has kind ${event.kind} and inspection date ${event.inspectedOn}, so it was not added`,
        );
      }
      continue;
    }
    const { fills, corrections, kept } = compare(match.stored, event, edition);
    const after = (field: 'kind' | 'inspectedOn') =>
      [...fills, ...corrections].find((c) => c.field === field)?.after ??
      match.stored[field] ??
      null;
    if (!claim(identity(event.localAuthorityId, after('kind') as string, after('inspectedOn')))) {
      // Keep the stored kind and date rather than make two events one identity.
      for (const list of [fills, corrections]) {
        for (let i = list.length - 1; i >= 0; i -= 1) {
          if (list[i].field === 'kind' || list[i].field === 'inspectedOn') {
            kept.push(...list.splice(i, 1));
          }
        }
      }
      claim(identity(event.localAuthorityId, match.stored.kind, match.stored.inspectedOn));
      problems.push(
        `${event.rows.map(where).join(', ')}: its kind or inspection date would make it the same as another event of this LA, so the stored ones were kept`,
      );
    }
    events.push({
      action: corrections.length > 0 ? 'CORRECT' : fills.length > 0 ? 'ENRICH' : 'UNCHANGED',
      incoming: event,
      stored: match.stored,
      matchedBy: match.rule,
      fills,
      corrections,
      kept,
    });
  }
  // File order, so the summary reads like the file.
  const order = new Map(incoming.map((event, index) => [event, index]));
  events.sort((a, b) => (order.get(a.incoming) ?? 0) - (order.get(b.incoming) ?? 0));
  return { events, problems };
}
