import { BadUserInputError, type FieldProblem } from '@la-tracker/platform/errors';

/** Refuses a change with problems, each field named as the client sent it, under `input`. */
export function refuseProblems(problems: readonly FieldProblem[]): void {
  if (problems.length > 0)
    throw BadUserInputError.forFields(
      problems.map((problem) => ({ ...problem, field: `input.${problem.field}` })),
    );
}
