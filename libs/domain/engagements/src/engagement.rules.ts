import { financialYearBounds, type FinancialYear } from '@la-tracker/domain/calendar';
import { targetInForce, type ServiceLine, type TargetVersion } from '@la-tracker/domain/programmes';
import type { IsoDate } from '@la-tracker/platform/time';

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

export interface ContractForApproval {
  reference: string;
  programmeId: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** The service lines of the contract's lot. */
  serviceLines: readonly ServiceLine[];
}

/**
 * Why a contract cannot take an engagement, or null if it can: it must be of the same programme,
 * cover the service line, and be in force during the engagement's financial year (so a year's
 * records can be entered after the event).
 */
export function contractRefusal(
  contract: ContractForApproval,
  engagement: { programmeId: string; serviceLine: ServiceLine; financialYear: FinancialYear },
): string | null {
  if (contract.programmeId !== engagement.programmeId)
    return `Contract ${contract.reference} belongs to another programme.`;
  if (!contract.serviceLines.includes(engagement.serviceLine))
    return `Contract ${contract.reference} does not cover ${engagement.serviceLine}: its lot holds ${contract.serviceLines.join(', ')}.`;
  const year = financialYearBounds(engagement.financialYear);
  if (contract.startsOn > year.endsOn || contract.endsOn < year.startsOn)
    return `Contract ${contract.reference} is not in force in ${engagement.financialYear}: it runs from ${contract.startsOn} to ${contract.endsOn}.`;
  return null;
}

type Problem = { field: string; message: string };

export const MAX_REASON_LENGTH = 2000;

/** A reason a person gives: something to read, within reason. */
export function reasonProblems(field: string, reason: string | null | undefined): Problem[] {
  const text = reason?.trim() ?? '';
  if (text === '') return [{ field, message: 'must be given' }];
  if (text.length > MAX_REASON_LENGTH)
    return [{ field, message: `must be at most ${MAX_REASON_LENGTH} characters` }];
  return [];
}

/**
 * The day a decision is recorded as made: today unless given, never in the future, and never
 * before the referral it decides.
 */
export function decisionDateProblems(
  decidedOn: IsoDate,
  referredOn: IsoDate,
  today: IsoDate,
): Problem[] {
  if (decidedOn > today) return [{ field: 'decidedOn', message: 'must not be in the future' }];
  if (decidedOn < referredOn)
    return [{ field: 'decidedOn', message: `must not be before the referral (${referredOn})` }];
  return [];
}

/**
 * The cap an approval is held to: the version of the year's cap in force on the day the approval
 * is recorded, or the year's first version when none is in force yet. Never the version of a
 * decision date given by hand, so back-dating cannot reach a higher cap, or none.
 */
export function capOnRecord<V extends TargetVersion>(
  versions: readonly V[],
  today: IsoDate,
): number | null {
  const version =
    targetInForce(versions, today) ??
    [...versions].sort((a, b) =>
      a.effectiveFrom === b.effectiveFrom
        ? a.createdAt.getTime() - b.createdAt.getTime()
        : a.effectiveFrom < b.effectiveFrom
          ? -1
          : 1,
    )[0];
  return version?.cap ?? null;
}
