import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  describeInBrowser,
  screenshot,
  signInAs,
} from '../support/browser';
import { freshPageEachTest, useWebRig } from '../support/web-rig';

const SUPPLIER = 'Supplier: North Star Leadership Ltd';
const MANAGER = 'Programme manager: Local Authority and Political Leadership Support';
const ADVISER = 'Regional adviser: North East';

const HEADER =
  'session_reference,service_line,delivered_on,duration_minutes,format,topic,local_authority,engagement_id,lead_member,leader_of_council,cabinet_member,councillor,chief_executive,director_of_childrens_services,chief_finance_officer,hr_lead,it_lead,other_senior_leader,notes';

/** The rows of a table, cell by cell, as a person reads them. */
const rowsOf = (page: Page, caption: string) =>
  page
    .getByRole('table', { name: caption })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      // Runs in the page; the tests' TypeScript has no DOM types.
      (
        rows as unknown as Array<{
          querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
        }>
      ).map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((cell) =>
          String(cell.textContent).replace(/\s+/g, ' ').trim(),
        ),
      ),
    );

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describeInBrowser('sessions in a browser: suppliers record and submit, managers sign off', () => {
  const rig = useWebRig({ scenario: true });
  let page: Page;
  freshPageEachTest(rig, (fresh) => (page = fresh));
  /** The session North Star records and submits in the first journey. */
  let recorded: string;

  it('lets North Star record a cohort session for Hartlepool and Middlesbrough, check it and submit it', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions`);
    expect(await accessibilityViolations(page)).toEqual([]);
    // The reference scenario's seven sessions are all North Star's.
    await expect(page.getByRole('table').locator('caption').textContent()).resolves.toBe(
      '7 sessions',
    );

    await page.getByRole('button', { name: 'Record or plan a session' }).click();
    await expect(heading(page)).resolves.toBe('Which engagements was the session for?');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record a delivered session' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(
      'Select the engagements the session was for',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Hartlepool').check();
    await page.getByLabel('Middlesbrough').check();
    await page.getByRole('button', { name: 'Record a delivered session' }).click();

    await expect(heading(page)).resolves.toBe('Record a session');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Nothing filled in: every problem at once, in the summary and beside its field.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = await page.getByRole('alert').textContent();
    for (const problem of [
      'Enter date of the session',
      'Enter how long the session was',
      'Select how the session was delivered',
      'Enter the topic of the session',
      'Enter how many people attended, by local authority and role',
    ])
      expect(summary).toContain(problem);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Day').fill('7');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2023');
    await page.getByLabel('Hours').fill('2');
    await page.getByLabel('Minutes').fill('30');
    await page.getByLabel('In person', { exact: true }).check();
    await page.getByLabel('Topic').fill('Scrutiny of children’s services');
    await page.getByLabel('Lead members from Hartlepool').fill('1');
    await page.getByLabel('Cabinet members from Hartlepool').fill('2');
    await page.getByLabel('Lead members from Middlesbrough').fill('1');
    await page.getByLabel('Councillors from Middlesbrough').fill('0');
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(heading(page)).resolves.toBe('Check the session before recording it');
    expect(await accessibilityViolations(page)).toEqual([]);
    const answers = (await page.locator('.govuk-summary-list').textContent())?.replace(/\s+/g, ' ');
    expect(answers).toContain('Hartlepool, Middlesbrough');
    expect(answers).toContain('7 February 2023');
    expect(answers).toContain('2 hours 30 minutes');
    // Only the counts above zero are sent.
    await expect(rowsOf(page, 'Who attended, by local authority and role')).resolves.toEqual([
      ['Hartlepool', 'Lead member', '1'],
      ['Hartlepool', 'Cabinet member', '2'],
      ['Middlesbrough', 'Lead member', '1'],
    ]);

    // "Change" goes back to the form with everything as typed.
    await page.getByRole('link', { name: 'Change topic' }).click();
    await expect(page.getByLabel('Topic').inputValue()).resolves.toBe(
      'Scrutiny of children’s services',
    );
    await expect(page.getByLabel('Cabinet members from Hartlepool').inputValue()).resolves.toBe(
      '2',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'session-form');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Record and submit' }).click();

    expect(new URL(page.url()).pathname).toMatch(/^\/sessions\/[0-9a-f-]{36}$/);
    recorded = new URL(page.url()).pathname;
    await expect(heading(page)).resolves.toBe('Session on 7 February 2023');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Session submitted for approval',
    );
    await expect(page.locator('#status .govuk-tag').first().textContent()).resolves.toBe(
      'Submitted',
    );
    await expect(rowsOf(page, 'Who attended, by local authority and role')).resolves.toEqual([
      ['Hartlepool', '1', '2', '3'],
      ['Middlesbrough', '1', '0', '1'],
      ['Total', '2', '2', '4'],
    ]);
    // Submitted: the supplier has nothing more to do with it.
    await expect(page.getByRole('button', { name: 'Submit for approval' }).count()).resolves.toBe(
      0,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'session');
  });

  it('lets the manager approve it, costed at contract A1’s £1,250.00 a session', async () => {
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}${recorded}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Approve the session' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Session approved',
    );
    await expect(page.locator('#status .govuk-tag').first().textContent()).resolves.toBe(
      'Approved',
    );
    await expect(page.locator('.govuk-summary-list').textContent()).resolves.toContain('£1,250.00');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lets the manager send S3 back only with a reason, which the supplier then reads', async () => {
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}/sessions/${rig.scenario.session.S3}`);
    await expect(heading(page)).resolves.toBe('Session on 13 September 2022');
    await page.getByRole('button', { name: 'Send it back' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Enter why you are sending it back',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await expect(page.locator('#status .govuk-tag').first().textContent()).resolves.toBe(
      'Submitted',
    );

    await page.getByLabel('Or send it back to the supplier').fill('Add the councillors who came');
    await page.getByRole('button', { name: 'Send it back' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Session sent back to the supplier',
    );
    await expect(page.locator('#status .govuk-tag').first().textContent()).resolves.toBe(
      'Returned',
    );

    await page.context().clearCookies();
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions/${rig.scenario.session.S3}`);
    await expect(page.locator('.govuk-inset-text').textContent()).resolves.toContain(
      'Add the councillors who came',
    );
    await expect(page.getByRole('button', { name: 'Submit for approval' }).count()).resolves.toBe(
      1,
    );
    await expect(page.getByRole('button', { name: 'Approve the session' }).count()).resolves.toBe(
      0,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lets North Star correct the session sent back and submit it again', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions/${rig.scenario.session.S3}`);
    await page.getByRole('button', { name: 'Change the report' }).click();
    await expect(heading(page)).resolves.toBe('Change the session');
    await expect(page.getByLabel('Lead members from Leeds').inputValue()).resolves.toBe('1');
    await expect(page.getByLabel('Hours').inputValue()).resolves.toBe('1');
    await expect(page.getByLabel('Minutes').inputValue()).resolves.toBe('30');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Councillors from Leeds').fill('2');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Record and submit' }).click();
    expect(new URL(page.url()).pathname).toBe(`/sessions/${rig.scenario.session.S3}`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Session submitted for approval',
    );
    await expect(rowsOf(page, 'Who attended, by local authority and role')).resolves.toEqual([
      ['Leeds', '1', '2', '3'],
      ['Total', '1', '2', '3'],
    ]);
  });

  it('filters the list by status', async () => {
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}/sessions`);
    await page.getByLabel('Status').selectOption('PLANNED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // S7: Leeds, planned for 19 December 2022, due by 28 December.
    await expect(rowsOf(page, '1 session')).resolves.toEqual([
      [
        '19 December 2022, Leeds',
        'Leeds',
        'Political leadership',
        'Not recorded',
        'Planned',
        '28 December 2022 Overdue',
      ],
    ]);
    await expect(
      page.getByRole('button', { name: 'Record or plan a session' }).count(),
    ).resolves.toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lets North Star record the session it planned for Leeds (S7)', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions/${rig.scenario.session.S7}`);
    await expect(page.locator('#status').textContent()).resolves.toContain('Overdue');
    await page.getByRole('button', { name: 'Record this session' }).click();
    await expect(heading(page)).resolves.toBe('Record a session');
    await page.getByLabel('Day').fill('19');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill('2022');
    await page.getByLabel('Hours').fill('1');
    await page.getByLabel('Minutes').fill('0');
    await page.getByLabel('Online', { exact: true }).check();
    await page.getByLabel('Topic').fill('Budget scrutiny');
    await page.getByLabel('Lead members from Leeds').fill('1');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Record as a draft' }).click();
    expect(new URL(page.url()).pathname).toBe(`/sessions/${rig.scenario.session.S7}`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Session recorded as a draft',
    );
    await expect(page.locator('#status').textContent()).resolves.toContain('Draft');
    const details = (await page.locator('.govuk-summary-list').textContent())?.replace(/\s+/g, ' ');
    expect(details).toContain('Planned for 19 December 2022');
    expect(details).toContain('Delivered on 19 December 2022');
    await expect(page.getByRole('button', { name: 'Submit for approval' }).count()).resolves.toBe(
      1,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows the api’s refusal of a plan beside the date', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions/record`);
    await page.getByLabel('Hartlepool').check();
    await page.getByRole('button', { name: 'Plan a session' }).click();
    await expect(heading(page)).resolves.toBe('Plan a session');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Plan the session' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter planned date');
    // Contract A1 ends on 31 March 2024, before any day still to come.
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill('2099');
    await page.getByRole('button', { name: 'Plan the session' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('#plannedOn-error').textContent()).resolves.toContain('A1');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('does not show a regional adviser the form to record a session', async () => {
    await signInAs(page, rig.web, ADVISER);
    const response = await page.goto(`${rig.web.base}/sessions/record`);
    expect(response?.status()).toBe(403);
    await expect(heading(page)).resolves.toBe('You do not have access to this page');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A North East session they may read, without its cost or anything to do.
    await page.goto(`${rig.web.base}/sessions/${rig.scenario.session.S1}`);
    await expect(heading(page)).resolves.toBe('Session on 14 June 2022');
    await expect(page.locator('.govuk-summary-list').textContent()).resolves.not.toContain('Cost');
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await expect(rowsOf(page, 'Who attended, by local authority and role')).resolves.toEqual([
      ['Hartlepool', '1', '3', '0', '4'],
      ['Middlesbrough', '1', '0', '0', '1'],
      ['Redcar and Cleveland', '1', '0', '1', '2'],
      ['Total', '3', '3', '1', '7'],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows every problem of an uploaded spreadsheet by row, and records nothing', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions/upload`);
    expect(await accessibilityViolations(page)).toEqual([]);
    const template = await page.request.get(`${rig.web.base}/sessions/upload/template.xlsx`);
    expect(template.status()).toBe(200);
    expect(template.headers()['content-type']).toContain('spreadsheetml');

    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Select a spreadsheet of sessions',
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Spreadsheet of sessions').setInputFiles({
      name: 'february.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          HEADER,
          'NS-F1,POLITICAL_LEADERSHIP,2023-02-14,90,ONLINE,Budgets,Leeds,,1,,,,,,,,,,',
          'NS-F2,POLITICAL_LEADERSHIP,2023-02-15,10,ONLINE,Budgets,Hartlepool,,1,,,,,,,,,,',
        ].join('\n'),
      ),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(heading(page)).resolves.toBe('The spreadsheet was not uploaded');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(rowsOf(page, 'Problems by row')).resolves.toEqual([
      ['3', 'duration_minutes', 'must be a whole number of minutes from 15 to 720 (12 hours)'],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'upload-errors');

    // Nothing was recorded: the file's good session is not there either.
    await page.goto(`${rig.web.base}/sessions`);
    await expect(page.getByRole('table').locator('caption').textContent()).resolves.toBe(
      '8 sessions',
    );
  });

  it('records the sessions of a good spreadsheet, and refuses files too big or without the form’s token', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions/upload`);
    await page.getByLabel('Spreadsheet of sessions').setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(100 * 1024, 'x'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'The selected file must be smaller than 64 KB',
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    const file = {
      name: 'march.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [HEADER, 'NS-M1,POLITICAL_LEADERSHIP,2023-03-14,90,ONLINE,Budgets,Leeds,,1,,,,,,,,,,'].join(
          '\n',
        ),
      ),
    };
    // A form posted from elsewhere carries no token: refused before the api hears of it.
    const forged = await page.request.post(`${rig.web.base}/sessions/upload`, {
      multipart: { file },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('This form has expired');
    const tooBig = await page.request.post(`${rig.web.base}/sessions/upload`, {
      multipart: { file: { ...file, buffer: Buffer.alloc(300 * 1024, 'x') } },
      maxRedirects: 0,
    });
    expect(tooBig.status()).toBe(413);

    await page.getByLabel('Spreadsheet of sessions').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.locator('.govuk-panel').textContent()).resolves.toContain(
      '1 session from 1 row',
    );
    await expect(rowsOf(page, 'Sessions recorded from march.csv')).resolves.toEqual([
      ['NS-M1', '2', '14 March 2023', '1', '1', 'Draft'],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'NS-M1' }).click();
    await expect(heading(page)).resolves.toBe('Session on 14 March 2023');
  });

  it('lets North Star submit its December 2022 return, the manager send it back and then accept it', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/monthly-returns`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit a monthly return' }).click();
    await expect(heading(page)).resolves.toBe('Submit a monthly return');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = await page.getByRole('alert').textContent();
    for (const problem of [
      'Enter the month the return is for',
      'Enter the number of sessions delivered',
      'Enter the number of participants',
      'Enter the spend for the month',
    ])
      expect(summary).toContain(problem);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Month', { exact: true }).fill('12');
    await page.getByLabel('Year').fill('2022');
    await page.getByLabel('Sessions delivered').fill('2');
    await page.getByLabel('Participants').fill('7');
    await page.getByLabel('Spend').fill('£1,250');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(heading(page)).resolves.toBe('Check the return before submitting it');
    expect(await accessibilityViolations(page)).toEqual([]);
    const answers = (await page.locator('.govuk-summary-list').textContent())?.replace(/\s+/g, ' ');
    expect(answers).toContain('Month December 2022');
    expect(answers).toContain('Spend £1,250.00');
    await page.getByRole('link', { name: 'Change participants' }).click();
    await expect(page.getByLabel('Spend').inputValue()).resolves.toBe('£1,250');
    await expect(page.getByLabel('Participants').inputValue()).resolves.toBe('7');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Submit the return' }).click();
    await expect(heading(page)).resolves.toBe('Monthly return for December 2022');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Monthly return submitted',
    );
    const figures = (await page.locator('.govuk-summary-list').textContent())?.replace(/\s+/g, ' ');
    expect(figures).toContain('Spend £1,250.00');
    // Due on the 5th working day of January 2023: the 2nd is a bank holiday.
    expect(figures).toContain('Due on 9 January 2023');
    await expect(page.locator('#status').textContent()).resolves.toContain('Late');
    expect(await accessibilityViolations(page)).toEqual([]);
    const returnPath = new URL(page.url()).pathname;

    await page.context().clearCookies();
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}${returnPath}`);
    await page.getByRole('button', { name: 'Send it back' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Enter why you are sending it back',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Or send it back to the supplier').fill('Spend should include travel');
    await page.getByRole('button', { name: 'Send it back' }).click();
    await expect(page.locator('#status').textContent()).resolves.toContain('Returned');

    await page.context().clearCookies();
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}${returnPath}`);
    await expect(page.locator('.govuk-inset-text').textContent()).resolves.toContain(
      'Spend should include travel',
    );
    await page.getByRole('button', { name: 'Correct and submit again' }).click();
    await expect(page.getByLabel('Spend').inputValue()).resolves.toBe('1250.00');
    await page.getByLabel('Spend').fill('1310.40');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Submit the return' }).click();
    await expect(page.locator('.govuk-summary-list').textContent()).resolves.toContain('£1,310.40');
    await expect(page.getByRole('button', { name: 'Accept the return' }).count()).resolves.toBe(0);

    await page.context().clearCookies();
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}/monthly-returns`);
    await expect(rowsOf(page, '1 return')).resolves.toEqual([
      [
        'December 2022, North Star Leadership Ltd',
        'North Star Leadership Ltd',
        '2',
        '7',
        '£1,310.40',
        'Submitted',
        '9 January 2023 Late',
      ],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /December 2022/ }).click();
    await page.getByRole('button', { name: 'Accept the return' }).click();
    await expect(page.locator('#status').textContent()).resolves.toContain('Accepted');
  });

  it('does not show the manager the form to submit a return', async () => {
    await signInAs(page, rig.web, MANAGER);
    const response = await page.goto(`${rig.web.base}/monthly-returns/new`);
    expect(response?.status()).toBe(403);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lists the coaching hours a supplier has delivered, and the diagnostics a manager may see', async () => {
    await signInAs(page, rig.web, SUPPLIER);
    await page.goto(`${rig.web.base}/sessions`);
    await page.getByRole('link', { name: 'coaching hours' }).click();
    await expect(heading(page)).resolves.toBe('Coaching hours');
    // Sandwell's 10 hours, less S4–S6 (75 + 50 + 60 minutes): 6 h 55 min left.
    await expect(rowsOf(page, 'Hours by engagement and role')).resolves.toEqual([
      [
        'Sandwell: its engagement',
        '2022-23',
        'Leader of the council',
        '10 h',
        '3 hours 5 minutes',
        '6 h 55 min',
      ],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    // North Star runs no diagnostics: Corporate Parenting Partners' Sunderland one is not theirs.
    await page.goto(`${rig.web.base}/sessions/diagnostics`);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'There are no diagnostics to show.',
    );

    await page.context().clearCookies();
    await signInAs(page, rig.web, MANAGER);
    await page.goto(`${rig.web.base}/sessions/diagnostics`);
    await expect(rowsOf(page, '1 diagnostic')).resolves.toEqual([
      [
        'Sunderland: its engagement',
        '2022-23',
        'Final report',
        '16 January 2023',
        '0 red, 7 amber, 0 green',
        '16 July 2023',
      ],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
