/**
 * The values of a domain list as SQL string literals, for the CHECK constraints and partial
 * indices that hold a column to it: ['A', 'B'] → `'A', 'B'`. Only for the product's own
 * constants, never for input.
 */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
