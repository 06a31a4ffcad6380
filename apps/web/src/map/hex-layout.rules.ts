import { cellKey, hexDistance, oddRNeighbours, type HexCell } from './hex-grid.rules';
import { type HexJson } from './hexjson';

/** An LA active on the chosen date. */
export interface ActiveAuthority {
  gssCode: string;
  name: string;
  /** GSS codes of the LAs it replaced, and any earlier codes of its own. */
  predecessorCodes: readonly string[];
}

/** An LA no longer active, kept so that a successor of a successor still reaches a 2020 hex. */
export interface FormerAuthority {
  gssCode: string;
  predecessorCodes: readonly string[];
}

/**
 * How an LA got its hex: its own in the file; a predecessor's; the nearest free one around its
 * predecessors' hexes; or a spare one south of the map, when nothing links it to the file.
 */
export type HexPlacement = 'own' | 'predecessor' | 'nearby' | 'spare';

export interface MapHex extends HexCell {
  gssCode: string;
  name: string;
  placement: HexPlacement;
}

export interface HexLayout {
  /** One per active LA, north to south then west to east (reading and tab order). */
  hexes: MapHex[];
  /** LAs placed on a spare hex, to be shown to whoever maintains the data. */
  unplaced: { gssCode: string; name: string }[];
}

// Far enough to leave the map in any direction; a search this long means the data is wrong.
const MAX_SEARCH_DISTANCE = 40;

/**
 * Gives each active LA one hex. An LA in the file keeps its hex. An LA created since takes its
 * predecessor's hex if free, else the nearest free hex around its predecessors' hexes; LAs are
 * placed in code order, so the result is the same every time. No two LAs share a hex.
 */
