import { cellKey, hexDistance } from './hex-grid.rules';
import { layoutHexes, type ActiveAuthority, type HexLayout } from './hex-layout.rules';
import { readHexJson } from './hexjson';

const hexjson = readHexJson();

// Hand-checked positions in the 2020 file (r grows northwards).
const NORTHAMPTONSHIRE = { gssCode: 'E10000021', q: 7, r: 6 };
const CUMBRIA = { gssCode: 'E10000006', q: 6, r: 14 };
const SURREY = { gssCode: 'E10000030', q: 8, r: 3 };
const BARNSLEY_2020 = { gssCode: 'E08000016', q: 9, r: 11 };

const the2020Set: ActiveAuthority[] = Object.entries(hexjson.hexes).map(([gssCode, hex]) => ({
  gssCode,
  name: hex.n ?? gssCode,
  predecessorCodes: [],
}));

const replacing = (
  gone: string[],
  added: { gssCode: string; name: string; predecessorCodes: string[] }[],
): ActiveAuthority[] => [...the2020Set.filter((la) => !gone.includes(la.gssCode)), ...added];

const the2021Set = replacing(
  [NORTHAMPTONSHIRE.gssCode],
  [
    { gssCode: 'E06000061', name: 'North Northamptonshire', predecessorCodes: ['E10000021'] },
    { gssCode: 'E06000062', name: 'West Northamptonshire', predecessorCodes: ['E10000021'] },
  ],
);

// 1 April 2023: Cumbria splits and North Yorkshire and Somerset take new codes (153 LAs).
const the2023Set = replacing(
  [NORTHAMPTONSHIRE.gssCode, CUMBRIA.gssCode, 'E10000023', 'E10000027'],
  [
    { gssCode: 'E06000061', name: 'North Northamptonshire', predecessorCodes: ['E10000021'] },
    { gssCode: 'E06000062', name: 'West Northamptonshire', predecessorCodes: ['E10000021'] },
    { gssCode: 'E06000063', name: 'Cumberland', predecessorCodes: ['E10000006'] },
    { gssCode: 'E06000064', name: 'Westmorland and Furness', predecessorCodes: ['E10000006'] },
    { gssCode: 'E06000065', name: 'North Yorkshire', predecessorCodes: ['E10000023'] },
    { gssCode: 'E06000066', name: 'Somerset', predecessorCodes: ['E10000027'] },
  ],
);

const hexOf = (layout: HexLayout, gssCode: string) =>
  layout.hexes.find((hex) => hex.gssCode === gssCode);

function expectNoSharedHex(layout: HexLayout) {
  const cells = layout.hexes.map(cellKey);
  expect(new Set(cells).size).toBe(cells.length);
}

