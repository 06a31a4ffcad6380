import { hexCentre, hexCorners, type HexCell, type Point } from './hex-grid.rules';
import {
  GOVUK_FOCUS_COLOUR,
  GOVUK_TEXT_COLOUR,
  WHITE,
  inkOn,
  parseColour,
  type HexPattern,
} from './map-colours.rules';

export interface MapCategory {
  key: string;
  label: string;
  /** #rrggbb; see MAP_SWATCHES for colours that keep 3:1 against white and their neighbours. */
  colour: string;
  /** A pattern over the colour, so the category does not rest on colour alone. */
  pattern?: HexPattern;
  /** A short text code (one to three characters) drawn in each hex and in the legend. */
  code?: string;
}

export interface PlacedHex extends HexCell {
  gssCode: string;
  name: string;
}

export interface HexMapOptions {
  hexes: readonly PlacedHex[];
  categoryOf: (gssCode: string) => string;
  categories: readonly MapCategory[];
  /** When given, each hex is a link: focusable, and named by its title. */
  hrefOf?: (gssCode: string) => string;
  title: string;
  description: string;
  /** Prefix of the ids inside the SVG; must be unique on the page. */
  id?: string;
}

// Units of the viewBox: the SVG scales to its container.
const SIZE = 10;
const GAP = 1.2;
const MARGIN = SIZE;
const FOCUS_SCALE = 0.62;
const CODE_SIZE = SIZE * 0.62;

/**
 * The map as an SVG string, hexes in the order given (layoutHexes gives north to south, so the tab
 * order reads like the map). Each hex has a title "Name: category". Styles for focus and hover are
 * in public/hex-map.css; without them the map still draws, with no focus marker beyond the browser's.
 */
export function renderHexMap(options: HexMapOptions): string {
  const id = checkedId(options.id ?? 'hex-map');
  const categories = indexCategories(options.categories);
  const linked = options.hrefOf !== undefined;
  const topRow = Math.max(...options.hexes.map((hex) => hex.r));

  const body = options.hexes.map((hex) => {
    const key = options.categoryOf(hex.gssCode);
    const category = categories.get(key);
    if (!category) throw new Error(`No map category ${key} for ${hex.gssCode}`);
    const centre = hexCentre(hex, SIZE, topRow);
    const shape = [
      `<title>${escapeMarkup(`${hex.name}: ${category.label}`)}</title>`,
      `<polygon class="app-hex-map__hex" points="${points(hexCorners(centre, SIZE))}" fill="${fillOf(category, id, options.categories.indexOf(category))}" stroke="${WHITE}" stroke-width="${GAP}"/>`,
      codePlate(category, centre, CODE_SIZE),
      `<polygon class="app-hex-map__focus" points="${points(hexCorners(centre, SIZE * FOCUS_SCALE))}" fill="${GOVUK_FOCUS_COLOUR}" stroke="${GOVUK_TEXT_COLOUR}" stroke-width="1.5" visibility="hidden"/>`,
      codeText(category, centre, CODE_SIZE),
    ].join('');
    const gss = `data-gss-code="${escapeMarkup(hex.gssCode)}"`;
    return linked
      ? `<a class="app-hex-map__link" href="${escapeMarkup(options.hrefOf!(hex.gssCode))}" ${gss}>${shape}</a>`
      : `<g class="app-hex-map__area" ${gss}>${shape}</g>`;
  });

  // Without links the map is one picture (the table alongside carries the data); with links it
  // must stay a container, or its links would be hidden from assistive technology.
  const role = linked ? '' : ' role="img"';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-hex-map" viewBox="${viewBox(options.hexes, topRow)}"${role} aria-labelledby="${id}-title" aria-describedby="${id}-desc">`,
    `<title id="${id}-title">${escapeMarkup(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeMarkup(options.description)}</desc>`,
    patternDefs(options.categories, id),
    ...body,
    '</svg>',
  ].join('');
}

/** The key as an HTML list: a swatch like the map's, the label and how many LAs fall in it. */
export function renderLegend(
  categories: readonly MapCategory[],
  counts: Readonly<Record<string, number>>,
  options: { id?: string } = {},
): string {
  const id = `${checkedId(options.id ?? 'hex-map')}-legend`;
  indexCategories(categories);
  const items = categories.map((category, index) => {
    const centre = { x: SIZE, y: SIZE };
    const swatch = [
      `<svg class="app-hex-map-legend__swatch" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE * 2} ${SIZE * 2}" width="24" height="24" aria-hidden="true" focusable="false">`,
      patternDefs([category], id, index),
      `<polygon points="${points(hexCorners(centre, SIZE - GAP / 2))}" fill="${fillOf(category, id, index)}"/>`,
      codePlate(category, centre, CODE_SIZE),
      codeText(category, centre, CODE_SIZE),
      '</svg>',
    ].join('');
    const count = counts[category.key] ?? 0;
    return (
      `<li class="app-hex-map-legend__item">${swatch} ` +
      `<span class="app-hex-map-legend__label">${escapeMarkup(category.label)}</span> ` +
      `<span class="app-hex-map-legend__count">(${count})</span></li>`
    );
  });
  return `<ul class="govuk-list app-hex-map-legend">${items.join('')}</ul>`;
}

