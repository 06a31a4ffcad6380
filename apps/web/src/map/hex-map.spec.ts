import { layoutHexes } from './hex-layout.rules';
import {
  countByCategory,
  escapeMarkup,
  renderHexMap,
  renderLegend,
  type MapCategory,
} from './hex-map';
import { readHexJson } from './hexjson';
import { MAP_SWATCHES } from './map-colours.rules';

const categories: MapCategory[] = [
  { key: 'engaged', label: 'Engaged & active', ...MAP_SWATCHES[0], code: 'E' },
  { key: 'eligible', label: "Eligible, hasn't started", ...MAP_SWATCHES[1], code: 'EL' },
];

const hexes = [
  { gssCode: 'E06000001', name: "King's Lynn & <West>", q: 0, r: 1 },
  { gssCode: 'E06000002', name: 'Southtown', q: 1, r: 0 },
  { gssCode: 'E06000003', name: 'Easton', q: 1, r: 1 },
];

const categoryOf = (gssCode: string) => (gssCode === 'E06000002' ? 'eligible' : 'engaged');

const base = {
  hexes,
  categoryOf,
  categories,
  title: 'Engagement by LA',
  description: 'Two of three LAs are engaged & active.',
};

/** Each hex's element, by GSS code. */
function elementsOf(svg: string): Map<string, string> {
  const found = svg.matchAll(
    /<(a|g) class="[^"]*" (?:href="[^"]*" )?data-gss-code="([^"]+)">.*?<\/\1>/g,
  );
  return new Map([...found].map((match) => [match[2], match[0]]));
}

/** The centre of a hex's polygon, averaged from its corners. */
function centreOf(element: string): { x: number; y: number } {
  const pointList = /class="app-hex-map__hex" points="([^"]+)"/.exec(element)![1];
  const pairs = pointList.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
  return {
    x: pairs.reduce((sum, [x]) => sum + x, 0) / pairs.length,
    y: pairs.reduce((sum, [, y]) => sum + y, 0) / pairs.length,
  };
}