describe('layoutHexes', () => {
  it('keeps every 2020 LA on its own hex, one to one', () => {
    const sut = layoutHexes(hexjson, the2020Set);

    expect(sut.hexes).toHaveLength(151);
    expect(sut.unplaced).toEqual([]);
    for (const hex of sut.hexes) {
      expect(hex.placement).toBe('own');
      expect({ q: hex.q, r: hex.r }).toEqual({
        q: hexjson.hexes[hex.gssCode].q,
        r: hexjson.hexes[hex.gssCode].r,
      });
    }
    expectNoSharedHex(sut);
  });

  it('lists hexes north to south, then west to east', () => {
    const sut = layoutHexes(hexjson, the2020Set);

    // The file has North Tyneside alone on its top row; the Isle of Wight is east of Scilly.
    expect(sut.hexes.slice(0, 2).map((hex) => hex.name)).toEqual([
      'North Tyneside',
      'Northumberland',
    ]);
    expect(sut.hexes.at(-1)!.name).toBe('Isle of Wight');
  });

  it('gives North and West Northamptonshire the county hex and the nearest free one (2021)', () => {
    const sut = layoutHexes(hexjson, the2021Set);

    expect(sut.hexes).toHaveLength(152);
    expect(hexOf(sut, NORTHAMPTONSHIRE.gssCode)).toBeUndefined();
    expect(hexOf(sut, 'E06000061')).toMatchObject({ q: 7, r: 6, placement: 'predecessor' });
    // Every hex within two steps is taken; (4, 6) is the only free one three steps away.
    expect(hexOf(sut, 'E06000062')).toMatchObject({ q: 4, r: 6, placement: 'nearby' });
    expect(hexDistance(hexOf(sut, 'E06000062')!, NORTHAMPTONSHIRE)).toBe(3);
    expect(sut.unplaced).toEqual([]);
    expectNoSharedHex(sut);
  });

  it("gives Cumberland Cumbria's hex and Westmorland and Furness the free hex beside it (2023)", () => {
    const sut = layoutHexes(hexjson, the2023Set);

    expect(sut.hexes).toHaveLength(153);
    expect(hexOf(sut, CUMBRIA.gssCode)).toBeUndefined();
    expect(hexOf(sut, 'E06000063')).toMatchObject({ q: 6, r: 14, placement: 'predecessor' });
    // Of the three free neighbours, (7, 14) has the most occupied neighbours.
    expect(hexOf(sut, 'E06000064')).toMatchObject({ q: 7, r: 14, placement: 'nearby' });
    expect(hexOf(sut, 'E06000061')).toMatchObject({ q: 7, r: 6 });
    expect(hexOf(sut, 'E06000062')).toMatchObject({ q: 4, r: 6 });
    expect(sut.unplaced).toEqual([]);
    expectNoSharedHex(sut);
  });

  it('moves an LA whose code changed onto its old hex', () => {
    const sut = layoutHexes(
      hexjson,
      replacing(
        [BARNSLEY_2020.gssCode],
        [{ gssCode: 'E08000038', name: 'Barnsley', predecessorCodes: ['E08000016'] }],
      ),
    );

    expect(hexOf(sut, 'E08000038')).toMatchObject({ q: 9, r: 11, placement: 'predecessor' });
    expectNoSharedHex(sut);
  });

  describe('a made-up split of Surrey in 2027', () => {
    const surreySplit = replacing(
      [SURREY.gssCode],
      [
        { gssCode: 'E06000991', name: 'East Surrey', predecessorCodes: ['E10000030'] },
        { gssCode: 'E06000990', name: 'West Surrey', predecessorCodes: ['E10000030'] },
      ],
    );

    it('gives the first by code the county hex and the other the nearest free hex', () => {
      const sut = layoutHexes(hexjson, surreySplit);

      expect(sut.hexes).toHaveLength(152);
      expect(hexOf(sut, 'E06000990')).toMatchObject({ q: 8, r: 3, placement: 'predecessor' });
      // Nothing is free beside Surrey; (7, 1) and (8, 1) tie two steps south, westmost wins.
      expect(hexOf(sut, 'E06000991')).toMatchObject({ q: 7, r: 1, placement: 'nearby' });
      expectNoSharedHex(sut);
    });

    it('gives the same answer whatever order the LAs come in', () => {
      const sut = layoutHexes(hexjson, [...surreySplit].reverse());

      expect(sut).toEqual(layoutHexes(hexjson, surreySplit));
    });

    it("keeps Surrey's hex for Surrey's successors, though it is free and near Northamptonshire", () => {
      const sut = layoutHexes(hexjson, [
        ...surreySplit.filter((la) => la.gssCode !== NORTHAMPTONSHIRE.gssCode),
        ...the2021Set.filter((la) => la.gssCode.startsWith('E0600006')),
      ]);

      // (8, 3) is three steps from Northamptonshire, as is (4, 6), and West Northamptonshire
      // comes first by code; Surrey's successor still gets Surrey's hex.
      expect(hexOf(sut, 'E06000990')).toMatchObject({ q: 8, r: 3, placement: 'predecessor' });
      expect(hexOf(sut, 'E06000062')).toMatchObject({ q: 4, r: 6, placement: 'nearby' });
      expect(sut.hexes).toHaveLength(153);
      expectNoSharedHex(sut);
    });

    it("finds Surrey's hexes for a successor of a successor", () => {
      const later = [
        ...surreySplit.filter((la) => la.gssCode !== 'E06000990'),
        { gssCode: 'E06000995', name: 'Weald & Downs', predecessorCodes: ['E06000990'] },
      ];

      const sut = layoutHexes(hexjson, later, [
        { gssCode: 'E06000990', predecessorCodes: ['E10000030'] },
      ]);

      // East Surrey now comes first by code, so it takes the county hex.
      expect(hexOf(sut, 'E06000991')).toMatchObject({ q: 8, r: 3, placement: 'predecessor' });
      expect(hexOf(sut, 'E06000995')).toMatchObject({ q: 7, r: 1, placement: 'nearby' });
      expect(sut.unplaced).toEqual([]);
      expectNoSharedHex(sut);
    });

    it('places a successor beside a predecessor that is still active', () => {
      const sut = layoutHexes(hexjson, [
        ...surreySplit,
        { gssCode: 'E06000989', name: 'Part of West Surrey', predecessorCodes: ['E06000990'] },
      ]);

      // Placed after West Surrey despite its lower code, around West Surrey's hex.
      expect(hexOf(sut, 'E06000990')).toMatchObject({ q: 8, r: 3 });
      expect(hexOf(sut, 'E06000989')).toMatchObject({ placement: 'nearby' });
      expectNoSharedHex(sut);
    });
  });

  it('puts an LA linked to no hex on a spare row south of the map, and reports it', () => {
    const sut = layoutHexes(hexjson, [
      ...the2020Set,
      { gssCode: 'E06000998', name: 'Unknown B', predecessorCodes: ['E99999999'] },
      { gssCode: 'E06000997', name: 'Unknown A', predecessorCodes: [] },
    ]);

    // The file's southmost row is r = 0 and its westmost column q = 0.
    expect(hexOf(sut, 'E06000997')).toMatchObject({ q: 0, r: -2, placement: 'spare' });
    expect(hexOf(sut, 'E06000998')).toMatchObject({ q: 1, r: -2, placement: 'spare' });
    expect(sut.unplaced).toEqual([
      { gssCode: 'E06000997', name: 'Unknown A' },
      { gssCode: 'E06000998', name: 'Unknown B' },
    ]);
    expect(sut.hexes).toHaveLength(153);
    expectNoSharedHex(sut);
  });

  it('reports LAs that name each other as predecessors rather than looping', () => {
    const sut = layoutHexes(hexjson, [
      { gssCode: 'E06000981', name: 'A', predecessorCodes: ['E06000982'] },
      { gssCode: 'E06000982', name: 'B', predecessorCodes: ['E06000981'] },
    ]);

    expect(sut.unplaced.map((la) => la.gssCode)).toEqual(['E06000981', 'E06000982']);
    expectNoSharedHex(sut);
  });

  it('refuses an LA listed twice', () => {
    expect(() => layoutHexes(hexjson, [the2020Set[0], the2020Set[0]])).toThrow(/listed twice/);
  });
});
