import { longMonth } from '@la-tracker/platform/time';
/** Shaping overdue work for a programme's manager: each item with a link to its record. */

export interface OverdueSessionNode {
  id: string;
  status: string;
  deliveredOn: string | null;
  plannedOn: string | null;
  dueBy: string;
  overdue: boolean;
  serviceLine: string;
  engagements: Array<{ localAuthority: { name: string } }>;
  contract: { reference: string; supplier: { name: string } };
}

export interface OverdueSession {
  href: string;
  date: string;
  dueBy: string;
  status: string;
  serviceLine: string;
  localAuthorities: string;
  supplier: string;
  contract: string;
}

/** Sessions whose report is overdue, the longest overdue first. */
export function overdueSessions(nodes: readonly OverdueSessionNode[]): OverdueSession[] {
  return nodes
    .filter((node) => node.overdue)
    .map((node) => ({
      href: `/sessions/${node.id}`,
      date: node.deliveredOn ?? node.plannedOn ?? '',
      dueBy: node.dueBy,
      status: node.status,
      serviceLine: node.serviceLine,
      localAuthorities: node.engagements.map((e) => e.localAuthority.name).join(', '),
      supplier: node.contract.supplier.name,
      contract: node.contract.reference,
    }))
    .sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.date.localeCompare(b.date));
}

export interface DiagnosticNode {
  id: string;
  followUpDueOn: string | null;
  finalReportOn: string | null;
  localAuthority: { gssCode: string; name: string };
  supplier: { name: string };
  engagement: { id: string };
}

export interface FollowUpDue {
  href: string;
  localAuthority: string;
  finalReportOn: string;
  dueBy: string;
  supplier: string;
}

/** Diagnostics whose follow-up review (6 months after the final report) is due on or before `asOf`. */
export function followUpsDue(nodes: readonly DiagnosticNode[], asOf: string): FollowUpDue[] {
  return nodes
    .filter((node) => node.followUpDueOn !== null && node.followUpDueOn <= asOf)
    .map((node) => ({
      href: `/engagements/${node.engagement.id}`,
      localAuthority: node.localAuthority.name,
      finalReportOn: node.finalReportOn ?? '',
      dueBy: node.followUpDueOn ?? '',
      supplier: node.supplier.name,
    }))
    .sort((a, b) => a.dueBy.localeCompare(b.dueBy));
}

/**
 * The dashboard names an item's LAs ("Hartlepool; Middlesbrough") and gives their codes in the
 * same order: each name becomes a link to its LA's page.
 */
export function localAuthorityLinks(
  names: string | null,
  codes: readonly string[],
): Array<{ name: string; href: string | null }> {
  if (!names) return [];
  return names
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name, index) => {
      const code = codes[index];
      return { name, href: code ? `/local-authorities/${code}` : null };
    });
}

/** "2022-12-31" (a month's last day, as the dashboard dates a missing return) → "December 2022". */
export function monthOf(isoDate: string): string {
  return /^\d{4}-\d{2}/.test(isoDate) ? longMonth(isoDate.slice(0, 7)) : isoDate;
}
