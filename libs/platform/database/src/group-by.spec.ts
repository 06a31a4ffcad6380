import { groupBy } from './group-by';

describe('groupBy', () => {
  it('keeps each group in the order of the rows', () => {
    const rows = [
      { parent: 'a', id: 1 },
      { parent: 'b', id: 2 },
      { parent: 'a', id: 3 },
    ];
    const groups = groupBy(rows, (row) => row.parent);
    expect([...groups.keys()]).toEqual(['a', 'b']);
    expect(groups.get('a')?.map((row) => row.id)).toEqual([1, 3]);
    expect(groups.get('b')?.map((row) => row.id)).toEqual([2]);
  });

  it('gives no groups for no rows', () => {
    expect(groupBy([], () => 'x').size).toBe(0);
  });
});
