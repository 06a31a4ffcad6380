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

/** Service lines only some LAs may receive; the others are open to every active LA. */
export const ELIGIBILITY_RESTRICTED: readonly ServiceLine[] = ['COACHING_MENTORING'];
