/** SPEC §5.2: the states of an engagement and the moves between them. */
export const ENGAGEMENT_STATUSES = [
  'REFERRED',
  'APPROVED',
  'IN_DELIVERY',
  'COMPLETED',
  'DECLINED',
  'WITHDRAWN',
] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

export const ENGAGEMENT_MOVES = ['APPROVE', 'DECLINE', 'START', 'COMPLETE', 'WITHDRAW'] as const;
export type EngagementMove = (typeof ENGAGEMENT_MOVES)[number];

const MOVES: Readonly<
  Record<EngagementMove, { from: readonly EngagementStatus[]; to: EngagementStatus }>
> = {
  APPROVE: { from: ['REFERRED'], to: 'APPROVED' },
  DECLINE: { from: ['REFERRED'], to: 'DECLINED' },
  START: { from: ['APPROVED'], to: 'IN_DELIVERY' },
  COMPLETE: { from: ['IN_DELIVERY'], to: 'COMPLETED' },
  WITHDRAW: { from: ['APPROVED', 'IN_DELIVERY'], to: 'WITHDRAWN' },
};

/** Open engagements block a second one for the same LA, service line and year. */
export const OPEN_STATUSES: readonly EngagementStatus[] = ['REFERRED', 'APPROVED', 'IN_DELIVERY'];

/** Engagements that take a place under a cap (SPEC §5.3). */
export const COUNTED_STATUSES: readonly EngagementStatus[] = [
  'APPROVED',
  'IN_DELIVERY',
  'COMPLETED',
];

/** The state a move leads to from a state, or null when the move is not allowed from it. */
export function nextStatus(from: EngagementStatus, move: EngagementMove): EngagementStatus | null {
  const rule = MOVES[move];
  return rule.from.includes(from) ? rule.to : null;
}

/** The states a move may be made from, to explain a refusal. */
export function statusesAllowing(move: EngagementMove): readonly EngagementStatus[] {
  return MOVES[move].from;
}

/**
 * Whether approving one more LA keeps a service line within its cap for the year. `counted` are
 * the LAs already holding a place; an LA already counted (a second engagement after its first
 * completed) takes no new place.
 */
export function capAllows(
  cap: number | null,
  counted: ReadonlySet<string>,
  localAuthorityId: string,
): boolean {
  if (cap === null || counted.has(localAuthorityId)) return true;
  return counted.size < cap;
}
