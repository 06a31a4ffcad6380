import { record, text } from './form-values';
import { ApiError, type FieldProblem } from '../api/api-client';

/** What the GOV.UK error summary and the fields' inline messages need. */
export interface FormErrors {
  /** For `govukErrorSummary`: each problem, linked to its field. */
  errorList: Array<{ text: string; href: string }>;
  /** For each field's `errorMessage`, by the form's own field name. */
  byField: Record<string, { text: string }>;
}

export const NO_ERRORS: FormErrors = { errorList: [], byField: {} };

/**
 * Turns the api's field problems (named by input path, e.g. `input.deliveredOn`) into the form's
 * errors. `fieldIds` maps an api field to the form field showing it; a problem with no field on
 * the form is still listed in the summary, linked to the first field.
 */
export function formErrorsOf(
  problems: FieldProblem[],
  fieldIds: Record<string, string>,
  fallback: { message: string; firstField: string },
): FormErrors {
  const list = problems.length > 0 ? problems : [{ field: '', message: fallback.message }];
  const errors: FormErrors = { errorList: [], byField: {} };
  for (const problem of list) {
    const path = problem.field.replace(/^input\./, '');
    const id = fieldIds[path] ?? fieldIds[path.split('.')[0] ?? ''] ?? fallback.firstField;
    errors.errorList.push({ text: problem.message, href: `#${id}` });
    errors.byField[id] ??= { text: problem.message };
  }
  return errors;
}

/**
 * The api's refusals a person can put right from the form (what they typed, or a rule such as a
 * cap or eligibility): the form is shown again with them, rather than an error page.
 */
const FORM_REFUSALS = new Set([
  'BAD_USER_INPUT',
  'NOT_ELIGIBLE',
  'CAP_REACHED',
  'INVALID_TRANSITION',
  'CONFLICT',
]);

export function isFormRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && FORM_REFUSALS.has(error.code);
}

/** The problems as the GOV.UK error summary and inline messages take them. */
export function formErrorsFromProblems(problems: FieldProblem[]): {
  errorList: Array<{ text: string; href: string }>;
  byField: Record<string, { text: string }>;
} {
  const byField: Record<string, { text: string }> = {};
  for (const problem of problems) byField[problem.field] ??= { text: problem.message };
  return {
    errorList: problems.map((problem) => ({ text: problem.message, href: `#${problem.field}` })),
    byField,
  };
}

/** A reason to send something back: required, in a person's words. */
export function parseReturnReason(body: unknown): { reason: string } | { problem: string } {
  const reason = text(record(body).reason);
  return reason === '' ? { problem: 'Enter why you are sending it back' } : { reason };
}
