import { dateInEngland } from '@la-tracker/platform/time';
import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  describeInBrowser,
  screenshot,
  signInAs,
} from '../support/browser';
import { freshPageEachTest, useWebRig } from '../support/web-rig';

const ADVISER = 'Regional adviser: North East';
const SUPPLIER = 'Supplier: North Star Leadership Ltd';

/** A day `days` from today in England, as the date input's parts. */
const daysAhead = (days: number) => {
  const [year, month, day] = dateInEngland(new Date(Date.now() + days * 86_400_000)).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year };
};

const fillForm = async (
  page: Page,
  name: string,
  date: { day: string; month: string; year: string },
) => {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Day').fill(date.day);
  await page.getByLabel('Month').fill(date.month);
  await page.getByLabel('Year').fill(date.year);
  await page.getByRole('button', { name: 'Create token' }).click();
};

const tokenRows = async (page: Page) => {
  const table = page.getByRole('table', { name: 'Your API tokens' });
  if ((await table.count()) === 0) return [];
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) =>
      (await row.locator('th, td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
    ),
  );
};

describeInBrowser('the web app in a browser: personal API tokens', () => {
  const rig = useWebRig({ suppliers: ['North Star Leadership Ltd'] });
  let page: Page;
  freshPageEachTest(rig, (fresh) => (page = fresh));

  it('lets an adviser create a token, see its secret once, find it listed and revoke it', async () => {
    await signInAs(page, rig.web, ADVISER);
    await page.getByRole('link', { name: 'API tokens' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('API tokens');
    await expect(page.getByText('You have no API tokens.').count()).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Create an API token' }).click();
    expect(new URL(page.url()).pathname).toBe('/api-tokens/new');
    expect(await accessibilityViolations(page)).toEqual([]);
    const expiry = daysAhead(30);
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await fillForm(page, 'Regional dashboard', expiry);
    expect((await response).headers()['cache-control']).toBe('no-store');

    // The secret is on this page only: not in its address.
    expect(new URL(page.url()).pathname).toBe('/api-tokens/new');
    expect(new URL(page.url()).search).toBe('');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'API token created',
    );
    await expect(page.locator('.govuk-warning-text').textContent()).resolves.toContain(
      'You will not be able to see it again',
    );
    const secret = await page.getByLabel('Your token').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(page.url()).not.toContain(secret);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'api-token-created');

    // It works against the api, as the adviser.
    const bearer = { authorization: `Bearer ${secret}` };
    const me = await rig.api.graphql('{ me { grants { role regionCode } } }', {}, bearer);
    expect(me.data?.me.grants).toEqual([{ role: 'REGIONAL_ADVISER', regionCode: 'E12000001' }]);

    await page.getByRole('link', { name: 'Go to your API tokens' }).click();
    const rows = await tokenRows(page);
    expect(rows).toHaveLength(1);
    const [name, prefix, created, expires, lastUsed, status, action] = rows[0];
    expect(name).toBe('Regional dashboard');
    expect(secret.startsWith(prefix)).toBe(true);
    expect(created).toMatch(/^\d{1,2} \w+ \d{4}$/);
    expect(expires).toMatch(new RegExp(`^${expiry.day} \\w+ ${expiry.year}$`));
    expect(lastUsed).toMatch(/^\d{1,2} \w+ \d{4}$/); // it was used just now
    expect(status).toBe('Active');
    expect(action).toBe('Revoke Regional dashboard');
    expect(await page.content()).not.toContain(secret);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'api-tokens');

    await page.getByRole('link', { name: 'Revoke Regional dashboard' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Are you sure you want to revoke Regional dashboard?',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, revoke this token' }).click();
    expect(new URL(page.url()).pathname).toBe('/api-tokens');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'You revoked Regional dashboard',
    );
    expect((await tokenRows(page))[0]?.[5]).toBe('Revoked');
    await expect(page.getByRole('link', { name: /^Revoke/ }).count()).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    const refused = await rig.api.graphql('{ me { grants { role } } }', {}, bearer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(rig.web.output()).not.toContain(secret);
  });

  it('shows an error summary for an impossible expiry date, keeping what was typed', async () => {
    await signInAs(page, rig.web, ADVISER);
    await page.goto(`${rig.web.base}/api-tokens/new`);
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await fillForm(page, 'Nightly export', { day: '31', month: '2', year: '2027' });
    expect((await response).status()).toBe(400);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('There is a problem');
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual([
      'Expiry date must be a real date',
    ]);
    await expect(page.locator('#expiresOn-error').textContent()).resolves.toContain(
      'Expiry date must be a real date',
    );
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe(
      'Nightly export',
    );
    await expect(page.getByLabel('Day').inputValue()).resolves.toBe('31');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'api-token-error');
    await summary.getByRole('link').click();
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('expiresOn-day');
  });

  it("shows the api's refusal of a date in the past against the date, and nothing is made", async () => {
    await signInAs(page, rig.web, ADVISER);
    await page.goto(`${rig.web.base}/api-tokens/new`);
    await fillForm(page, 'Too late', daysAhead(-2));
    await expect(page.getByRole('alert').getByRole('link').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Expiry date must not be in the past/),
    ]);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Too late');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${rig.web.base}/api-tokens`);
    expect((await tokenRows(page)).map((row) => row[0])).not.toContain('Too late');
  });

  it('refuses a create form sent without its CSRF token, and makes nothing', async () => {
    await signInAs(page, rig.web, ADVISER);
    const expiry = daysAhead(7);
    const response = await page.request.post(`${rig.web.base}/api-tokens/new`, {
      form: {
        name: 'Forged',
        'expiresOn-day': expiry.day,
        'expiresOn-month': expiry.month,
        'expiresOn-year': expiry.year,
      },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    await expect(response.text()).resolves.toContain('This form has expired');
    await page.goto(`${rig.web.base}/api-tokens`);
    expect((await tokenRows(page)).map((row) => row[0])).not.toContain('Forged');
  });

  it("keeps each person's tokens their own", async () => {
    await signInAs(page, rig.web, ADVISER);
    await page.goto(`${rig.web.base}/api-tokens/new`);
    await fillForm(page, 'Adviser only', daysAhead(7));
    await page.getByRole('link', { name: 'Go to your API tokens' }).click();
    const href = await page.getByRole('link', { name: 'Revoke Adviser only' }).getAttribute('href');

    await page.context().clearCookies();
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/api-tokens`);
    expect((await tokenRows(page)).map((row) => row[0])).not.toContain('Adviser only');
    const response = await page.goto(`${rig.web.base}${href}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Page not found',
    );
  });
});
