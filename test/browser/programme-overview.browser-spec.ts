import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  describeInBrowser,
  screenshot,
  signInAs,
} from '../support/browser';
import { GOLDEN_LA, GOLDEN_PROGRAMME } from '../support/golden-scenario';
import { freshPageEachTest, useWebRig } from '../support/web-rig';

const MANAGER = 'Programme manager: Local Authority and Political Leadership Support';
const SUPPLIER = 'Supplier: North Star Leadership Ltd';
const OVERVIEW = `/programmes/${GOLDEN_PROGRAMME}`;

/** A table's row by its header cell, as the cells' texts. */
const rowOf = async (page: Page, caption: RegExp, header: string) => {
  const table = page.getByRole('table', { name: caption });
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
  return (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim());
};

/**
 * A programme manager's overview of the reference scenario's year (scenarios/golden-2022-23.md)
 * and its hex map, in a browser; a supplier may see neither.
 */
describeInBrowser('the programme overview and map in a browser', () => {
  const rig = useWebRig({ scenario: true });
  let page: Page;
  freshPageEachTest(rig, (fresh) => (page = fresh), { viewport: { width: 1280, height: 900 } });

  it('shows a manager the year’s delivery, spend and reach, as the reference scenario has them', async () => {
    await signInAs(page, rig.web, MANAGER);
    await page
      .getByRole('link', { name: 'Local Authority and Political Leadership Support' })
      .click();
    expect(new URL(page.url()).pathname).toBe(OVERVIEW);
    // The programme ended in March 2024: its last year is shown until another is chosen.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Overview of 2023-24',
    );
    await page.getByLabel('Financial year').selectOption('2022-23');
    await page.getByRole('button', { name: 'Show year' }).click();
    expect(new URL(page.url()).search).toBe('?year=2022-23');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Overview of 2022-23',
    );

    // Six LAs reached (four for political leadership, Sandwell, Sunderland); S1, S2, S4 and S5
    // approved in the year (S6 is dated 2023-24).
    const cards = (await page.locator('.app-card').allInnerTexts()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    expect(cards[0]).toMatch(/^6 LAs reached/);
    expect(cards[1]).toBe('4 sessions approved');
    expect(cards[2]).toMatch(/^£21,197\.92 spent/);
    await expect(page.title()).resolves.toBe(
      'Overview of 2022-23: Local Authority and Political Leadership Support – LA Delivery Tracker',
    );

    // Political leadership: Hartlepool, Middlesbrough, Redcar and Cleveland and Leeds; S1 and S2
    // approved, S3 awaiting approval, S7 planned; £1,250.00 each for S1 and S2.
    const political = await rowOf(
      page,
      /Delivery by service line/,
      'Leadership development programmes for new and existing political leaders',
    );
    expect(political[0]).toMatch(/^4 /);
    expect(political[2]).toBe('2 (2)');
    expect(political[3]).toBe('1');
    expect(political[4]).toBe('1');
    expect(political[7]).toBe('£2,500.00');
    // The diagnostic line: Sunderland's final report against the target of 12.
    const diagnostic = await rowOf(
      page,
      /Delivery by service line/,
      "Full diagnostic of an LA's corporate parenting arrangements",
    );
    expect(diagnostic[0]).toBe('1 of 12 LAs (8%)');
    expect(diagnostic[6]).toBe('1 (1)');

    // Coaching and mentoring: Sandwell, cap 15; S4 and S5, 125 minutes, in the year.
    const coaching = await rowOf(
      page,
      /Delivery by service line/,
      'Coaching and mentoring for individual political and corporate leaders',
    );
    expect(coaching[0]).toBe('1 LA (no target)');
    expect(coaching[1]).toBe('15');
    expect(coaching[5]).toBe('2 hours 5 minutes (2 hours 5 minutes)');
    expect(coaching[7]).toBe('£197.92');

    // Spend 2022-23: £2,500.00 + £197.92 + £18,500.00.
    const total = await rowOf(
      page,
      /Spend in 2022-23 against contract values/,
      'All spend in 2022-23',
    );
    expect(total[0]).toBe('£21,197.92');
    await expect(page.getByText('£21,197.92', { exact: true }).first().isVisible()).resolves.toBe(
      true,
    );

    // Reach: North East 4 of 12 (Hartlepool, Middlesbrough, Redcar and Cleveland, Sunderland).
    const northEast = await rowOf(page, /LAs reached by any service line/, 'North East');
    expect(northEast[0]).toBe('4 of 12 (33%)');
    const yorkshire = await rowOf(
      page,
      /LAs reached by any service line/,
      'Yorkshire and The Humber',
    );
    expect(yorkshire[0]).toBe('1 of 15 (7%)');

    // S7, planned for 19 December 2022 and never recorded, links to its session.
    const s7 = page.getByRole('link', { name: /Session not yet recorded/ });
    await expect(s7.getAttribute('href')).resolves.toMatch(/^\/sessions\/[0-9a-f-]+$/);
    // Sunderland's follow-up review (due 16 July 2023) links to its engagement.
    const followUp = page.getByRole('link', { name: /Diagnostic follow-up review/ });
    await expect(followUp.getAttribute('href')).resolves.toMatch(/^\/engagements\/[0-9a-f-]+$/);

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'overview');
  });

  it('draws the year’s LAs on a hex map in each colouring, each hex opening its LA', async () => {
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}${OVERVIEW}?year=2022-23`);
    await page.getByRole('link', { name: 'Map of local authorities in 2022-23' }).click();
    expect(new URL(page.url()).pathname).toBe(`${OVERVIEW}/map`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Map of local authorities in 2022-23',
    );
    // The six LAs engaged and approved in 2022-23 show as approved or further on; others as none.
    const started = /^(Approved|In delivery|Completed)$/;
    const hexTitle = async (code: string) =>
      (await page.locator(`a[data-gss-code="${code}"] title`).textContent())!;
    for (const [code, name] of [
      [GOLDEN_LA.hartlepool, 'Hartlepool'],
      [GOLDEN_LA.sunderland, 'Sunderland'],
      [GOLDEN_LA.leeds, 'Leeds'],
    ])
      expect((await hexTitle(code)).replace(`${name}: `, '')).toMatch(started);
    await expect(hexTitle(GOLDEN_LA.darlington)).resolves.toBe('Darlington: No engagement');
    const legend = await page.locator('.app-hex-map-legend__item').allInnerTexts();
    const countOf = (label: string) =>
      Number(/\((\d+)\)/.exec(legend.find((item) => item.includes(label)) ?? '')?.[1]);
    expect(countOf('Approved') + countOf('In delivery') + countOf('Completed')).toBe(6);
    expect(countOf('Referred')).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'map');

    await page
      .getByRole('link', { name: 'Eligibility for coaching and mentoring (lot 7)' })
      .click();
    expect(new URL(page.url()).searchParams.get('colour')).toBe('eligibility');
    await screenshot(page, 'map-eligibility');
    await expect(
      page
        .getByRole('heading', { level: 2, name: 'Eligibility for coaching and mentoring (lot 7)' })
        .count(),
    ).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Latest Ofsted overall grade' }).click();
    expect(new URL(page.url()).searchParams.get('colour')).toBe('grade');
    await screenshot(page, 'map-grade');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The table alternative, behind its details.
    await page.getByText(/The map as a table/).click();
    await expect(
      page
        .getByRole('table', { name: /Local authorities on the map/ })
        .getByRole('row')
        .count(),
    ).resolves.toBeGreaterThan(150);

    await page.getByRole('link', { name: 'Engagement status' }).click();
    expect(new URL(page.url()).searchParams.get('colour')).toBe('engagement');
    await page.locator(`a[data-gss-code="${GOLDEN_LA.hartlepool}"]`).click();
    expect(new URL(page.url()).pathname).toBe(`/local-authorities/${GOLDEN_LA.hartlepool}`);
  });

  it('answers a year that is not a financial year with “page not found”', async () => {
    await signInAs(page, rig.web, MANAGER);
    const response = await page.goto(`${rig.web.base}${OVERVIEW}?year=2022-24`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Page not found',
    );
  });

  it('refuses a supplier the overview and the map', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    const overview = await page.goto(`${rig.web.base}${OVERVIEW}?year=2022-23`);
    expect(overview?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'You do not have access to this page',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    const map = await page.goto(`${rig.web.base}${OVERVIEW}/map?year=2022-23`);
    expect(map?.status()).toBe(403);
  });
});
