import { BadUserInputError } from '@la-tracker/platform/errors';
import { anyText, decodeCursor, encodeCursor, pageSize, toPage } from './pagination';

describe('pageSize', () => {
  it('defaults to 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it.each([1, 50, 100])('accepts %d', (first) => {
    expect(pageSize(first)).toBe(first);
  });

  it.each([0, -1, 101, 100000, 1.5])('refuses %d, naming `first`', (first) => {
    expect(() => pageSize(first)).toThrow(BadUserInputError);
    expect(() => pageSize(first)).toThrow(/first/);
  });
});

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    expect(decodeCursor(encodeCursor(['Leeds', 'abc']), [anyText, anyText])).toEqual([
      'Leeds',
      'abc',
    ]);
  });

  it.each(['not-a-cursor', encodeCursor(['only one']), encodeCursor([{} as never, 'x']), ''])(
    'refuses %p, naming `after`',
    (cursor) => {
      expect(() => decodeCursor(cursor, [anyText, anyText])).toThrow(/after/);
    },
  );

  it('refuses text with a NUL or another control character, which PostgreSQL would choke on', () => {
    expect(
      decodeCursor(encodeCursor(['Bath and North East Somerset', 'x']), [anyText, anyText]),
    ).toHaveLength(2);
    expect(() => decodeCursor(encodeCursor(['a\u0000b', 'x']), [anyText, anyText])).toThrow(
      /after/,
    );
    expect(() => decodeCursor(encodeCursor(['a\u001fb', 'x']), [anyText, anyText])).toThrow(
      /after/,
    );
  });

  it('refuses a cursor whose part fails its check', () => {
    const digits = (part: string) => /^\d+$/.test(part);
    expect(decodeCursor(encodeCursor([42]), [digits])).toEqual(['42']);
    expect(() => decodeCursor(encodeCursor(['42; DROP TABLE x']), [digits])).toThrow(/after/);
  });
});

describe('toPage', () => {
  const key = (n: number) => [n];

  it('drops the extra row and says there is a next page', () => {
    const sut = toPage([1, 2, 3], 2, 10, null, key);
    expect(sut.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(sut.hasNextPage).toBe(true);
    expect(sut.hasPreviousPage).toBe(false);
    expect(sut.totalCount).toBe(10);
  });

  it('says there is no next page when the rows fit', () => {
    const sut = toPage([1, 2], 2, 2, encodeCursor([0]), key);
    expect(sut.hasNextPage).toBe(false);
    expect(sut.hasPreviousPage).toBe(true);
  });
});
