import type { IsoDate } from '@la-tracker/platform/time';

/** Ofsted's kinds of event under ILACS (SPEC §3); a JTAI is multi-agency and ungraded. */
export const INSPECTION_KINDS = [
  'STANDARD_INSPECTION',
  'SHORT_INSPECTION',
  'FOCUSED_VISIT',
  'MONITORING_VISIT',
  'JTAI',
  'OTHER',
] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** Kinds that carry graded judgements. */
export const GRADED_KINDS: readonly InspectionKind[] = ['STANDARD_INSPECTION', 'SHORT_INSPECTION'];

/** Best first. */
export const GRADES = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * Judgement areas. Before 1 January 2023 one judgement covered children in care and care leavers
 * together: it is stored as CHILDREN_IN_CARE (framework ILACS_2018) and is not the same measure as
 * the CHILDREN_IN_CARE judgement given since (framework ILACS_2023), which is why comparisons
 * across that date are not made. From April 2026 there is no OVERALL_EFFECTIVENESS grade.
 */
export const JUDGEMENT_AREAS = [
  'OVERALL_EFFECTIVENESS',
  'IMPACT_OF_LEADERS',
  'HELP_AND_PROTECTION',
  'CHILDREN_IN_CARE',
  'CARE_LEAVERS',
] as const;
export type JudgementArea = (typeof JUDGEMENT_AREAS)[number];

/** The framework a judgement was given under; stored with it, so later frameworks add rows, not columns. */
export type Framework = 'ILACS_2018' | 'ILACS_2023' | 'ILACS_2026' | (string & {});

export interface Judgement {
  framework: Framework;
  area: JudgementArea;
  grade: Grade;
}

/** One Ofsted event for one LA, as the rules see it. */
export interface InspectionEvent {
  id: string;
  localAuthorityId: string;
  kind: InspectionKind;
  /** The (first) day of the inspection or visit; null when a publication gives only its date of publication. */
  inspectedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  judgements: Judgement[];
  /** For a focused or monitoring visit: what it looked at. */
  theme: string | null;
  /** For a focused visit: the areas for priority action it raised (empty when none). */
  priorityActionAreas: string[];
  /** The date of the visit letter; the APA clocks run from it. */
  letterDate: IsoDate | null;
}

/** Evidence of declining performance a programme manager recorded (SPEC §5.4 (c)). */
export interface Concern {
  id: string;
  localAuthorityId: string;
  recordedOn: IsoDate;
  /** The day it stops counting; null while it stands. */
  withdrawnOn: IsoDate | null;
  note: string;
}
