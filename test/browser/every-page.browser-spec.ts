import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  collectPageProblems,
  describeInBrowser,
  signInAs,
} from '../support/browser';
import { useWebRig } from '../support/web-rig';

/** Pages of one shape (the same path with other ids, the same query keys) are visited twice at most. */
function pageShape(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((part) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(part) || /^[EWSN]\d{8}$/.test(part) || /^\d+$/.test(part)
        ? ':id'
        : part,
    )
    .join('/');
  return `${path}?${[...url.searchParams.keys()].sort().join('&')}`;
}

/** Links that leave the pages: sign-out (a form anyway), downloads, other sites. */
const NOT_A_PAGE =
  /^\/(sign-out|sign-in\/start)|\/download$|\.(xlsx|csv|ods|zip)$|^\/(assets|govuk|public)\//;
const PAGES_PER_SHAPE = 2;
const MOST_PAGES = 80;

interface Visit {
  path: string;
  status: number;
  violations: Awaited<ReturnType<typeof accessibilityViolations>>;
  problems: string[];
}

/**
 * Every page each role can reach by following links from its start, on the reference scenario:
 * each answers 200 (a link to a page the role may not open is a defect), passes axe-core's WCAG
 * 2.2 AA rules, and makes the browser report nothing (no CSP refusal, no script error). New pages
 * are covered as soon as a link reaches them.
 */
describeInBrowser('every page each role can reach', () => {
  const rig = useWebRig({ scenario: true });

  const crawl = async (page: Page): Promise<Visit[]> => {
    const problems = collectPageProblems(page);
    const seen = new Map<string, number>();
    const queue = [new URL(page.url()).pathname + new URL(page.url()).search];
    const visited = new Set<string>();
    const visits: Visit[] = [];
    while (queue.length > 0 && visits.length < MOST_PAGES) {
      const path = queue.shift()!;
      if (visited.has(path)) continue;
      visited.add(path);
      const shape = pageShape(new URL(path, rig.web.base));
      if ((seen.get(shape) ?? 0) >= PAGES_PER_SHAPE) continue;
      seen.set(shape, (seen.get(shape) ?? 0) + 1);
      problems.length = 0;
      const response = await page.goto(`${rig.web.base}${path}`);
      visits.push({
        path,
        status: response?.status() ?? 0,
        violations: await accessibilityViolations(page),
        problems: [...problems],
      });
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((links: Array<{ getAttribute(name: string): string | null }>) =>
          links.map((link) => link.getAttribute('href') ?? ''),
        );
      for (const href of hrefs) {
        const url = new URL(href, `${rig.web.base}${path}`);
        if (url.origin !== rig.web.base || NOT_A_PAGE.test(url.pathname)) continue;
        const next = url.pathname + url.search;
        if (!visited.has(next)) queue.push(next);
      }
    }
    return visits;
  };

  it.each<[string, number]>([
    ['Admin', 25],
    ['Programme manager: Local Authority and Political Leadership Support', 25],
    ['Supplier: North Star Leadership Ltd', 18],
    ['Regional adviser: North East', 5],
  ])(
    '%s: every page opens, with no accessibility violations',
    async (label, least) => {
      const page = await rig.browser.newPage();
      try {
        await signInAs(page, rig.web, label);
        const visits = await crawl(page);
        // Reached when written: admin and manager 31 pages, supplier 22, adviser 7. Far fewer
        // means links have gone missing.
        expect(visits.length).toBeGreaterThanOrEqual(least);
        const failures = visits.filter(
          (visit) =>
            visit.status !== 200 || visit.violations.length > 0 || visit.problems.length > 0,
        );
        expect(failures).toEqual([]);
      } finally {
        await page.close();
      }
    },
    300_000,
  );
});
