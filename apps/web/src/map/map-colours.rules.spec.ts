import {
  MAP_COLOURS,
  MAP_SWATCHES,
  NO_DATA_SWATCH,
  contrastProblems,
  contrastRatio,
  inkOn,
  relativeLuminance,
} from './map-colours.rules';

describe('relativeLuminance', () => {
  it('is 0 for black and 1 for white', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBe(1);
  });

  it('refuses anything but #rrggbb', () => {
    expect(() => relativeLuminance('red')).toThrow(/#rrggbb/);
  });
});

describe('contrastRatio', () => {
  it('matches published ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    // GOV.UK blue on white: 5.17:1 in the GOV.UK Design System's colour guidance.
    expect(contrastRatio('#1d70b8', '#ffffff')).toBeCloseTo(5.17, 2);
    expect(contrastRatio('#ffffff', '#1d70b8')).toBeCloseTo(5.17, 2);
  });
});

describe('MAP_COLOURS', () => {
  it.each(Object.entries(MAP_COLOURS))('%s keeps 3:1 against white', (_, colour) => {
    expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
  });
});

describe('MAP_SWATCHES', () => {
  it('keep 3:1 against white and between neighbours in the list', () => {
    const categories = MAP_SWATCHES.map((swatch, index) => ({
      label: `swatch ${index}`,
      colour: swatch.colour,
    }));

    expect(contrastProblems(categories)).toEqual([]);
  });

  it('each have their own pattern, unlike the no-data swatch', () => {
    const patterns = MAP_SWATCHES.map((swatch) => swatch.pattern);

    expect(new Set(patterns).size).toBe(MAP_SWATCHES.length);
    expect(MAP_SWATCHES.map((swatch) => swatch.colour)).not.toContain(NO_DATA_SWATCH.colour);
  });
});

describe('inkOn', () => {
  it('writes white on dark fills and black on light ones', () => {
    expect(inkOn(MAP_COLOURS.darkBlue)).toBe('#ffffff');
    expect(inkOn(MAP_COLOURS.turquoise)).toBe('#0b0c0c');
    expect(inkOn('#ffdd00')).toBe('#0b0c0c');
  });
});

describe('contrastProblems', () => {
  it('names a colour too pale for the page and neighbours too alike', () => {
    const sut = contrastProblems([
      { label: 'Pale', colour: '#ffdd00' },
      { label: 'Green', colour: '#00703c' },
      { label: 'Blue', colour: '#1d70b8' },
    ]);

    expect(sut).toEqual(['Pale has 1.35:1 against white', 'Green and Blue have 1.20:1']);
  });
});
