import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  describeInBrowser,
  screenshot,
  signInAs,
} from '../support/browser';
import { GOLDEN_LA } from '../support/golden-scenario';
import { freshPageEachTest, useWebRig } from '../support/web-rig';

const ADVISER = 'Regional adviser: North East';
const MANAGER = 'Programme manager: Local Authority and Political Leadership Support';
const SUPPLIER = 'Supplier: North Star Leadership Ltd';

/** The North East's 12 LAs (data/local-authorities.csv), by name as the list sorts them. */
const NORTH_EAST = [
  'County Durham',
  'Darlington',
  'Gateshead',
  'Hartlepool',
  'Middlesbrough',
  'Newcastle upon Tyne',
  'North Tyneside',
  'Northumberland',
  'Redcar and Cleveland',
  'South Tyneside',
  'Stockton-on-Tees',
  'Sunderland',
];

const RECORD_CONCERN = `mutation ($input: RecordConcernInput!) { recordConcern(input: $input) { id } }`;
const CONCERN = 'Three lead members for children in a year';

/** A table's body, row by row, each cell's text with its white space closed up. */
const tableRows = async (page: Page, caption: string): Promise<string[][]> => {
  const rows = await page.getByRole('table', { name: caption }).locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) =>
      (await row.locator('th, td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
    ),
  );
};

