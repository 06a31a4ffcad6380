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
const NORTH_STAR = 'Supplier: North Star Leadership Ltd';

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
const pathOf = (page: Page) => new URL(page.url()).pathname;

/**
 * A programme manager's workflows on the reference scenario (scenarios/golden-2022-23.md): refer
 * an LA through check answers, approve it with the line's cap in view, refuse what the api refuses
 * (no LA, not eligible), see overdue items and ask for a report the worker builds; a supplier sees
 * no approval and may not refer.
 */
describeInBrowser(
  'engagements, referral and approval, overdue items and reports in a browser',
  () => {
    const rig = useWebRig({ scenario: true, worker: true });
    let page: Page;
    freshPageEachTest(rig, (fresh) => (page = fresh));

    it('lists a manager’s engagements, filtered by service line', async () => {
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/engagements`);
      await expect(heading(page)).resolves.toBe('Engagements');
      // The scenario's six engagements.
      await expect(page.locator('#engagements-count').innerText()).resolves.toBe(
        'Showing 1 to 6 of 6 engagements',
      );
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'engagements');
      await page.getByLabel('Service line').selectOption('CORPORATE_PARENTING_DIAGNOSTIC');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      expect(new URL(page.url()).searchParams.get('serviceLine')).toBe(
        'CORPORATE_PARENTING_DIAGNOSTIC',
      );
      const rows = page.locator('tbody tr');
      await expect(rows.count()).resolves.toBe(1);
      await expect(rows.first().innerText()).resolves.toContain('Sunderland');
      await expect(rows.first().innerText()).resolves.toContain('Corporate Parenting Partners');
      await page.getByRole('link', { name: /Sunderland/ }).click();
      expect(pathOf(page)).toBe(`/engagements/${rig.scenario.engagement.sunderland}`);
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('refers Stockton-on-Tees through check answers, then approves it on A1 with the cap in view', async () => {
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/engagements`);
      await page.getByRole('button', { name: 'Refer a local authority' }).click();
      await expect(heading(page)).resolves.toBe('Refer a local authority');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByLabel('Service line').selectOption('POLITICAL_LEADERSHIP');
      await page
        .getByLabel('Local authority', { exact: true })
        .selectOption({ label: 'Stockton-on-Tees' });
      await page.getByLabel('Financial year').selectOption('2022-23');
      await page
        .getByLabel('Why is the local authority referred?')
        .fill('New leader of the council asked for support');
      await page.getByRole('button', { name: 'Continue' }).click();

      await expect(heading(page)).resolves.toBe('Check your answers before referring');
      const answers = await page.locator('.govuk-summary-list').innerText();
      expect(answers).toContain('Stockton-on-Tees');
      expect(answers).toContain('2022-23');
      expect(answers).toContain('New leader of the council asked for support');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'refer-check');
      await page.getByRole('button', { name: 'Refer local authority' }).click();

      expect(pathOf(page)).toMatch(/^\/engagements\/[0-9a-f-]{36}$/);
      const engagementPath = pathOf(page);
      await expect(page.getByRole('alert').innerText()).resolves.toContain(
        'Local authority referred',
      );
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('Referred');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Approve' }).click();
      expect(pathOf(page)).toBe(`${engagementPath}/approve`);
      await expect(heading(page)).resolves.toMatch(/^Approve Stockton-on-Tees for /);
      // Political leadership has a reach target, not a cap; Hartlepool, Middlesbrough, Redcar and
      // Cleveland and Leeds hold its places in 2022-23.
      await expect(page.locator('#cap-position').innerText()).resolves.toBe(
        'No cap for this year: 4 local authorities have support approved.',
      );
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'approve');
      await page.getByLabel('A1: North Star Leadership Ltd').check();
      await page.getByRole('button', { name: 'Approve engagement' }).click();

      expect(pathOf(page)).toBe(engagementPath);
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Engagement approved');
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('Approved');
      const details = await page.locator('.govuk-summary-list').innerText();
      expect(details).toContain('A1');
      expect(details).toContain('North Star Leadership Ltd');
      await expect(
        page.getByRole('link', { name: 'Stockton-on-Tees' }).getAttribute('href'),
      ).resolves.toBe(`/local-authorities/${GOLDEN_LA.stockton}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'engagement');
    });

    it('shows an error summary for a referral with no local authority', async () => {
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/engagements/refer`);
      await page.getByLabel('Service line').selectOption('POLITICAL_LEADERSHIP');
      await page.getByLabel('Financial year').selectOption('2022-23');
      await page
        .getByLabel('Why is the local authority referred?')
        .fill('Asked for by the council');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.title()).resolves.toMatch(/^Error: Refer a local authority/);
      const summary = page.getByRole('alert');
      await expect(summary.innerText()).resolves.toContain('Select a local authority');
      await expect(page.locator('#localAuthorityCode-error').innerText()).resolves.toContain(
        'Select a local authority',
      );
      // What was typed is kept.
      await expect(
        page.getByLabel('Why is the local authority referred?').inputValue(),
      ).resolves.toBe('Asked for by the council');
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('shows coaching eligibility and the cap, and refuses a not-eligible LA without an override reason', async () => {
      const { referLocalAuthority } = await rig.scenario.ok(
        'manager',
        `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
        {
          input: {
            programmeId: GOLDEN_PROGRAMME,
            serviceLine: 'COACHING_MENTORING',
            localAuthorityCode: GOLDEN_LA.darlington,
            financialYear: '2022-23',
            reason: 'New chief executive',
          },
        },
      );
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/engagements/${referLocalAuthority.id}/approve`);
      // Sandwell holds one of coaching's 15 places in 2022-23.
      await expect(page.locator('#cap-position').innerText()).resolves.toBe(
        '1 place of 15 taken, 14 left.',
      );
      // No inspection or concern about Darlington is on record in this scenario.
      await expect(page.getByText('Darlington is not eligible on').count()).resolves.toBe(1);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByLabel('A7: North Star Leadership Ltd').check();
      await page.getByRole('button', { name: 'Approve engagement' }).click();
      await expect(page.title()).resolves.toMatch(/^Error: /);
      await expect(page.getByRole('alert').innerText()).resolves.toContain('not eligible');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByLabel('Override reason').fill('Ministerial priority for this council');
      await page.getByRole('button', { name: 'Approve engagement' }).click();
      expect(pathOf(page)).toBe(`/engagements/${referLocalAuthority.id}`);
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('Approved');
      await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain(
        'Ministerial priority for this council',
      );
    });

    it('gives a supplier no approval and the access-denied page at the referral form', async () => {
      const { referLocalAuthority } = await rig.scenario.ok(
        'manager',
        `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
        {
          input: {
            programmeId: GOLDEN_PROGRAMME,
            serviceLine: 'POLITICAL_LEADERSHIP',
            localAuthorityCode: GOLDEN_LA.sunderland,
            financialYear: '2022-23',
            reason: 'Council asked',
          },
        },
      );
      await signInAs(page, rig.web, NORTH_STAR);
      expect(pathOf(page)).toBe('/engagements');
      await expect(
        page.getByRole('button', { name: 'Refer a local authority' }).count(),
      ).resolves.toBe(0);
      // North Star's own: four on A1 and Sandwell on A7 (not Sunderland's diagnostic, on B4).
      const listed = await page.locator('tbody').innerText();
      expect(listed).toContain('Hartlepool');
      expect(listed).toContain('Sandwell');
      expect(listed).not.toContain('Sunderland');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.goto(`${rig.web.base}/engagements/${rig.scenario.engagement.hartlepool}`);
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('In delivery');
      await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Withdraw' }).count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: /14 June 2022/ }).count()).resolves.toBe(1);
      expect(await accessibilityViolations(page)).toEqual([]);

      // A referral not yet under a contract of theirs is not theirs to see.
      const response = await page.goto(`${rig.web.base}/engagements/${referLocalAuthority.id}`);
      expect([403, 404]).toContain(response?.status());

      const refused = await page.goto(`${rig.web.base}/engagements/refer`);
      expect(refused?.status()).toBe(403);
      await expect(heading(page)).resolves.toBe('You do not have access to this page');
      expect(await accessibilityViolations(page)).toEqual([]);
    });

    it('declines a referral only with a reason', async () => {
      const { referLocalAuthority } = await rig.scenario.ok(
        'manager',
        `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
        {
          input: {
            programmeId: GOLDEN_PROGRAMME,
            serviceLine: 'POLITICAL_LEADERSHIP',
            localAuthorityCode: GOLDEN_LA.darlington,
            financialYear: '2022-23',
            reason: 'Asked for by a councillor',
          },
        },
      );
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/engagements/${referLocalAuthority.id}`);
      await page.getByRole('button', { name: 'Decline' }).click();
      expect(pathOf(page)).toBe(`/engagements/${referLocalAuthority.id}/decline`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Decline engagement' }).click();
      await expect(page.title()).resolves.toMatch(/^Error: Decline /);
      await expect(page.getByRole('alert').innerText()).resolves.toContain(
        'Enter why the engagement is declined',
      );
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('textbox').fill('Support is already in place through the region');
      await page.getByRole('button', { name: 'Decline engagement' }).click();
      expect(pathOf(page)).toBe(`/engagements/${referLocalAuthority.id}`);
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('Declined');
      await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain(
        'Support is already in place through the region',
      );
      await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    });

    it('shows a move the api refuses (made meanwhile elsewhere) as an error summary', async () => {
      const id = await rig.scenario.approved(
        'E08000037',
        'POLITICAL_LEADERSHIP',
        rig.scenario.contract.A1,
      );
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/engagements/${id}`);
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('Approved');
      // Someone else starts delivery while the page is open.
      await rig.scenario.ok('manager', `mutation { startEngagement(id: "${id}") { status } }`);
      await page.getByRole('button', { name: 'Start delivery' }).click();
      await expect(page.title()).resolves.toMatch(/^Error: /);
      await expect(page.getByRole('alert').innerText()).resolves.toContain('There is a problem');
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('In delivery');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Mark as completed' }).click();
      expect(pathOf(page)).toBe(`/engagements/${id}`);
      await expect(page.locator('#engagement-status').innerText()).resolves.toBe('Completed');
    });

    it('lists overdue items of 2022-23, each linking to its record', async () => {
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/programmes/${GOLDEN_PROGRAMME}/overdue?year=2022-23`);
      await expect(heading(page)).resolves.toBe('Overdue items 2022-23');
      // S7, Leeds's session planned for 19 December 2022, was due by 28 December 2022.
      const sessions = page.locator('#session-reports + table tbody');
      await expect(sessions.locator('tr').count()).resolves.toBe(1);
      await expect(sessions.innerText()).resolves.toContain('Leeds');
      await expect(sessions.innerText()).resolves.toContain('28 December 2022');
      await expect(
        sessions.getByRole('link', { name: /19 December 2022/ }).getAttribute('href'),
      ).resolves.toBe(`/sessions/${rig.scenario.session.S7}`);
      // Sunderland's follow-up review, 6 months after its final report of 16 January 2023.
      const followUps = page.locator('#follow-ups + table tbody');
      await expect(followUps.innerText()).resolves.toContain('16 July 2023');
      await expect(
        followUps.getByRole('link', { name: /Sunderland/ }).getAttribute('href'),
      ).resolves.toBe(`/engagements/${rig.scenario.engagement.sunderland}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'overdue');
    });

    it('asks for the 2022-23 MI pack, follows it to DONE and downloads it through the web app', async () => {
      await signInAs(page, rig.web, MANAGER);
      await page.goto(`${rig.web.base}/programmes/${GOLDEN_PROGRAMME}/reports`);
      await expect(heading(page)).resolves.toBe('Reports');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByLabel('Monthly management information pack').check();
      await page.getByLabel('Financial year').selectOption('2022-23');
      await page.getByLabel('Excel spreadsheet (.xlsx)').check();
      await page.getByRole('button', { name: 'Request report' }).click();

      expect(pathOf(page)).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('alert').innerText()).resolves.toContain('Report requested');
      await expect(heading(page)).resolves.toBe('Monthly management information pack 2022-23');
      expect(await accessibilityViolations(page)).toEqual([]);

      const deadline = Date.now() + 60_000;
      while ((await page.locator('#report-status').innerText()) !== 'Done') {
        if (Date.now() > deadline)
          throw new Error(`the report was not built:\n${rig.worker.output()}`);
        const refresh = page.getByRole('button', { name: 'Refresh' });
        if ((await refresh.count()) > 0) await refresh.click();
        else await page.reload();
      }
      const link = page.getByRole('link', { name: /^Download / });
      await expect(link.getAttribute('href')).resolves.toBe(`${pathOf(page)}/download`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'report');
      const file = await page.request.get(`${rig.web.base}${pathOf(page)}/download`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(file.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
      // An xlsx is a zip: it starts "PK".
      expect((await file.body()).subarray(0, 2).toString()).toBe('PK');

      await page.goto(`${rig.web.base}/programmes/${GOLDEN_PROGRAMME}/reports`);
      await expect(page.locator('tbody').innerText()).resolves.toContain('Done');
    });

    it('refuses a supplier the programme’s reports', async () => {
      await signInAs(page, rig.web, NORTH_STAR);
      const response = await page.goto(`${rig.web.base}/programmes/${GOLDEN_PROGRAMME}/reports`);
      expect(response?.status()).toBe(403);
      await expect(heading(page)).resolves.toBe('You do not have access to this page');
    });
  },
);
