import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import { ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import type { Contract, ContractRate } from './contract.entity';
import { inServiceLineOrder, isLotInForce, lotOf, lotsNotEndedBy } from './lot.rules';
import { managesProgrammes, maySeeContactsOf, programmeScopeOf } from './programme-access.rules';
import type { BudgetAllocation, Programme } from './programme.entity';
import { ProgrammeRepository, type LotView } from './programme.repository';
import { compareServiceLines, type ServiceLine } from './service-line';
import type { ProgrammeServiceLine } from './service-line.entity';
import type { Supplier, SupplierContact } from './supplier.entity';
import { targetNumber, targetsInForceByYear, type TargetBasis } from './target.rules';

/** One version of a service line's target for a year, with `target` worked out for that year. */
export interface TargetView {
  id: string;
  programmeId: string;
  serviceLine: ServiceLine;
  financialYear: string;
  targetBasis: TargetBasis;
  /** The number to reach: as set, or the LAs active in the year, or the regions; null for NONE. */
  target: number | null;
  cap: number | null;
  effectiveFrom: IsoDate;
  createdAt: Date;
}

function groupBy<T>(
  keys: readonly string[],
  items: readonly T[],
  keyOf: (item: T) => string,
): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Ids that can name a row; anything else names nothing, exactly as a missing id does. */
const rowIds = (ids: readonly string[]) => ids.filter(isUuid);

/**
 * Reads programmes, their lots, service lines, targets, suppliers and contracts, each within what
 * the caller may see (SPEC §2): admins and regional advisers every programme; managers those they
 * are assigned to; supplier staff the programmes their supplier holds a contract in, and only its
 * own contracts. Anything else answers NOT_FOUND, as if it did not exist.
 *
 * Methods taking programme or contract ids and no caller are for records the caller was given by
 * one that did take it.
 */
@Injectable()
export class ProgrammesService {
  constructor(
    @Inject(ProgrammeRepository) private readonly repository: ProgrammeRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  list(caller: Caller): Promise<Programme[]> {
    return this.repository.programmes(programmeScopeOf(caller));
  }

  async get(caller: Caller, id: string): Promise<Programme> {
    const [programme] = await this.byIds(caller, [id]);
    if (programme instanceof Error) throw programme;
    return programme;
  }

  async byIds(caller: Caller, ids: readonly string[]): Promise<Array<Programme | NotFoundError>> {
    const found = await this.repository.programmes(programmeScopeOf(caller), rowIds(ids));
    return ids.map(
      (id) => found.find((programme) => programme.id === id) ?? new NotFoundError('Programme', id),
    );
  }

  /** Every supplier, for those who contract them: admins and managers. */
  async suppliers(caller: Caller): Promise<Supplier[]> {
    if (!managesProgrammes(caller))
      throw new ForbiddenError('The list of suppliers is for programme managers and admins.');
    return this.repository.suppliers(programmeScopeOf(caller));
  }

  async suppliersByIds(
    caller: Caller,
    ids: readonly string[],
  ): Promise<Array<Supplier | NotFoundError>> {
    const found = await this.repository.suppliers(programmeScopeOf(caller), rowIds(ids));
    return ids.map(
      (id) => found.find((supplier) => supplier.id === id) ?? new NotFoundError('Supplier', id),
    );
  }

  /** For each programme, the suppliers holding a contract in it (supplier staff: their own). */
  async suppliersOfProgrammes(
    caller: Caller,
    programmeIds: readonly string[],
  ): Promise<Supplier[][]> {
    const pairs = await this.repository.suppliersOfProgrammes(
      programmeScopeOf(caller),
      programmeIds,
    );
    return groupBy(programmeIds, pairs, (pair) => pair.programmeId).map((group) =>
      group.map((pair) => pair.supplier),
    );
  }

  async contractsByIds(
    caller: Caller,
    ids: readonly string[],
  ): Promise<Array<Contract | NotFoundError>> {
    const found = await this.repository.contracts(programmeScopeOf(caller), { ids: rowIds(ids) });
    return ids.map(
      (id) => found.find((contract) => contract.id === id) ?? new NotFoundError('Contract', id),
    );
  }

  /** For each programme, its contracts by reference (supplier staff: their own). */
  async contractsOfProgrammes(
    caller: Caller,
    programmeIds: readonly string[],
  ): Promise<Contract[][]> {
    const contracts = await this.repository.contracts(programmeScopeOf(caller), { programmeIds });
    return groupBy(programmeIds, contracts, (contract) => contract.programmeId);
  }

  /** For each supplier, its contracts in the programmes the caller may see. */
  async contractsOfSuppliers(
    caller: Caller,
    supplierIds: readonly string[],
  ): Promise<Contract[][]> {
    const contracts = await this.repository.contracts(programmeScopeOf(caller), { supplierIds });
    return groupBy(supplierIds, contracts, (contract) => contract.supplierId);
  }

  /**
   * For each supplier, its contacts: personal data, for admins, managers and the supplier's own
   * staff; FORBIDDEN for anyone else.
   */
  async contactsOf(
    caller: Caller,
    supplierIds: readonly string[],
  ): Promise<Array<SupplierContact[] | ForbiddenError>> {
    const reach = await this.repository.reachOf(rowIds(supplierIds));
    const allowed = reach.filter((supplier) => maySeeContactsOf(caller, supplier)).map((s) => s.id);
    const contacts = groupBy(
      allowed,
      allowed.length > 0 ? await this.repository.contactsOf(allowed) : [],
      (contact) => contact.supplierId,
    );
    return supplierIds.map((id) => {
      const i = allowed.indexOf(id);
      return i >= 0
        ? contacts[i]
        : new ForbiddenError(
            "A supplier's contacts are for admins, its own staff and the managers of its programmes.",
          );
    });
  }

  async ratesOf(contractIds: readonly string[]): Promise<ContractRate[][]> {
    const rates = await this.repository.ratesOf(contractIds);
    return groupBy(contractIds, rates, (rate) => rate.contractId).map((group) =>
      group.sort((a, b) => compareServiceLines(a.serviceLine, b.serviceLine)),
    );
  }

  /** For each programme, its service lines in the order of SPEC §7. */
  async serviceLinesOf(programmeIds: readonly string[]): Promise<ProgrammeServiceLine[][]> {
    const lines = await this.repository.serviceLinesOf(programmeIds);
    return groupBy(programmeIds, lines, (line) => line.programmeId).map((group) =>
      group.sort((a, b) => compareServiceLines(a.serviceLine, b.serviceLine)),
    );
  }

  /** For each programme, every lot it has had, by the day it took effect and number. */
  async lotsOf(programmeIds: readonly string[]): Promise<LotView[][]> {
    const lots = await this.repository.lotsOf(programmeIds);
    return groupBy(programmeIds, lots, (lot) => lot.programmeId).map((group) =>
      group.map((lot) => ({ ...lot, serviceLines: inServiceLineOrder(lot.serviceLines) })),
    );
  }

  /** The lots in force on a date; without one, those not yet ended (today in England). */
  lotsOn(lots: readonly LotView[], asOf?: IsoDate | null): LotView[] {
    return asOf
      ? lots.filter((lot) => isLotInForce(lot, asOf))
      : lotsNotEndedBy(lots, this.clock.today());
  }

  /** The lot holding a service line on a date (today in England by default). */
  lotOf(lots: readonly LotView[], serviceLine: ServiceLine, asOf?: IsoDate | null): LotView | null {
    return lotOf(lots, serviceLine, asOf ?? this.clock.today()) ?? null;
  }

  async budgetAllocationsOf(programmeIds: readonly string[]): Promise<BudgetAllocation[][]> {
    return groupBy(
      programmeIds,
      await this.repository.budgetAllocationsOf(programmeIds),
      (allocation) => allocation.programmeId,
    );
  }

  /**
   * For each programme, every version of its service lines' targets, each with the number it
   * comes to in its year (LAs active in the year, or regions, for a reach). Two statements.
   */
  async targetsOf(programmeIds: readonly string[]): Promise<TargetView[][]> {
    const versions = await this.repository.targetsOf(programmeIds);
    const years = [...new Set(versions.map((version) => version.financialYear))];
    const counts =
      years.length > 0
        ? await this.repository.localAuthorityCounts(years)
        : { activeLocalAuthorities: new Map<string, number>(), regions: 0 };
    const views = versions.map((version): TargetView => ({
      id: version.id,
      programmeId: version.programmeId,
      serviceLine: version.serviceLine,
      financialYear: version.financialYear,
      targetBasis: version.targetBasis,
      target: targetNumber(version, {
        activeLocalAuthorities: counts.activeLocalAuthorities.get(version.financialYear) ?? 0,
        regions: counts.regions,
      }),
      cap: version.cap,
      effectiveFrom: version.effectiveFrom,
      createdAt: version.createdAt,
    }));
    return groupBy(programmeIds, views, (view) => view.programmeId);
  }

  /** For each financial year, the version in force on a date (today in England by default). */
  targetsInForce(versions: readonly TargetView[], asOf?: IsoDate | null): TargetView[] {
    return targetsInForceByYear(versions, asOf ?? this.clock.today());
  }

  /** Each of a programme's service lines with the target and cap in force today for a year. */
  serviceLineTargets(
    lines: readonly ProgrammeServiceLine[],
    versions: readonly TargetView[],
    financialYear: string,
  ): Array<{
    serviceLine: ServiceLine;
    name: string;
    targetBasis: TargetBasis;
    target: number | null;
    cap: number | null;
  }> {
    return lines.map((line) => {
      const target = this.targetsInForce(
        versions.filter((version) => version.serviceLine === line.serviceLine),
      ).find((version) => version.financialYear === financialYear);
      return {
        serviceLine: line.serviceLine,
        name: line.name,
        targetBasis: target?.targetBasis ?? 'NONE',
        target: target?.target ?? null,
        cap: target?.cap ?? null,
      };
    });
  }
}
