/** A GraphQL enum object from a domain list of string values (`['A', 'B']` → `{ A: 'A', B: 'B' }`). */
export function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
}
