// Pointy-top hexes in "odd-r" offset coordinates: odd rows sit half a hex to the east.
// In our HexJSON r grows northwards, so drawing flips it: a higher r is nearer the top.

export interface HexCell {
  q: number;
  r: number;
}

export interface Point {
  x: number;
  y: number;
}

export const cellKey = (cell: HexCell): string => `${cell.q},${cell.r}`;

const isOddRow = (r: number): boolean => (r & 1) === 1;

/** The six cells that share an edge with this one. */
export function oddRNeighbours({ q, r }: HexCell): HexCell[] {
  // Rows above and below are offset, so which two cells touch depends on the row's parity.
  const west = isOddRow(r) ? q : q - 1;
  return [
    { q: q - 1, r },
    { q: q + 1, r },
    { q: west, r: r - 1 },
    { q: west + 1, r: r - 1 },
    { q: west, r: r + 1 },
    { q: west + 1, r: r + 1 },
  ];
}

/** Hex steps between two cells, through cube coordinates. */
export function hexDistance(a: HexCell, b: HexCell): number {
  const toCube = ({ q, r }: HexCell) => {
    const x = q - (r - (r & 1)) / 2;
    return { x, z: r, y: -x - r };
  };
  const ca = toCube(a);
  const cb = toCube(b);
  return Math.max(Math.abs(ca.x - cb.x), Math.abs(ca.y - cb.y), Math.abs(ca.z - cb.z));
}

/** Centre of a cell of circumradius `size`, with `topRow` (the largest r) at y = 0. */
export function hexCentre({ q, r }: HexCell, size: number, topRow: number): Point {
  return {
    x: Math.sqrt(3) * size * (q + (isOddRow(r) ? 0.5 : 0)),
    y: 1.5 * size * (topRow - r),
  };
}

/** Corners of a pointy-top hex, clockwise from the top. */
export function hexCorners(centre: Point, size: number): Point[] {
  return [-90, -30, 30, 90, 150, 210].map((degrees) => {
    const radians = (Math.PI / 180) * degrees;
    return { x: centre.x + size * Math.cos(radians), y: centre.y + size * Math.sin(radians) };
  });
}
