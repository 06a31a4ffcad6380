import { cellKey, hexCentre, hexCorners, hexDistance, oddRNeighbours } from './hex-grid.rules';

describe('oddRNeighbours', () => {
  it('reaches west into the rows beside an even row', () => {
    expect(oddRNeighbours({ q: 6, r: 14 }).map(cellKey).sort()).toEqual(
      ['5,14', '7,14', '5,13', '6,13', '5,15', '6,15'].sort(),
    );
  });

  it('reaches east into the rows beside an odd row', () => {
    expect(oddRNeighbours({ q: 8, r: 3 }).map(cellKey).sort()).toEqual(
      ['7,3', '9,3', '8,2', '9,2', '8,4', '9,4'].sort(),
    );
  });

  it('treats negative odd rows as odd', () => {
    expect(oddRNeighbours({ q: 0, r: -1 }).map(cellKey).sort()).toEqual(
      ['-1,-1', '1,-1', '0,-2', '1,-2', '0,0', '1,0'].sort(),
    );
  });

  it('is symmetric: each neighbour counts the cell among its own', () => {
    for (const cell of [
      { q: 3, r: 4 },
      { q: 3, r: 5 },
      { q: -2, r: -3 },
    ]) {
      for (const neighbour of oddRNeighbours(cell)) {
        expect(oddRNeighbours(neighbour).map(cellKey)).toContain(cellKey(cell));
      }
    }
  });
});

describe('hexDistance', () => {
  it('is 0 to itself, 1 to a neighbour, and counts steps further away', () => {
    expect(hexDistance({ q: 7, r: 6 }, { q: 7, r: 6 })).toBe(0);
    for (const neighbour of oddRNeighbours({ q: 7, r: 6 })) {
      expect(hexDistance({ q: 7, r: 6 }, neighbour)).toBe(1);
    }
    expect(hexDistance({ q: 7, r: 6 }, { q: 4, r: 6 })).toBe(3);
    expect(hexDistance({ q: 8, r: 3 }, { q: 7, r: 1 })).toBe(2);
  });
});

describe('hexCentre', () => {
  it('draws higher rows nearer the top and shifts odd rows half a hex east', () => {
    const size = 10;
    const width = Math.sqrt(3) * size;

    expect(hexCentre({ q: 0, r: 4 }, size, 4)).toEqual({ x: 0, y: 0 });
    expect(hexCentre({ q: 0, r: 3 }, size, 4)).toEqual({ x: width / 2, y: 15 });
    expect(hexCentre({ q: 2, r: 2 }, size, 4)).toEqual({ x: 2 * width, y: 30 });
  });
});

describe('hexCorners', () => {
  it('gives six corners of a pointy-top hex, the first straight above the centre', () => {
    const corners = hexCorners({ x: 0, y: 0 }, 10);

    expect(corners).toHaveLength(6);
    expect(corners[0].x).toBeCloseTo(0);
    expect(corners[0].y).toBeCloseTo(-10);
    expect(corners[3].y).toBeCloseTo(10);
    for (const corner of corners) expect(Math.hypot(corner.x, corner.y)).toBeCloseTo(10);
  });
});
