import { listOf, record } from '../forms/form-values';

/** The same list's query string with another page's cursor (or the first page's, for null). */
export function pageQuery(query: unknown, after: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record(query)))
    if (key !== 'after') for (const entry of listOf(value)) params.append(key, entry);
  if (after) params.set('after', after);
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}
