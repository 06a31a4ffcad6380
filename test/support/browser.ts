import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readEnvironment } from '@la-tracker/platform/config';

/** Debian's Chromium, or the one CHROMIUM_PATH names. */
export const CHROMIUM_PATH = readEnvironment().CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where journeys save their screenshots (not committed; README images are chosen from them). */
export const SCREENSHOTS_DIR = resolve(__dirname, '../../dist/screenshots');

/**
 * `describe` where a browser can run, else `describe.skip` with a line saying why: a machine
 * without Chromium skips only the browser tests (`apt-get install chromium` brings it).
 */
export function describeInBrowser(name: string, tests: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, tests);
    return;
  }
  process.stderr.write(
    `Skipping "${name}": no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package or set CHROMIUM_PATH).\n`,
  );
  describe.skip(name, tests);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What axe-core finds against WCAG 2.2 AA on the page as it stands. */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  // Evaluated, not added as a script tag: the pages' CSP rightly refuses scripts it does not know.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    // Runs in the page, where axe-core now is; the tests' TypeScript has no DOM types.
    const page = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<any> };
      document: unknown;
    };
    const results = await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } });
    return (results.violations as any[]).map((violation) => ({
      id: violation.id as string,
      impact: violation.impact as string | null,
      help: violation.help as string,
      targets: (violation.nodes as any[]).map((node) => String(node.target)),
    }));
  }, WCAG_22_AA);
}

/**
 * Problems the browser reports while pages load: scripts, styles or images the CSP refused,
 * files not found, script errors. A page that works only with these hidden is broken.
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // A page's own status (a form shown again with 400) is the test's to check, not a problem.
    const ownStatus =
      message.text().startsWith('Failed to load resource') && message.location().url === page.url();
    if (message.type() === 'error' && !ownStatus) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Signs in through the development chooser, as a person would: by the label they read. */
export async function signInAs(page: Page, web: { base: string }, label: string): Promise<void> {
  await page.goto(`${web.base}/sign-in`);
  await page.getByLabel(label, { exact: true }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
}
