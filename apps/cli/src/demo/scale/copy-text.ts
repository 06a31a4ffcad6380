/**
 * Rows in PostgreSQL's COPY text format: one line a row, fields split by tabs, `\N` for null,
 * and backslash, tab, newline and carriage return escaped. A text array is written as an array
 * literal (`{"a","b"}`), quoted inside.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (Array.isArray(value))
    return escape(
      `{${value.map((item) => `"${String(item).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`,
    );
  if (typeof value === 'string') return escape(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new TypeError(`A ${typeof value} cannot be copied into a column.`);
}

function escape(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(
        /[\\\t\n\r]/g,
        (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
      )
    : text;
}

export function copyLine(row: readonly unknown[]): string {
  return `${row.map(copyField).join('\t')}\n`;
}
