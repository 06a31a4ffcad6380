import type { Engagement } from '@la-tracker/domain/engagements';
import type {
  AttendanceRow,
  CostShareRow,
  DeliverySession,
  SessionsService,
} from '@la-tracker/domain/sessions';
import type { Caller } from '@la-tracker/platform/auth';
import DataLoader from 'dataloader';

export type SessionLoaders = ReturnType<typeof createSessionLoaders>;

/** One statement (two for engagements) per kind of record, however many sessions ask. */
export function createSessionLoaders(service: SessionsService, caller: () => Promise<Caller>) {
  const scoped = <V>(batch: (caller: Caller, keys: readonly string[]) => Promise<V[]>) =>
    new DataLoader<string, V>(async (keys) => batch(await caller(), keys));
  return {
    /** The sessions covering each engagement. */
    ofEngagement: scoped<DeliverySession[]>((who, ids) => service.ofEngagements(who, ids)),
    /** The engagements each session covers. */
    engagements: scoped<Engagement[]>((who, ids) => service.engagementsOf(who, ids)),
    attendance: scoped<AttendanceRow[]>((who, ids) => service.attendanceOf(who, ids)),
    costShares: scoped<CostShareRow[]>((who, ids) => service.costSharesOf(who, ids)),
  };
}