describeInBrowser('the web app in a browser: local authorities', () => {
  const rig = useWebRig({ scenario: true });
  let page: Page;
  freshPageEachTest(rig, (fresh) => (page = fresh));

  beforeAll(async () => {
    // Hartlepool's inspections are Ofsted's (the March 2024 outcomes file the database is seeded
    // with); a concern recorded by its programme manager makes it eligible for lot 7.
    await rig.scenario.ok('manager', RECORD_CONCERN, {
      input: { localAuthorityCode: GOLDEN_LA.hartlepool, note: CONCERN },
    });
  });

  it("lists a North East adviser's 12 LAs with their grade, eligibility and support", async () => {
    await signInAs(page, rig.web, ADVISER);
    expect(new URL(page.url()).pathname).toBe('/local-authorities');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Local authorities',
    );
    await expect(page.locator('#la-count').textContent()).resolves.toBe('12 local authorities');
    const rows = await tableRows(page, 'Local authorities and their status');
    expect(rows.map((row) => row[0])).toEqual(NORTH_EAST);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(['North East']));
    const byName = new Map(rows.map((row) => [row[0], row]));
    expect(byName.get('Hartlepool')).toEqual([
      'Hartlepool',
      'North East',
      'Outstanding Published 16 May 2024',
      'Eligible',
      '1 engagement',
    ]);
    // Support received: the scenario's North East engagements, one each; Gateshead only met. Grades
    // as in Ofsted's March 2024 outcomes file.
    for (const name of ['Middlesbrough', 'Redcar and Cleveland', 'Sunderland'])
      expect(byName.get(name)?.[4]).toBe('1 engagement');
    expect(byName.get('Gateshead')?.slice(2)).toEqual([
      'Good Published 11 June 2019',
      'Not eligible',
      '0 engagements',
    ]);
    // The region filter offers the adviser's own region only.
    await expect(page.getByLabel('Region').locator('option').allInnerTexts()).resolves.toEqual([
      'North East',
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'la-list');
  });

  it('searches by name with a plain form (no JavaScript needed)', async () => {
    await signInAs(page, rig.web, ADVISER);
    await page.getByLabel('Name or code').fill('tyne');
    await page.getByRole('button', { name: 'Show local authorities' }).click();
    expect(new URL(page.url()).searchParams.get('search')).toBe('tyne');
    const rows = await tableRows(page, 'Local authorities and their status');
    expect(rows.map((row) => row[0])).toEqual([
      'Newcastle upon Tyne',
      'North Tyneside',
      'South Tyneside',
    ]);
  });

  it("shows Hartlepool's inspections, eligibility, support and timeline", async () => {
    await signInAs(page, rig.web, ADVISER);
    await page.getByRole('link', { name: 'Hartlepool' }).click();
    expect(new URL(page.url()).pathname).toBe(`/local-authorities/${GOLDEN_LA.hartlepool}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hartlepool');
    const details = await page.locator('.govuk-summary-list').innerText();
    expect(details).toContain('E06000001');
    expect(details).toContain('805');

    // As in Ofsted's March 2024 outcomes file.
    expect(await tableRows(page, 'Inspections and visits of Hartlepool, newest first')).toEqual([
      [
        'ILACS short inspection',
        'Inspected 18 March 2024 Published 16 May 2024',
        'Outstanding',
        'Outstanding',
        'Outstanding',
        'Outstanding',
        'Good',
        'None',
      ],
      [
        'ILACS short inspection',
        'Published 28 August 2018',
        'Good',
        'Good',
        'Good',
        'Outstanding (one judgement before 2023)',
        'None',
      ],
    ]);

    const eligibility = await page.locator('#eligibility ~ *').allInnerTexts();
    const eligibilityText = eligibility.join('\n');
    expect(eligibilityText).toContain('Eligible as of');
    expect(eligibilityText).toContain('A programme manager recorded a concern with evidence');
    expect(eligibilityText).toContain(CONCERN);

    // S1, the North East cohort session of 14 June 2022, is Hartlepool's one delivered session.
    expect(
      await tableRows(
        page,
        'Support Hartlepool has received or been offered, newest referral first',
      ),
    ).toEqual([
      ['Political leadership', '2022-23', 'In delivery', 'North Star Leadership Ltd', '1', '0'],
    ]);

    const timeline = await page
      .getByRole('list', { name: 'Events at Hartlepool, newest first' })
      .getByRole('listitem')
      .allInnerTexts();
    expect(timeline.map((item) => item.replace(/\s+/g, ' ').trim())).toEqual([
      'Ofsted: ILACS short inspection 18 March 2024 Overall effectiveness: Outstanding',
      'Political leadership: session delivered 14 June 2022 Report approved',
      'Political leadership: delivery started 14 June 2022',
      'Political leadership: approved 8 June 2022 Supplier: North Star Leadership Ltd',
      'Political leadership: referred 1 June 2022 For 2022-23',
      'Ofsted: ILACS short inspection 28 August 2018 Overall effectiveness: Good',
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'la-page');
  });

  it("answers the not-found page when an adviser opens another region's LA", async () => {
    await signInAs(page, rig.web, ADVISER);
    const response = await page.goto(`${rig.web.base}/local-authorities/${GOLDEN_LA.leeds}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Page not found',
    );
    expect(await page.content()).not.toContain('Political leadership');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('finds an LA by its DfE code, and answers not found for a code no LA has', async () => {
    await signInAs(page, rig.web, ADVISER);
    await page.goto(`${rig.web.base}/local-authorities/805`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hartlepool');
    const response = await page.goto(`${rig.web.base}/local-authorities/E06999999`);
    expect(response?.status()).toBe(404);
  });

  it('shows a supplier no eligibility, and only its own support', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/local-authorities?region=E12000001`);
    const headers = await page
      .getByRole('table', { name: 'Local authorities and their status' })
      .locator('thead th')
      .allInnerTexts();
    expect(headers).not.toContain('Coaching and mentoring (lot 7)');
    await page.getByRole('link', { name: 'Hartlepool' }).click();
    await expect(page.locator('#eligibility').count()).resolves.toBe(0);
    expect(
      await tableRows(
        page,
        'Support Hartlepool has received or been offered, newest referral first',
      ),
    ).toEqual([
      ['Political leadership', '2022-23', 'In delivery', 'North Star Leadership Ltd', '1', '0'],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('links an LA that was split up to its successors, and back', async () => {
    await signInAs(page, rig.web, MANAGER);
    // Cumbria was replaced by Cumberland and Westmorland and Furness on 1 April 2023 (SPEC §3).
    await page.goto(`${rig.web.base}/local-authorities/E10000006`);
    const details = await page.locator('.govuk-summary-list').innerText();
    expect(details).toContain('31 March 2023');
    await page.getByRole('link', { name: 'Westmorland and Furness' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Westmorland and Furness',
    );
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain(
      '1 April 2023',
    );
    await page.getByRole('link', { name: 'Cumbria' }).click();
    expect(new URL(page.url()).pathname).toBe('/local-authorities/E10000006');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('pages through every LA in England for a programme manager, forward and back', async () => {
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}/local-authorities`);
    const first = await tableRows(page, 'Local authorities and their status');
    expect(first).toHaveLength(40);
    await page.getByRole('link', { name: /Next/ }).click();
    const second = await tableRows(page, 'Local authorities and their status');
    const names = new Set([...first, ...second].map((row) => row[0]));
    expect(names.size).toBe(first.length + second.length);
    await expect(page.locator('#la-count').textContent()).resolves.toMatch(/\(page 2 of \d+\)$/);
    await page.getByRole('link', { name: /Next/ }).click();
    await page.getByRole('link', { name: /Previous/ }).click();
    await expect(tableRows(page, 'Local authorities and their status')).resolves.toEqual(second);
    await page.getByRole('link', { name: /Previous/ }).click();
    await expect(tableRows(page, 'Local authorities and their status')).resolves.toEqual(first);
    expect(new URL(page.url()).search).toBe('');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
