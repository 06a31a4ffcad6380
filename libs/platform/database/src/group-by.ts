/**
 * Rows grouped by a key, each group in the rows' order: how a batch loader hands each parent its
 * children in one pass (Map.groupBy needs Node 21).
 */
export function groupBy<T, K>(rows: Iterable<T>, keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
