import { DomainError, type ErrorCode } from '@la-tracker/platform/errors';

/** The domain error a call was refused with; fails unless it was refused with exactly this code. */
export async function refusedWith(
  promise: Promise<unknown>,
  code: ErrorCode,
): Promise<DomainError> {
  const outcome = await promise.then(
    () => 'no refusal at all',
    (error: unknown) => error,
  );
  if (outcome instanceof DomainError && outcome.code === code) return outcome;
  const got =
    outcome instanceof DomainError
      ? `${outcome.code}: ${outcome.message}`
      : outcome instanceof Error
        ? outcome.message
        : String(outcome);
  throw new Error(`Expected a refusal with ${code}, got ${got}`);
}
