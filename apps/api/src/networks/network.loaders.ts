import type { LeadMemberNetwork, NetworksService } from '@la-tracker/domain/networks';
import DataLoader from 'dataloader';

export type NetworkLoaders = ReturnType<typeof createNetworkLoaders>;

/** One statement per kind of record, however many meetings ask. */
export function createNetworkLoaders(service: NetworksService) {
  return {
    byId: new DataLoader<string, LeadMemberNetwork | undefined>((ids) =>
      service.networksByIds(ids),
    ),
    /** The ids of the LAs that attended each meeting. */
    attendance: new DataLoader<string, string[]>((ids) => service.attendanceOf(ids)),
  };
}
