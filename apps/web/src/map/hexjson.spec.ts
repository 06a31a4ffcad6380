import { parseHexJson, readHexJson } from './hexjson';

describe('parseHexJson', () => {
  it('reads q, r and the short name of each hex', () => {
    const sut = parseHexJson(
      '{"layout":"odd-r","hexes":{"E06000001":{"n":"Hartlepool","q":11,"r":14,"extra":1}}}',
    );

    expect(sut).toEqual({
      layout: 'odd-r',
      hexes: { E06000001: { n: 'Hartlepool', q: 11, r: 14 } },
    });
  });

  it('refuses other layouts, hexes without whole-number positions, and overlaps', () => {
    expect(() => parseHexJson('{"layout":"even-q","hexes":{}}')).toThrow(/only odd-r/);
    expect(() => parseHexJson('{"layout":"odd-r","hexes":{"A":{"q":1.5,"r":0}}}')).toThrow(
      /A has no whole-number q and r/,
    );
    expect(() =>
      parseHexJson('{"layout":"odd-r","hexes":{"A":{"q":1,"r":0},"B":{"q":1,"r":0}}}'),
    ).toThrow(/A and B share 1,0/);
  });
});

describe('readHexJson', () => {
  it("reads the 2020 file: England's 151 upper-tier LAs", () => {
    const sut = readHexJson();

    expect(Object.keys(sut.hexes)).toHaveLength(151);
    expect(sut.hexes['E06000057']).toEqual({ n: 'Northumberland', q: 10, r: 16 });
  });
});
