import type { IsoDate } from '@la-tracker/platform/time';
import {
  GRADED_KINDS,
  GRADES,
  JUDGEMENT_AREAS,
  type Concern,
  type Grade,
  type InspectionEvent,
  type JudgementArea,
} from './inspection.types';

/** SPEC §5.4 (a) to (c), in the order an answer lists them. */
export const ELIGIBILITY_BASES = [
  'INADEQUATE_JUDGEMENT',
  'PRIORITY_ACTION_AREAS',
  'DECLINING_JUDGEMENT',
  'RECORDED_CONCERN',
] as const;
export type EligibilityBasis = (typeof ELIGIBILITY_BASES)[number];

/** Since this date children in care and care leavers are judged apart (SPEC §3). */
export const SEPARATE_CARE_JUDGEMENTS_FROM: IsoDate = '2023-01-01';

export interface EligibilityLocalAuthority {
  id: string;
  /** Inclusive; null when open. */
  validFrom: IsoDate | null;
  /** The LA's last day, inclusive; null while it exists. */
  validTo: IsoDate | null;
}

/** A judgement that fell to Requires improvement or Inadequate from the graded inspection before. */
export interface JudgementDecline {
  area: JudgementArea;
  from: Grade;
  to: Grade;
  previousInspectionId: string;
  latestInspectionId: string;
}

export interface Eligibility {
  localAuthorityId: string;
  eligible: boolean;
  basis: EligibilityBasis[];
  /** In the order of `basis`, each record once; within a basis, newest first. */
  evidence: { inspectionIds: string[]; concernIds: string[] };
  /** False when the LA did not exist on asOf: then nothing else is looked at. */
  activeOnAsOf: boolean;
  latestGradedInspectionId: string | null;
  /** The Inadequate judgements of the latest graded inspection that (a) rests on. */
  inadequateAreas: JudgementArea[];
  declines: JudgementDecline[];
}

export interface EligibilityInput {
  localAuthority: EligibilityLocalAuthority;
  /**
   * The events to judge the LA by, any kinds, any order. Not filtered by localAuthorityId, so a
   * caller may choose to include a predecessor's history.
   */
  events: readonly InspectionEvent[];
  concerns: readonly Concern[];
  asOf: IsoDate;
}

/**
 * The date an event became public. Some publications give only the inspection date, so such an
 * event counts from then; an event with neither date cannot be placed and never counts.
 */
export function publicationDateOf(event: InspectionEvent): IsoDate | null {
  return event.publishedOn ?? event.inspectedOn;
}

/** "Latest as of a date" = the latest published on or before it (SPEC §7). */
export function isPublishedBy(event: InspectionEvent, asOf: IsoDate): boolean {
  const published = publicationDateOf(event);
  return published !== null && published <= asOf;
}

/** Latest first: by publication date, then inspection date (none counts as earliest), then id. */
export function byLatestFirst(a: InspectionEvent, b: InspectionEvent): number {
  return (
    compareDesc(publicationDateOf(a) ?? '', publicationDateOf(b) ?? '') ||
    compareDesc(a.inspectedOn ?? '', b.inspectedOn ?? '') ||
    compareDesc(a.id, b.id)
  );
}

/** The latest event of any kind published on or before asOf. */
export function latestInspectionAsOf(
  events: readonly InspectionEvent[],
  asOf: IsoDate,
): InspectionEvent | null {
  return events.filter((e) => isPublishedBy(e, asOf)).sort(byLatestFirst)[0] ?? null;
}

/**
 * The latest graded inspection (standard or short, with judgements) published on or before asOf:
 * what an LA's grades are on that date. Visits in between carry no grades and do not replace it.
 */
export function latestGradedInspectionAsOf(
  events: readonly InspectionEvent[],
  asOf: IsoDate,
): InspectionEvent | null {
  return latestInspectionAsOf(events.filter(isGraded), asOf);
}

/** Eligibility for coaching and mentoring (lot 7) as of a date, SPEC §5.4. */
export function eligibilityForCoaching(input: EligibilityInput): Eligibility {
  const { localAuthority, events, concerns, asOf } = input;
  if (!existsOn(localAuthority, asOf)) {
    return {
      localAuthorityId: localAuthority.id,
      eligible: false,
      basis: [],
      evidence: { inspectionIds: [], concernIds: [] },
      activeOnAsOf: false,
      latestGradedInspectionId: null,
      inadequateAreas: [],
      declines: [],
    };
  }

  const published = events.filter((e) => isPublishedBy(e, asOf)).sort(byLatestFirst);
  const [latest, previous] = published.filter(isGraded);

  const inadequateAreas = latest ? inadequateAreasOf(latest) : [];
  const priorityVisits = published
    .filter((e) => raisedPriorityActionsWithinYear(e, asOf))
    .sort((a, b) => compareDesc(visitDateOf(a) ?? '', visitDateOf(b) ?? '') || byLatestFirst(a, b));
  const declines = latest && previous ? declinesBetween(previous, latest) : [];
  const standing = concerns
    .filter((c) => c.recordedOn <= asOf && (c.withdrawnOn === null || c.withdrawnOn > asOf))
    .sort((a, b) => compareDesc(a.recordedOn, b.recordedOn) || compareDesc(a.id, b.id));

  const basis: EligibilityBasis[] = [];
  const inspectionIds = new Set<string>();
  if (latest && inadequateAreas.length > 0) {
    basis.push('INADEQUATE_JUDGEMENT');
    inspectionIds.add(latest.id);
  }
  if (priorityVisits.length > 0) {
    basis.push('PRIORITY_ACTION_AREAS');
    priorityVisits.forEach((v) => inspectionIds.add(v.id));
  }
  if (latest && previous && declines.length > 0) {
    basis.push('DECLINING_JUDGEMENT');
    inspectionIds.add(latest.id).add(previous.id);
  }
  if (standing.length > 0) basis.push('RECORDED_CONCERN');

  return {
    localAuthorityId: localAuthority.id,
    eligible: basis.length > 0,
    basis,
    evidence: { inspectionIds: [...inspectionIds], concernIds: standing.map((c) => c.id) },
    activeOnAsOf: true,
    latestGradedInspectionId: latest?.id ?? null,
    inadequateAreas,
    declines,
  };
}

