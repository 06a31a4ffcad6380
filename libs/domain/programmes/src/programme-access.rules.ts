import {
  hasRole,
  isAdmin,
  programmeIdsOf,
  Role,
  supplierIdsOf,
  type Caller,
} from '@la-tracker/platform/auth';

/** What of the programme structure a caller may read (SPEC §2); several roles add up. */
export interface ProgrammeScope {
  /** Every programme and every contract: admins and regional advisers. */
  allProgrammes: boolean;
  /** Programmes the caller manages, with all their contracts. */
  programmeIds: string[];
  /** The caller's own suppliers: their contracts, and the programmes those are under. */
  supplierIds: string[];
  /** Every supplier, contracted or not: admins and managers, who contract them. */
  allSuppliers: boolean;
}

export function programmeScopeOf(caller: Caller): ProgrammeScope {
  return {
    allProgrammes: hasRole(caller, Role.ADMIN, Role.REGIONAL_ADVISER),
    programmeIds: programmeIdsOf(caller),
    supplierIds: supplierIdsOf(caller),
    allSuppliers: managesProgrammes(caller),
  };
}

/** Admins change any programme; a manager only those they are assigned to. */
export function mayChangeProgramme(caller: Caller, programmeId: string): boolean {
  return isAdmin(caller) || programmeIdsOf(caller).includes(programmeId);
}

/** Admins and managers: they create programmes, and list and add suppliers. */
export function managesProgrammes(caller: Caller): boolean {
  return hasRole(caller, Role.ADMIN, Role.PROGRAMME_MANAGER);
}

/** What the contact rules need to know of a supplier: the programmes it holds contracts in. */
export interface SupplierReach {
  id: string;
  programmeIds: readonly string[];
}

/**
 * A supplier's contacts are personal data, and reminders go to them: admins, the supplier's own
 * staff, and managers of a programme it holds a contract in see and add them. A supplier with no
 * contract yet is open to every manager, who may be about to contract it.
 */
export function maySeeContactsOf(caller: Caller, supplier: SupplierReach): boolean {
  if (isAdmin(caller) || supplierIdsOf(caller).includes(supplier.id)) return true;
  if (!hasRole(caller, Role.PROGRAMME_MANAGER)) return false;
  const managed = programmeIdsOf(caller);
  return (
    supplier.programmeIds.length === 0 || supplier.programmeIds.some((id) => managed.includes(id))
  );
}

/**
 * Budgets are for those who run the programme: admins and its managers. Advisers, who read LAs'
 * support, and supplier staff do not see them.
 */
export function maySeeBudgetOf(caller: Caller, programmeId: string): boolean {
  return mayChangeProgramme(caller, programmeId);
}

/**
 * A contract's value and rates are commercial terms: admins, the programme's managers and the
 * supplier's own staff only; advisers see whom a contract is with, not what it costs.
 */
export function maySeeTermsOf(
  caller: Caller,
  contract: { programmeId: string; supplierId: string },
): boolean {
  return (
    mayChangeProgramme(caller, contract.programmeId) ||
    supplierIdsOf(caller).includes(contract.supplierId)
  );
}
