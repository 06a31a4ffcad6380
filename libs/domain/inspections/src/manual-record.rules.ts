import type { FieldProblem } from '@la-tracker/platform/errors';
import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import {
  GRADED_KINDS,
  type Grade,
  type InspectionKind,
  type JudgementArea,
} from './inspection.types';
import { ILACS_2023_FROM, ILACS_2026_FROM } from './ofsted-file/judgement-framework.rules';

export interface ManualInspection {
  kind: InspectionKind;
  inspectedOn: IsoDate;
  publishedOn?: IsoDate | null;
  judgements?: Array<{ area: JudgementArea; grade: Grade }> | null;
  theme?: string | null;
  priorityActionAreas?: string[] | null;
  letterDate?: IsoDate | null;
}

export const MAX_TEXT = 500;
export const MAX_NOTE = 2000;

/**
 * What is wrong with an inspection or visit a person records by hand, field by field: dates not
 * in the future and in order; grades only on graded inspections, each area once, and only areas
 * the framework of the day judged; areas for priority action only on a focused visit, with the
 * letter they were raised in.
 */
export function manualInspectionProblems(input: ManualInspection, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ field: `input.${field}`, message });
  const date = (
    field: 'inspectedOn' | 'publishedOn' | 'letterDate',
    value: IsoDate | null | undefined,
  ) => {
    if (value === null || value === undefined) return;
    if (!isIsoDate(value)) problem(field, 'must be a date (YYYY-MM-DD)');
    else if (value > today) problem(field, `must not be in the future (today is ${today})`);
    else if (field !== 'inspectedOn' && value < input.inspectedOn)
      problem(field, 'must not be before the inspection');
  };
  date('inspectedOn', input.inspectedOn);
  date('publishedOn', input.publishedOn);
  date('letterDate', input.letterDate);

  const judgements = input.judgements ?? [];
  if (judgements.length > 0 && !GRADED_KINDS.includes(input.kind)) {
    problem('judgements', 'only a standard or short inspection is graded');
  }
  const areas = judgements.map((judgement) => judgement.area);
  if (new Set(areas).size !== areas.length) problem('judgements', 'give each area once');
  if (areas.includes('CARE_LEAVERS') && input.inspectedOn < ILACS_2023_FROM) {
    problem('judgements', 'care leavers were judged on their own only from 1 January 2023');
  }
  if (areas.includes('OVERALL_EFFECTIVENESS') && input.inspectedOn >= ILACS_2026_FROM) {
    problem('judgements', 'there is no overall effectiveness grade from April 2026');
  }

  const apas = input.priorityActionAreas ?? [];
  if (apas.length > 0 && input.kind !== 'FOCUSED_VISIT') {
    problem('priorityActionAreas', 'only a focused visit raises areas for priority action');
  }
  if (apas.length > 0 && !input.letterDate)
    problem('letterDate', 'is needed with areas for priority action: the clocks start from it');
  if (apas.some((area) => area.trim() === '' || area.length > MAX_TEXT)) {
    problem('priorityActionAreas', `each must say what it is, in at most ${MAX_TEXT} characters`);
  }
  if ((input.theme ?? '').length > MAX_TEXT)
    problem('theme', `must be at most ${MAX_TEXT} characters`);
  return problems;
}

/** What is wrong with a concern: it needs its evidence, and cannot be recorded for a later day. */
export function concernProblems(
  input: { note: string; recordedOn: IsoDate },
  today: IsoDate,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.note.trim() === '')
    problems.push({ field: 'input.note', message: 'must give the evidence' });
  if (input.note.length > MAX_NOTE)
    problems.push({ field: 'input.note', message: `must be at most ${MAX_NOTE} characters` });
  if (!isIsoDate(input.recordedOn))
    problems.push({ field: 'input.recordedOn', message: 'must be a date (YYYY-MM-DD)' });
  else if (input.recordedOn > today)
    problems.push({
      field: 'input.recordedOn',
      message: `must not be in the future (today is ${today})`,
    });
  return problems;
}
