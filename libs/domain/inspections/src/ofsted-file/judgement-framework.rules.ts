import type { IsoDate } from '@la-tracker/platform/time';
import type { Framework, JudgementArea } from '../inspection.types';

/** The days each ILACS framework took effect (SPEC §3). */
export const ILACS_2023_FROM: IsoDate = '2023-01-01';
export const ILACS_2026_FROM: IsoDate = '2026-04-01';

/** The framework an inspection that started on this day was judged under. */
export function frameworkInForceOn(inspectedOn: IsoDate): Framework {
  if (inspectedOn < ILACS_2023_FROM) return 'ILACS_2018';
  if (inspectedOn < ILACS_2026_FROM) return 'ILACS_2023';
  return 'ILACS_2026';
}

/**
 * The framework of an inspection known only by its publication date. Reports follow inspections
 * by up to several months, so a report published just after a change may be of an inspection under
 * the earlier framework; the grades tell: only ILACS_2023 grades care leavers and overall
 * effectiveness together, ILACS_2018 never grades care leavers, ILACS_2026 never grades overall
 * effectiveness.
 */
export function frameworkForPublication(
  publishedOn: IsoDate,
  graded: ReadonlySet<JudgementArea>,
): Framework {
  const atPublication = frameworkInForceOn(publishedOn);
  if (atPublication === 'ILACS_2023' && !graded.has('CARE_LEAVERS')) return 'ILACS_2018';
  if (atPublication === 'ILACS_2026' && graded.has('OVERALL_EFFECTIVENESS')) return 'ILACS_2023';
  return atPublication;
}

/** The framework whose set of judgements these grades fit, for a row with no usable date. */
export function frameworkForGrades(graded: ReadonlySet<JudgementArea>): Framework {
  if (!graded.has('CARE_LEAVERS')) return 'ILACS_2018';
  return graded.has('OVERALL_EFFECTIVENESS') ? 'ILACS_2023' : 'ILACS_2026';
}
