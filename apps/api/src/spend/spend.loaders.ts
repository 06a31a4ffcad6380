import type { SpendService } from '@la-tracker/domain/spend';
import DataLoader from 'dataloader';

export type SpendLoaders = ReturnType<typeof createSpendLoaders>;

/** One statement however many contracts ask. */
export function createSpendLoaders(service: SpendService) {
  return {
    /** Everything charged under each contract to date. */
    spentToDateOnContract: new DataLoader<string, number>((ids) => service.spentToDateOn(ids)),
  };
}
