import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  describeInBrowser,
  screenshot,
  signInAs,
} from '../support/browser';
import { freshPageEachTest, useWebRig } from '../support/web-rig';

const sectionsOf = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allInnerTexts()).map(
    (text) => text.trim(),
  );

describeInBrowser('the web app in a browser: signing in as each role', () => {
  const rig = useWebRig({ suppliers: ['North Star Leadership Ltd'] });
  let page: Page;
  freshPageEachTest(rig, (fresh) => (page = fresh));

  it('sends someone not signed in to sign in, then back to the page they wanted', async () => {
    await page.goto(`${rig.web.base}/programmes`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Admin', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe('/programmes');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Programmes');
  });

  it('publishes an accessibility statement that anyone can read', async () => {
    await page.goto(`${rig.web.base}/sign-in`);
    await page.getByRole('link', { name: 'Accessibility' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Accessibility statement for LA Delivery Tracker',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('says what is wrong when no one is chosen, with an error summary', async () => {
    await page.goto(`${rig.web.base}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('Choose who to sign in as');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows a programme manager their programme and their sections', async () => {
    await signInAs(
      page,
      rig.web,
      'Programme manager: Local Authority and Political Leadership Support',
    );
    expect(new URL(page.url()).pathname).toBe('/programmes');
    await expect(sectionsOf(page)).resolves.toEqual([
      'Programmes',
      'Engagements',
      'Sessions',
      'Monthly returns',
      'Local authorities',
      'API tokens',
    ]);
    await expect(
      page.getByRole('link', { name: 'Local Authority and Political Leadership Support' }).count(),
    ).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'programmes');
  });

  it('starts a regional adviser at their LAs and a supplier at their engagements', async () => {
    await signInAs(page, rig.web, 'Regional adviser: North East');
    expect(new URL(page.url()).pathname).toBe('/local-authorities');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Local authorities',
    );
    await expect(sectionsOf(page)).resolves.toEqual(['Local authorities', 'API tokens']);
    await page.context().clearCookies();
    await signInAs(page, rig.web, 'Supplier: North Star Leadership Ltd');
    expect(new URL(page.url()).pathname).toBe('/engagements');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Engagements',
    );
    await expect(sectionsOf(page)).resolves.toEqual([
      'Engagements',
      'Sessions',
      'Monthly returns',
      'Local authorities',
      'API tokens',
    ]);
  });

  it('signs out, after which pages need sign-in again', async () => {
    await signInAs(page, rig.web, 'Admin');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.goto(`${rig.web.base}/programmes`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
