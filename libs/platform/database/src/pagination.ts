import { BadUserInputError } from '@la-tracker/platform/errors';
import { textProblem } from './storable-text';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Page<T> {
  edges: Array<Edge<T>>;
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** The number of rows asked for, refused when it is outside 1–100. */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw BadUserInputError.forFields([
      { field: 'first', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  }
  return first;
}

/**
 * Cursors are opaque to clients: the sort key of the last row seen, so the next page starts
 * after it (keyset pagination) and stays right while rows are added.
 */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** A check on one part of a cursor, so a forged cursor is refused before it reaches SQL. */
export type CursorPart = (part: string) => boolean;

/** A part any text this product stores will do for, such as a name compared as text. */
export const anyText: CursorPart = (part) => textProblem(part) === undefined;

/** The parts of a cursor this list gave out, each passing its check; else BAD_USER_INPUT. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      const text = key.map(String);
      if (text.every((part, i) => parts[i](part))) return text;
    }
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.forFields([
    { field: 'after', message: 'is not a cursor this list gave out' },
  ]);
}

/**
 * Builds a page from rows fetched with one extra row (`limit + 1`), which tells whether there is
 * a next page without a second query.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  after: string | null | undefined,
  keyOf: (row: T) => ReadonlyArray<string | number>,
): Page<T> {
  const nodes = rows.slice(0, limit);
  return {
    edges: nodes.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) })),
    totalCount,
    hasNextPage: rows.length > limit,
    hasPreviousPage: Boolean(after),
  };
}
