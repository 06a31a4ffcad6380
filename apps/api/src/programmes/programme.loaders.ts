import type {
  BudgetAllocation,
  Contract,
  ContractRate,
  LotView,
  Programme,
  ProgrammeServiceLine,
  ProgrammesService,
  Supplier,
  SupplierContact,
  TargetView,
} from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import DataLoader from 'dataloader';

export type ProgrammeLoaders = ReturnType<typeof createProgrammeLoaders>;

/**
 * One statement per kind of record however many parents ask. Loaders given the caller answer
 * within their scope, with an error (NOT_FOUND, FORBIDDEN) for a key out of it; the others serve
 * records the caller already reached through those.
 */
export function createProgrammeLoaders(service: ProgrammesService, caller: () => Promise<Caller>) {
  const scoped = <V>(
    batch: (caller: Caller, keys: readonly string[]) => Promise<Array<V | Error>>,
  ) => new DataLoader<string, V>(async (keys) => batch(await caller(), keys));
  return {
    programmeById: scoped<Programme>((who, ids) => service.byIds(who, ids)),
    supplierById: scoped<Supplier>((who, ids) => service.suppliersByIds(who, ids)),
    contractById: scoped<Contract>((who, ids) => service.contractsByIds(who, ids)),
    suppliersOfProgramme: scoped<Supplier[]>((who, ids) => service.suppliersOfProgrammes(who, ids)),
    contractsOfProgramme: scoped<Contract[]>((who, ids) => service.contractsOfProgrammes(who, ids)),
    contractsOfSupplier: scoped<Contract[]>((who, ids) => service.contractsOfSuppliers(who, ids)),
    contacts: scoped<SupplierContact[]>((who, ids) => service.contactsOf(who, ids)),
    serviceLines: new DataLoader<string, ProgrammeServiceLine[]>((ids) =>
      service.serviceLinesOf(ids),
    ),
    lots: new DataLoader<string, LotView[]>((ids) => service.lotsOf(ids)),
    targets: new DataLoader<string, TargetView[]>((ids) => service.targetsOf(ids)),
    budgetAllocations: new DataLoader<string, BudgetAllocation[]>((ids) =>
      service.budgetAllocationsOf(ids),
    ),
    rates: new DataLoader<string, ContractRate[]>((ids) => service.ratesOf(ids)),
  };
}
