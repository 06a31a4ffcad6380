import { escapeMarkup } from '../map/hex-map';

/** The parts of `programmeDashboard` the overview shows (see PROGRAMME_DASHBOARD). */
export interface DashboardLine {
  serviceLine: string;
  name: string;
  targetBasis: string;
  target: number | null;
  cap: number | null;
  localAuthoritiesReached: number;
  regionsReached: number;
  shareOfTarget: number | null;
  sessionsApproved: number;
  sessionsAwaitingApproval: number;
  sessionsPlanned: number;
  sessionsInDraft: number;
  approvedMinutes: number;
  finalReports: number;
  spent: string;
  forecast: {
    sessionsApproved: number | null;
    approvedMinutes: number | null;
    finalReports: number | null;
  };
}

export interface DashboardItem {
  kind: 'SESSION_REPORT' | 'APA_ACTION_PLAN' | 'MONTHLY_RETURN' | 'DIAGNOSTIC_FOLLOW_UP';
  title: string;
  localAuthorities: string | null;
  serviceLine: string | null;
  supplier: string | null;
  contract: string | null;
  date: string;
  dueBy: string;
  sessionId: string | null;
  engagementId: string | null;
  localAuthorityCodes: string[];
}

export interface DashboardItems {
  count: number;
  items: DashboardItem[];
}

export interface DashboardRegion {
  region: { code: string; name: string };
  activeLocalAuthorities: number;
  reachedLocalAuthorities: number;
  reachShare: number;
  networkCoverage: { attendedCount: number; activeCount: number; share: number } | null;
}

export interface ProgrammeDashboard {
  asOf: string;
  financialYear: string;
  programme: { id: string; name: string; startsOn: string; endsOn: string };
  serviceLines: DashboardLine[];
  spend: {
    total: string;
    budget: {
      programme: string;
      allocation: string | null;
      spent: string;
      remaining: string;
    } | null;
    byContract: Array<{
      contract: { reference: string };
      supplier: { name: string };
      value: string | null;
      spent: string;
      spentToDate: string;
      remaining: string | null;
    }>;
  };
  regions: DashboardRegion[];
  overdue: {
    sessionReports: DashboardItems;
    apaActionPlans: DashboardItems;
    monthlyReturns: DashboardItems;
    diagnosticFollowUps: DashboardItems;
  };
  watchlistAsOf: string;
  watchlist: Array<{ basis: string[]; localAuthority: { gssCode: string; name: string } }>;
}

export interface OverdueItem extends DashboardItem {
  /** The record's page, where the web has one. */
  href: string | null;
}

export interface OverdueGroup {
  key: keyof ProgrammeDashboard['overdue'];
  heading: string;
  count: number;
  items: OverdueItem[];
}

const OVERDUE_HEADINGS: ReadonlyArray<[keyof ProgrammeDashboard['overdue'], string]> = [
  ['sessionReports', 'Session reports'],
  ['apaActionPlans', 'Action plans for areas for priority action'],
  ['monthlyReturns', 'Monthly returns'],
  ['diagnosticFollowUps', 'Diagnostic follow-up reviews'],
];

/**
 * Overdue items with a link to their record where the web has a page: a session report to its
 * session, a follow-up review to its diagnostic's engagement, an action plan to its LA; a monthly
 * return not made has no record to open.
 */
export function overdueGroups(overdue: ProgrammeDashboard['overdue']): OverdueGroup[] {
  const hrefOf = (item: DashboardItem): string | null => {
    switch (item.kind) {
      case 'SESSION_REPORT':
        return item.sessionId ? `/sessions/${item.sessionId}` : null;
      case 'DIAGNOSTIC_FOLLOW_UP':
        return item.engagementId ? `/engagements/${item.engagementId}` : null;
      case 'APA_ACTION_PLAN':
        return item.localAuthorityCodes.length === 1
          ? `/local-authorities/${item.localAuthorityCodes[0]}`
          : null;
      case 'MONTHLY_RETURN':
        return null;
    }
  };
  return OVERDUE_HEADINGS.map(([key, heading]) => ({
    key,
    heading,
    count: overdue[key].count,
    items: overdue[key].items.map((item) => ({ ...item, href: hrefOf(item) })),
  }));
}

/** Money strings as whole pence, without floating point. */
export function pence(money: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(money);
  if (!match) throw new Error(`"${money}" is not an amount of money`);
  const [, sign, pounds, fraction = ''] = match;
  const value = Number(pounds) * 100 + Number(fraction.padEnd(2, '0'));
  return sign ? -value : value;
}

export interface OverviewCards {
  reached: number;
  active: number;
  sessionsApproved: number;
  spent: string;
  /** What the spend is measured against: the year's allocation, else the whole budget. */
  budget: string | null;
  budgetLabel: string;
  budgetShare: number | null;
  overdue: number;
}