/**
 * Answers each LA, in the order given, from events and concerns loaded for all of them at once
 * (grouped here by localAuthorityId; records of LAs not asked about are ignored).
 */
export function eligibilityForCoachingOfEach(
  localAuthorities: readonly EligibilityLocalAuthority[],
  events: readonly InspectionEvent[],
  concerns: readonly Concern[],
  asOf: IsoDate,
): Eligibility[] {
  const eventsByLa = groupByLocalAuthority(events);
  const concernsByLa = groupByLocalAuthority(concerns);
  return localAuthorities.map((localAuthority) =>
    eligibilityForCoaching({
      localAuthority,
      events: eventsByLa.get(localAuthority.id) ?? [],
      concerns: concernsByLa.get(localAuthority.id) ?? [],
      asOf,
    }),
  );
}

/** Only the eligible ones, in the order given. */
export function eligibleLocalAuthorities(
  localAuthorities: readonly EligibilityLocalAuthority[],
  events: readonly InspectionEvent[],
  concerns: readonly Concern[],
  asOf: IsoDate,
): Eligibility[] {
  return eligibilityForCoachingOfEach(localAuthorities, events, concerns, asOf).filter(
    (e) => e.eligible,
  );
}

function existsOn(la: EligibilityLocalAuthority, date: IsoDate): boolean {
  // The same rule as isActiveOn in domain/local-authorities, kept here so pure rules do not pull
  // in that library's TypeORM and Nest graph.
  return (
    (la.validFrom === null || la.validFrom <= date) && (la.validTo === null || la.validTo >= date)
  );
}

// A graded kind with no judgements recorded (say, a publication not yet imported in full) gives
// nothing to compare, so it is skipped rather than hiding the inspection before it.
export function isGraded(event: InspectionEvent): boolean {
  return GRADED_KINDS.includes(event.kind) && event.judgements.length > 0;
}

// Worst grade when an area appears twice, so the answer does not depend on row order.
function gradeOf(event: InspectionEvent, area: JudgementArea): Grade | undefined {
  return event.judgements
    .filter((j) => j.area === area)
    .map((j) => j.grade)
    .sort((a, b) => rank(b) - rank(a))[0];
}

function inadequateAreasOf(latest: InspectionEvent): JudgementArea[] {
  const overall = gradeOf(latest, 'OVERALL_EFFECTIVENESS');
  if (overall !== undefined) return overall === 'INADEQUATE' ? ['OVERALL_EFFECTIVENESS'] : [];
  return JUDGEMENT_AREAS.filter((area) => gradeOf(latest, area) === 'INADEQUATE');
}

function declinesBetween(previous: InspectionEvent, latest: InspectionEvent): JudgementDecline[] {
  const declines: JudgementDecline[] = [];
  for (const area of JUDGEMENT_AREAS) {
    const from = gradeOf(previous, area);
    const to = gradeOf(latest, area);
    if (from === undefined || to === undefined || !comparable(area, previous, latest)) continue;
    if (rank(to) > rank(from) && (to === 'REQUIRES_IMPROVEMENT' || to === 'INADEQUATE')) {
      declines.push({
        area,
        from,
        to,
        previousInspectionId: previous.id,
        latestInspectionId: latest.id,
      });
    }
  }
  return declines;
}

function comparable(area: JudgementArea, a: InspectionEvent, b: InspectionEvent): boolean {
  switch (area) {
    case 'OVERALL_EFFECTIVENESS':
    case 'IMPACT_OF_LEADERS':
    case 'HELP_AND_PROTECTION':
      return true;
    case 'CHILDREN_IN_CARE':
      return separateCareJudgements(a) === separateCareJudgements(b);
    case 'CARE_LEAVERS':
      return separateCareJudgements(a) && separateCareJudgements(b);
  }
}

// The framework follows when the inspection took place, not when its report came out.
function separateCareJudgements(event: InspectionEvent): boolean {
  return (event.inspectedOn ?? event.publishedOn ?? '') >= SEPARATE_CARE_JUDGEMENTS_FROM;
}

// The APA clocks run from the letter, so the letter dates the visit when there is one.
function visitDateOf(event: InspectionEvent): IsoDate | null {
  return event.letterDate ?? event.publishedOn ?? event.inspectedOn;
}

function raisedPriorityActionsWithinYear(event: InspectionEvent, asOf: IsoDate): boolean {
  if (event.kind !== 'FOCUSED_VISIT' || event.priorityActionAreas.length === 0) return false;
  const date = visitDateOf(event);
  return date !== null && date > sameDateYearBefore(asOf) && date <= asOf;
}

// 29 February a year back is taken as 28 February (the year before has no 29th).
function sameDateYearBefore(date: IsoDate): IsoDate {
  const [year, month, day] = date.split('-');
  const previousYear = String(Number(year) - 1).padStart(4, '0');
  return `${previousYear}-${month}-${month === '02' && day === '29' ? '28' : day}`;
}

function rank(grade: Grade): number {
  return GRADES.indexOf(grade);
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function groupByLocalAuthority<T extends { localAuthorityId: string }>(
  rows: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.localAuthorityId);
    if (group) group.push(row);
    else groups.set(row.localAuthorityId, [row]);
  }
  return groups;
}
