// WCAG 2.2 contrast, for the map's fills (non-text: 3:1) and the text codes drawn on them.

export const WHITE = '#ffffff';
export const GOVUK_TEXT_COLOUR = '#0b0c0c';
export const GOVUK_FOCUS_COLOUR = '#ffdd00';

/** GOV.UK Frontend colours that keep 3:1 against white, so a hex stands out from the page. */
export const MAP_COLOURS = {
  black: '#0b0c0c',
  darkBlue: '#003078',
  purple: '#4c2c92',
  brightPurple: '#912b88',
  darkGrey: '#505a5f',
  green: '#00703c',
  blue: '#1d70b8',
  red: '#d4351c',
  lightPurple: '#6f72af',
  pink: '#d53880',
  lightBlue: '#5694ca',
  brown: '#b58840',
  turquoise: '#28a197',
  lightGreen: '#85994b',
} as const;

export type HexPattern = 'none' | 'stripes' | 'dots' | 'crosshatch';

export interface Swatch {
  colour: string;
  pattern: HexPattern;
}

/**
 * Swatches for categories in order: dark and light colours alternate, so neighbouring entries keep
 * 3:1 against each other as well as against white, and each has its own pattern, so no category
 * relies on colour alone.
 */
export const MAP_SWATCHES: readonly Swatch[] = [
  { colour: MAP_COLOURS.darkBlue, pattern: 'none' },
  { colour: MAP_COLOURS.turquoise, pattern: 'stripes' },
  { colour: MAP_COLOURS.purple, pattern: 'dots' },
  { colour: MAP_COLOURS.brown, pattern: 'crosshatch' },
];

/** For "no data" or "not applicable": plain dark grey, unlike every swatch above. */
export const NO_DATA_SWATCH: Swatch = { colour: MAP_COLOURS.darkGrey, pattern: 'none' };

export function parseColour(colour: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(colour);
  if (!match) throw new Error(`Colour ${colour} is not #rrggbb`);
  const value = parseInt(match[1], 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseColour(colour).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on the fill: for text codes and pattern marks. */
export function inkOn(fill: string): string {
  return contrastRatio(fill, GOVUK_TEXT_COLOUR) >= contrastRatio(fill, WHITE)
    ? GOVUK_TEXT_COLOUR
    : WHITE;
}

/**
 * Where categories fall short of 3:1, against the white page or against the category next to them
 * in the list: for a check at start-up or in a test, as a short list of sentences.
 */
export function contrastProblems(
  categories: readonly { label: string; colour: string }[],
): string[] {
  const problems: string[] = [];
  categories.forEach((category, index) => {
    const againstWhite = contrastRatio(category.colour, WHITE);
    if (againstWhite < 3) {
      problems.push(`${category.label} has ${againstWhite.toFixed(2)}:1 against white`);
    }
    const next = categories[index + 1];
    if (next) {
      const between = contrastRatio(category.colour, next.colour);
      if (between < 3) {
        problems.push(`${category.label} and ${next.label} have ${between.toFixed(2)}:1`);
      }
    }
  });
  return problems;
}
