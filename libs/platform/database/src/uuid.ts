const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for text a `uuid` column can hold; other text names no row, and must not reach a query. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