/** How many hexes fall in each category, for the legend. */
export function countByCategory(
  hexes: readonly PlacedHex[],
  categoryOf: (gssCode: string) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const hex of hexes) {
    const key = categoryOf(hex.gssCode);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function escapeMarkup(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function indexCategories(categories: readonly MapCategory[]): Map<string, MapCategory> {
  const byKey = new Map<string, MapCategory>();
  for (const category of categories) {
    if (byKey.has(category.key)) throw new Error(`Map category ${category.key} is listed twice`);
    parseColour(category.colour);
    byKey.set(category.key, category);
  }
  return byKey;
}

function checkedId(id: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) throw new Error(`Map id ${id} is not a plain id`);
  return id;
}

const patternId = (id: string, index: number) => `${id}-pattern-${index}`;

function fillOf(category: MapCategory, id: string, index: number): string {
  if ((category.pattern ?? 'none') === 'none') return category.colour;
  return `url(#${patternId(id, index)})`;
}

// Patterns are drawn in black or white, whichever contrasts more with the category's colour.
function patternDefs(categories: readonly MapCategory[], id: string, firstIndex = 0): string {
  const patterns = categories.flatMap((category, offset) => {
    const pattern = category.pattern ?? 'none';
    if (pattern === 'none') return [];
    const ink = inkOn(category.colour);
    const marks = patternMarks(pattern, ink);
    return [
      `<pattern id="${patternId(id, firstIndex + offset)}" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">` +
        `<rect width="4" height="4" fill="${category.colour}"/>${marks}</pattern>`,
    ];
  });
  return patterns.length > 0 ? `<defs>${patterns.join('')}</defs>` : '';
}

function patternMarks(pattern: Exclude<HexPattern, 'none'>, ink: string): string {
  switch (pattern) {
    case 'stripes':
      return `<rect width="1.4" height="4" fill="${ink}"/>`;
    case 'dots':
      return `<circle cx="2" cy="2" r="0.9" fill="${ink}"/>`;
    case 'crosshatch':
      return `<rect width="1" height="4" fill="${ink}"/><rect width="4" height="1" fill="${ink}"/>`;
  }
}

// Over a pattern the code sits on a small plain hex and a halo of the colour, so it stays legible.
function codePlate(category: MapCategory, centre: Point, fontSize: number): string {
  if (!category.code || (category.pattern ?? 'none') === 'none') return '';
  return `<polygon points="${points(hexCorners(centre, fontSize * 0.85))}" fill="${category.colour}"/>`;
}

function codeText(category: MapCategory, centre: Point, fontSize: number): string {
  if (!category.code) return '';
  return (
    `<text class="app-hex-map__code" x="${round(centre.x)}" y="${round(centre.y)}" text-anchor="middle" dominant-baseline="central" ` +
    `font-size="${round(fontSize)}" font-weight="bold" fill="${inkOn(category.colour)}" stroke="${category.colour}" stroke-width="1.5" paint-order="stroke" aria-hidden="true">` +
    `${escapeMarkup(category.code)}</text>`
  );
}

function viewBox(hexes: readonly HexCell[], topRow: number): string {
  const centres = hexes.map((hex) => hexCentre(hex, SIZE, topRow));
  const halfWidth = (Math.sqrt(3) / 2) * SIZE;
  const minX = Math.min(...centres.map((c) => c.x)) - halfWidth - MARGIN;
  const maxX = Math.max(...centres.map((c) => c.x)) + halfWidth + MARGIN;
  const minY = Math.min(...centres.map((c) => c.y)) - SIZE - MARGIN;
  const maxY = Math.max(...centres.map((c) => c.y)) + SIZE + MARGIN;
  return [minX, minY, maxX - minX, maxY - minY].map(round).join(' ');
}

const points = (corners: Point[]) =>
  corners.map((corner) => `${round(corner.x)},${round(corner.y)}`).join(' ');

const round = (value: number) => String(Math.round(value * 100) / 100);