export function layoutHexes(
  hexjson: HexJson,
  authorities: readonly ActiveAuthority[],
  formerAuthorities: readonly FormerAuthority[] = [],
): HexLayout {
  const active = new Map<string, ActiveAuthority>();
  for (const authority of authorities) {
    if (active.has(authority.gssCode)) {
      throw new Error(`LA ${authority.gssCode} is listed twice among active LAs`);
    }
    active.set(authority.gssCode, authority);
  }
  const predecessorsOf = new Map<string, readonly string[]>();
  for (const former of formerAuthorities)
    predecessorsOf.set(former.gssCode, former.predecessorCodes);
  for (const authority of authorities)
    predecessorsOf.set(authority.gssCode, authority.predecessorCodes);

  const placed = new Map<string, MapHex>();
  const occupied = new Set<string>();
  const place = (authority: ActiveAuthority, cell: HexCell, placement: HexPlacement) => {
    placed.set(authority.gssCode, {
      gssCode: authority.gssCode,
      name: authority.name,
      q: cell.q,
      r: cell.r,
      placement,
    });
    occupied.add(cellKey(cell));
  };

  const byCode = [...active.values()].sort((a, b) => compareCodes(a.gssCode, b.gssCode));
  for (const authority of byCode) {
    const own = hexjson.hexes[authority.gssCode];
    if (own) place(authority, own, 'own');
  }

  // The hexes an LA's predecessors stand for: the file's hex for a code, else, going back, its own
  // predecessors' hexes; and, once successors have claimed their hexes, an active predecessor's
  // hex (placing that predecessor first).
  const areaOf = (code: string, seen: Set<string>, withActive: boolean): HexCell[] => {
    if (seen.has(code)) return [];
    seen.add(code);
    const activePredecessor = active.get(code);
    if (activePredecessor) {
      if (!withActive) return [];
      placeSuccessor(activePredecessor);
      const hex = placed.get(code);
      return hex ? [hex] : [];
    }
    const own = hexjson.hexes[code];
    if (own) return [{ q: own.q, r: own.r }];
    return [...(predecessorsOf.get(code) ?? [])]
      .sort(compareCodes)
      .flatMap((predecessor) => areaOf(predecessor, seen, withActive));
  };
  const predecessorArea = (authority: ActiveAuthority, withActive: boolean): HexCell[] => {
    const seen = new Set([authority.gssCode]);
    return uniqueCells(
      [...authority.predecessorCodes]
        .sort(compareCodes)
        .flatMap((code) => areaOf(code, seen, withActive)),
    );
  };
  const freeIn = (area: readonly HexCell[]) => area.find((cell) => !occupied.has(cellKey(cell)));

  // Successors claim their predecessors' free hexes before any LA is placed nearby, so no LA
  // takes a hex that a successor of its old owner should have had.
  for (const authority of byCode) {
    if (placed.has(authority.gssCode)) continue;
    const free = freeIn(predecessorArea(authority, false));
    if (free) place(authority, free, 'predecessor');
  }

  // Each LA is tried once: a cycle of predecessors ends here rather than looping.
  const tried = new Set<string>();
  const unplaced: ActiveAuthority[] = [];
  const placeSuccessor = (authority: ActiveAuthority): void => {
    if (placed.has(authority.gssCode) || tried.has(authority.gssCode)) return;
    tried.add(authority.gssCode);
    const area = predecessorArea(authority, true);
    const free = freeIn(area);
    const nearby = free ? null : area.length > 0 ? nearestFreeCell(area, occupied) : null;
    if (free) place(authority, free, 'predecessor');
    else if (nearby) place(authority, nearby, 'nearby');
    else unplaced.push(authority);
  };
  for (const authority of byCode) placeSuccessor(authority);

  // A row below the map, one row clear of it, west to east in code order.
  unplaced.sort((a, b) => compareCodes(a.gssCode, b.gssCode));
  if (unplaced.length > 0) {
    const cells = [...Object.values(hexjson.hexes), ...placed.values()];
    const spareRow = Math.min(...cells.map((cell) => cell.r)) - 2;
    const westmost = Math.min(...cells.map((cell) => cell.q));
    unplaced.forEach((authority, index) =>
      place(authority, { q: westmost + index, r: spareRow }, 'spare'),
    );
  }

  return {
    hexes: [...placed.values()].sort(
      (a, b) => b.r - a.r || a.q - b.q || compareCodes(a.gssCode, b.gssCode),
    ),
    unplaced: unplaced.map(({ gssCode, name }) => ({ gssCode, name })),
  };
}

/**
 * The free cell nearest the area, searching outwards ring by ring. Ties go to the cell with most
 * occupied neighbours (keeps the map compact), then the southernmost, then the westernmost.
 */
function nearestFreeCell(area: readonly HexCell[], occupied: ReadonlySet<string>): HexCell | null {
  const visited = new Set(area.map(cellKey));
  let ring: HexCell[] = [...area];
  for (let distance = 1; distance <= MAX_SEARCH_DISTANCE; distance++) {
    const next: HexCell[] = [];
    for (const cell of ring) {
      for (const neighbour of oddRNeighbours(cell)) {
        const key = cellKey(neighbour);
        if (visited.has(key)) continue;
        visited.add(key);
        next.push(neighbour);
      }
    }
    const free = next.filter((cell) => !occupied.has(cellKey(cell)));
    if (free.length > 0) {
      const crowding = (cell: HexCell) =>
        oddRNeighbours(cell).filter((neighbour) => occupied.has(cellKey(neighbour))).length;
      const closeness = (cell: HexCell) =>
        area.filter((areaCell) => hexDistance(areaCell, cell) === distance).length;
      return free.sort(
        (a, b) =>
          closeness(b) - closeness(a) || crowding(b) - crowding(a) || a.r - b.r || a.q - b.q,
      )[0];
    }
    ring = next;
  }
  return null;
}

function uniqueCells(cells: readonly HexCell[]): HexCell[] {
  const seen = new Set<string>();
  return cells.filter((cell) => {
    const key = cellKey(cell);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
