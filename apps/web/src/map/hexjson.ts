import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A HexJSON layout (https://open-innovations.org/projects/hexmaps/hexjson), keyed by GSS code. */
export interface HexJson {
  layout: 'odd-r';
  hexes: Readonly<Record<string, { q: number; r: number; n?: string }>>;
}

export const ENGLAND_UPPER_TIER_2020 = join(__dirname, 'data', 'england-upper-tier-2020.hexjson');

/** Reads and checks a HexJSON file: only the odd-r layout is drawn, and no two hexes may overlap. */
export function parseHexJson(text: string): HexJson {
  const parsed = JSON.parse(text) as { layout?: unknown; hexes?: unknown };
  if (parsed.layout !== 'odd-r') {
    throw new Error(`HexJSON layout ${String(parsed.layout)} is not supported: only odd-r`);
  }
  if (typeof parsed.hexes !== 'object' || parsed.hexes === null) {
    throw new Error('HexJSON has no hexes');
  }
  const hexes: Record<string, { q: number; r: number; n?: string }> = {};
  const taken = new Map<string, string>();
  for (const [code, value] of Object.entries(parsed.hexes as Record<string, unknown>)) {
    const hex = value as { q?: unknown; r?: unknown; n?: unknown };
    if (!Number.isInteger(hex.q) || !Number.isInteger(hex.r)) {
      throw new Error(`HexJSON hex ${code} has no whole-number q and r`);
    }
    const q = hex.q as number;
    const r = hex.r as number;
    const cell = `${q},${r}`;
    const other = taken.get(cell);
    if (other) throw new Error(`HexJSON hexes ${other} and ${code} share ${cell}`);
    taken.set(cell, code);
    hexes[code] = typeof hex.n === 'string' ? { q, r, n: hex.n } : { q, r };
  }
  return { layout: 'odd-r', hexes };
}

export function readHexJson(file: string = ENGLAND_UPPER_TIER_2020): HexJson {
  return parseHexJson(readFileSync(file, 'utf8'));
}