describe('renderHexMap', () => {
  it('names the SVG by its title and description', () => {
    const sut = renderHexMap({ ...base, id: 'engagement-map' });

    expect(sut).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="app-hex-map"/);
    expect(sut).toContain('aria-labelledby="engagement-map-title"');
    expect(sut).toContain('aria-describedby="engagement-map-desc"');
    expect(sut).toContain('<title id="engagement-map-title">Engagement by LA</title>');
    expect(sut).toContain(
      '<desc id="engagement-map-desc">Two of three LAs are engaged &amp; active.</desc>',
    );
    expect(sut.endsWith('</svg>')).toBe(true);
  });

  it('makes each hex a link titled "Name: category", escaping names, labels and hrefs', () => {
    const sut = renderHexMap({ ...base, hrefOf: (code) => `/las/${code}?tab=map&view=1` });

    const elements = elementsOf(sut);
    expect(elements.size).toBe(3);
    const kings = elements.get('E06000001')!;
    expect(kings).toMatch(
      /^<a class="app-hex-map__link" href="\/las\/E06000001\?tab=map&amp;view=1"/,
    );
    expect(kings).toContain(
      '<title>King&#39;s Lynn &amp; &lt;West&gt;: Engaged &amp; active</title>',
    );
    expect(elements.get('E06000002')).toContain(
      '<title>Southtown: Eligible, hasn&#39;t started</title>',
    );
    expect(sut).not.toContain('role="img"');
    expect(sut).not.toContain("King's");
  });

  it('is one picture when hexes are not links', () => {
    const sut = renderHexMap(base);

    expect(sut).toContain('role="img"');
    expect(sut).not.toContain('<a ');
    expect(elementsOf(sut).size).toBe(3);
  });

  it('gives each hex a hidden focus marker that the stylesheet shows', () => {
    const sut = renderHexMap({ ...base, hrefOf: (code) => `/las/${code}` });

    for (const element of elementsOf(sut).values()) {
      expect(element).toMatch(
        /<polygon class="app-hex-map__focus" points="[^"]+" fill="#ffdd00" stroke="#0b0c0c" stroke-width="1.5" visibility="hidden"\/>/,
      );
    }
  });

  it('fills patterned categories with their pattern and draws their text code', () => {
    const sut = renderHexMap({ ...base, id: 'm' });

    // MAP_SWATCHES[1] is turquoise with stripes, marked in black.
    expect(sut).toContain(
      '<pattern id="m-pattern-1" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)"><rect width="4" height="4" fill="#28a197"/><rect width="1.4" height="4" fill="#0b0c0c"/></pattern>',
    );
    expect(sut).not.toContain('id="m-pattern-0"');
    const southtown = elementsOf(sut).get('E06000002')!;
    expect(southtown).toContain('fill="url(#m-pattern-1)"');
    expect(southtown).toMatch(
      /<text class="app-hex-map__code"[^>]* fill="#0b0c0c"[^>]* aria-hidden="true">EL<\/text>/,
    );
    const easton = elementsOf(sut).get('E06000003')!;
    expect(easton).toContain('fill="#003078"');
    expect(easton).toMatch(/fill="#ffffff"[^>]*>E<\/text>/);
  });

  it('draws higher rows above lower ones, odd rows half a hex east', () => {
    const elements = elementsOf(renderHexMap(base));
    const west = centreOf(elements.get('E06000001')!); // q 0, r 1
    const south = centreOf(elements.get('E06000002')!); // q 1, r 0
    const east = centreOf(elements.get('E06000003')!); // q 1, r 1

    expect(west.y).toBeCloseTo(east.y);
    expect(south.y).toBeGreaterThan(west.y);
    // Row 1 is odd, so its q 0 sits halfway between row 0's q 0 and q 1.
    expect(south.x - west.x).toBeCloseTo((east.x - west.x) / 2);
  });

  it('fits the viewBox around every hex', () => {
    const sut = renderHexMap(base);

    const [minX, minY, width, height] = /viewBox="([^"]+)"/
      .exec(sut)![1]
      .split(' ')
      .map(Number) as [number, number, number, number];
    const corners = [...sut.matchAll(/class="app-hex-map__hex" points="([^"]+)"/g)].flatMap(
      (match) => match[1].split(' ').map((pair) => pair.split(',').map(Number)),
    );
    for (const [x, y] of corners) {
      expect(x).toBeGreaterThanOrEqual(minX);
      expect(x).toBeLessThanOrEqual(minX + width);
      expect(y).toBeGreaterThanOrEqual(minY);
      expect(y).toBeLessThanOrEqual(minY + height);
    }
  });

  it('draws England north up: Northumberland near the top, Cornwall at the bottom left', () => {
    const hexjson = readHexJson();
    const layout = layoutHexes(
      hexjson,
      Object.entries(hexjson.hexes).map(([gssCode, hex]) => ({
        gssCode,
        name: hex.n ?? gssCode,
        predecessorCodes: [],
      })),
    );
    const elements = elementsOf(
      renderHexMap({ ...base, hexes: layout.hexes, categoryOf: () => 'engaged' }),
    );
    const centres = [...elements.values()].map(centreOf);
    const northumberland = centreOf(elements.get('E06000057')!);
    const cornwall = centreOf(elements.get('E06000052')!);
    const kent = centreOf(elements.get('E10000016')!);

    expect(northumberland.y).toBeLessThan(Math.min(...centres.map((c) => c.y)) + 20);
    expect(cornwall.y).toBeGreaterThan(Math.max(...centres.map((c) => c.y)) - 20);
    expect(cornwall.x).toBeLessThan(kent.x);
    expect(cornwall.x).toBeLessThan(northumberland.x);
  });

  it('refuses a hex whose category is not in the list', () => {
    expect(() => renderHexMap({ ...base, categoryOf: () => 'unknown' })).toThrow(
      /No map category unknown for E06000001/,
    );
  });

  it('refuses an id that is not safe in markup', () => {
    expect(() => renderHexMap({ ...base, id: 'a"b' })).toThrow(/not a plain id/);
  });
});

describe('renderLegend', () => {
  it('lists each category with its swatch, escaped label and count', () => {
    const sut = renderLegend(categories, { engaged: 2 }, { id: 'm' });

    expect(sut).toMatch(/^<ul class="govuk-list app-hex-map-legend">/);
    const items = sut.match(/<li .*?<\/li>/g)!;
    expect(items).toHaveLength(2);
    expect(items[0]).toContain(
      '<span class="app-hex-map-legend__label">Engaged &amp; active</span> <span class="app-hex-map-legend__count">(2)</span>',
    );
    expect(items[1]).toContain('Eligible, hasn&#39;t started</span>');
    expect(items[1]).toContain('<span class="app-hex-map-legend__count">(0)</span>');
    expect(items[1]).toContain('<pattern id="m-legend-pattern-1"');
    expect(items[1]).toContain('fill="url(#m-legend-pattern-1)"');
    expect(items[1]).toMatch(/aria-hidden="true">EL<\/text>/);
    expect(items[0]).toContain('aria-hidden="true" focusable="false"');
  });
});

describe('countByCategory', () => {
  it('counts hexes per category key', () => {
    expect(countByCategory(hexes, categoryOf)).toEqual({ engaged: 2, eligible: 1 });
  });
});

describe('escapeMarkup', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeMarkup(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});
