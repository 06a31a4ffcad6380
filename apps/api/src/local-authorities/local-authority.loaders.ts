import type {
  LocalAuthoritiesService,
  LocalAuthority,
  Region,
} from '@la-tracker/domain/local-authorities';
import type { IsoDate } from '@la-tracker/platform/time';
import DataLoader from 'dataloader';

export interface RegionMembersKey {
  regionCode: string;
  activeOn: IsoDate | null;
}

export type LocalAuthorityLoaders = ReturnType<typeof createLocalAuthorityLoaders>;

export function createLocalAuthorityLoaders(service: LocalAuthoritiesService) {
  return {
    byId: new DataLoader<string, LocalAuthority | undefined>((ids) => service.findByIds(ids)),
    region: new DataLoader<string, Region | undefined>(async (codes) => {
      const regions = new Map((await service.regions()).map((region) => [region.code, region]));
      return codes.map((code) => regions.get(code));
    }),
    predecessors: new DataLoader<string, LocalAuthority[]>((ids) => service.predecessorsOf(ids)),
    successors: new DataLoader<string, LocalAuthority[]>((ids) => service.successorsOf(ids)),
    earlierGssCodes: new DataLoader<string, string[]>((ids) => service.earlierGssCodesOf(ids)),
    regionMembers: new DataLoader<RegionMembersKey, LocalAuthority[], string>(
      async (keys) => {
        // One query per distinct date asked about (nearly always one).
        const dates = [...new Set(keys.map((key) => key.activeOn))];
        const byDate = new Map<IsoDate | null, Map<string, LocalAuthority[]>>();
        for (const date of dates) {
          const codes = [
            ...new Set(keys.filter((key) => key.activeOn === date).map((key) => key.regionCode)),
          ];
          const members = await service.inRegions(codes, date);
          byDate.set(date, new Map(codes.map((code, i) => [code, members[i]])));
        }
        return keys.map((key) => byDate.get(key.activeOn)?.get(key.regionCode) ?? []);
      },
      { cacheKeyFn: (key) => `${key.regionCode}@${key.activeOn ?? 'today'}` },
    ),
  };
}
