/** The kinds of support a programme buys (SPEC §7 codes), in the order of the PIN's lots. */
export const SERVICE_LINES = [
  'POLITICAL_LEADERSHIP',
  'CORPORATE_LEADERSHIP',
  'LEAD_MEMBER_NETWORKS',
  'CORPORATE_PARENTING_DIAGNOSTIC',
  'COUNCILLOR_GROUPS',
  'TARGETED_SUPPORT',
  'COACHING_MENTORING',
] as const;
export type ServiceLine = (typeof SERVICE_LINES)[number];

/** Sorts service lines in the order of SPEC §7. */
export function compareServiceLines(a: ServiceLine, b: ServiceLine): number {
  return SERVICE_LINES.indexOf(a) - SERVICE_LINES.indexOf(b);
}

/** Service lines only some LAs may receive; the others are open to every active LA. */
export const ELIGIBILITY_RESTRICTED: readonly ServiceLine[] = ['COACHING_MENTORING'];

/** What each service line is, in a few words, for a programme that does not name its own. */
export const SERVICE_LINE_NAMES: Readonly<Record<ServiceLine, string>> = {
  POLITICAL_LEADERSHIP: 'Leadership development for political leaders',
  CORPORATE_LEADERSHIP: 'Learning and development for corporate leaders',
  LEAD_MEMBER_NETWORKS: 'Regional Lead Member networks',
  CORPORATE_PARENTING_DIAGNOSTIC: 'Corporate parenting diagnostic',
  COUNCILLOR_GROUPS: 'Facilitated learning for groups of councillors',
  TARGETED_SUPPORT: 'Targeted support for selected LAs',
  COACHING_MENTORING: 'Coaching and mentoring for individual leaders',
};
