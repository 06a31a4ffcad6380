/** A form or query value as text, trimmed; anything else (a list, nothing) as empty. */
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A form's nested object (`attendance[…]`), or an empty one where there is none. */
export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A query or form value that may come once or many times, as a list of non-empty strings. */
export function listOf(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map(text).filter((entry) => entry !== '');
}