/** The four figures at the top: LAs reached, sessions approved, spend against budget, overdue. */
export function overviewCards(dashboard: ProgrammeDashboard): OverviewCards {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const budget = dashboard.spend.budget;
  const against = budget ? (budget.allocation ?? budget.programme) : null;
  const againstPence = against ? pence(against) : 0;
  return {
    // An LA is in one region, and a region counts an LA once whatever its service lines.
    reached: sum(dashboard.regions.map((region) => region.reachedLocalAuthorities)),
    active: sum(dashboard.regions.map((region) => region.activeLocalAuthorities)),
    sessionsApproved: sum(dashboard.serviceLines.map((line) => line.sessionsApproved)),
    spent: dashboard.spend.total,
    budget: against,
    budgetLabel: budget?.allocation ? 'the year’s allocation' : 'the programme’s budget',
    budgetShare: againstPence > 0 ? pence(dashboard.spend.total) / againstPence : null,
    overdue: sum(Object.values(dashboard.overdue).map((items) => items.count)),
  };
}

/** "4 of 12" reached against a target, or just the number reached where none is set. */
export function reachAgainstTarget(
  line: Pick<
    DashboardLine,
    'localAuthoritiesReached' | 'regionsReached' | 'targetBasis' | 'target'
  >,
): string {
  const { reached, unit } = reachOf(line);
  // "1 of 12 LAs", "1 LA (no target)": the noun agrees with the number it follows.
  const noun = (count: number) => (count === 1 ? unit.replace(/s$/, '') : unit);
  return line.target === null
    ? `${reached} ${noun(reached)} (no target)`
    : `${reached} of ${line.target} ${noun(line.target)}`;
}

/**
 * What a line's reach is counted in: regions for a line whose target is every region (networks,
 * targeted support), as the api measures its share; LAs otherwise.
 */
export function reachOf(
  line: Pick<DashboardLine, 'localAuthoritiesReached' | 'regionsReached' | 'targetBasis'>,
): { reached: number; unit: 'LAs' | 'regions' } {
  return line.targetBasis === 'EVERY_REGION'
    ? { reached: line.regionsReached, unit: 'regions' }
    : { reached: line.localAuthoritiesReached, unit: 'LAs' };
}

// The chart's geometry, in the units of its viewBox (it scales to the page). Each line's name sits
// above its bar, so long names need no room beside it.
const CHART = { width: 960, barWidth: 600, rowHeight: 60, barHeight: 20, top: 4 };

/**
 * Each service line's LAs reached against its target, as an SVG picture: a pale track for the
 * target, a blue bar for those reached (capped at the track's end), and the figures in words. The
 * same figures are in the table below it; the picture's title and description say what it shows.
 */
export function deliveryChart(lines: readonly DashboardLine[], financialYear: string): string {
  const height = CHART.top * 2 + lines.length * CHART.rowHeight;
  const rows = lines.map((line, index) => {
    const y = CHART.top + index * CHART.rowHeight;
    const barY = y + 24;
    const label = `<text x="0" y="${y + 16}" class="app-chart__label">${escapeMarkup(line.name)}</text>`;
    const figures = `${reachAgainstTarget(line)}${line.shareOfTarget === null ? '' : ` (${Math.round(line.shareOfTarget * 100)}%)`}`;
    const hasTarget = line.target !== null && line.target > 0;
    const words = `<text x="${hasTarget ? CHART.barWidth + 10 : 0}" y="${barY + CHART.barHeight / 2}" dominant-baseline="central" class="app-chart__figure">${escapeMarkup(figures)}</text>`;
    if (!hasTarget) return label + words;
    const share = Math.min(reachOf(line).reached / line.target!, 1);
    const reached = Math.round(share * CHART.barWidth * 10) / 10;
    return (
      label +
      `<rect x="0" y="${barY}" width="${CHART.barWidth}" height="${CHART.barHeight}" fill="#f3f2f1" stroke="#505a5f" stroke-width="1"/>` +
      (reached > 0
        ? `<rect x="0" y="${barY}" width="${reached}" height="${CHART.barHeight}" fill="#1d70b8"/>`
        : '') +
      words
    );
  });
  const description = lines
    .map((line) => `${line.name}: ${reachAgainstTarget(line)} reached`)
    .join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${CHART.width} ${height}" role="img" aria-labelledby="delivery-chart-title delivery-chart-desc">`,
    `<title id="delivery-chart-title">Reach against target by service line, ${escapeMarkup(financialYear)}</title>`,
    `<desc id="delivery-chart-desc">${escapeMarkup(description)}.</desc>`,
    ...rows,
    '</svg>',
  ].join('');
}

/** A contract's spend against its value, as a share, where it has a value. */
export function shareOf(spent: string, of: string | null): number | null {
  if (of === null) return null;
  const whole = pence(of);
  return whole > 0 ? pence(spent) / whole : null;
}

/** The watchlist's basis in words: "Inadequate judgement, recorded concern". */
export function basisInWords(basis: readonly string[]): string {
  const words = basis.map((code) => code.toLowerCase().replace(/_/g, ' '));
  const text = words.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
