import { Contract, ContractRate } from './contract.entity';
import { Lot, LotServiceLine } from './lot.entity';
import { BudgetAllocation, Programme } from './programme.entity';
import { ProgrammeServiceLine, ServiceLineTarget } from './service-line.entity';
import { Supplier, SupplierContact } from './supplier.entity';

export const programmeEntities = [
  Programme,
  BudgetAllocation,
  ProgrammeServiceLine,
  ServiceLineTarget,
  Lot,
  LotServiceLine,
  Supplier,
  SupplierContact,
  Contract,
  ContractRate,
];
