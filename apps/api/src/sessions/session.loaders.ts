import type { Engagement } from '@la-tracker/domain/engagements';
import type {
  AttendanceRow,
  CostShareRow,
  DeliverySession,
  SessionsService,
} from '@la-tracker/domain/sessions';
import type { Caller } from '@la-tracker/platform/auth';
import { groupBy } from '@la-tracker/platform/database';
import DataLoader from 'dataloader';

export type SessionLoaders = ReturnType<typeof createSessionLoaders>;

export interface SessionsOfEngagementKey {
  engagementId: string;
  /** The most of its latest sessions wanted; null for all. */
  first: number | null;
}

const sessionsKey = (key: SessionsOfEngagementKey) => `${key.engagementId}|${key.first ?? 'all'}`;

/** One statement (two for engagements) per kind of record, however many sessions ask. */
export function createSessionLoaders(service: SessionsService, caller: () => Promise<Caller>) {
  const scoped = <V>(batch: (caller: Caller, keys: readonly string[]) => Promise<V[]>) =>
    new DataLoader<string, V>(async (keys) => batch(await caller(), keys));
  return {
    /** The sessions covering each engagement, the latest `first` of each (or all). */
    ofEngagement: new DataLoader<SessionsOfEngagementKey, DeliverySession[], string>(
      async (keys) => {
        // One pass per page size asked for (nearly always one).
        const who = await caller();
        const found = new Map<string, DeliverySession[]>();
        for (const [first, group] of groupBy(keys, (key) => key.first)) {
          const ids = group.map((key) => key.engagementId);
          const lists = await service.ofEngagements(who, ids, first);
          group.forEach((key, i) => found.set(sessionsKey(key), lists[i]));
        }
        return keys.map((key) => found.get(sessionsKey(key)) ?? []);
      },
      { cacheKeyFn: sessionsKey },
    ),
    /** The engagements each session covers. */
    engagements: scoped<Engagement[]>((who, ids) => service.engagementsOf(who, ids)),
    attendance: scoped<AttendanceRow[]>((who, ids) => service.attendanceOf(who, ids)),
    costShares: scoped<CostShareRow[]>((who, ids) => service.costSharesOf(who, ids)),
  };
}
