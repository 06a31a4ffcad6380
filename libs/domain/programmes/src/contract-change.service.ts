import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import { isUniqueViolation, isUuid } from '@la-tracker/platform/database';
import { ConflictError, NotFoundError } from '@la-tracker/platform/errors';
import type { Pence } from '@la-tracker/platform/money';
import type { IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { Contract, ContractRate } from './contract.entity';
import {
  contractLotProblem,
  contractReferenceProblems,
  contractTermsProblems,
  rateServiceLine,
  type ContractTerms,
  type RateInput,
} from './contract.rules';
import { refuseProblems } from './input-problems';
import { Lot, LotServiceLine } from './lot.entity';
import { mayChangeProgramme } from './programme-access.rules';
import { programmeToChange } from './programme-lock';
import { compareServiceLines, type ServiceLine } from './service-line';
import { Supplier } from './supplier.entity';

export interface NewContract {
  programmeId: string;
  supplierId: string;
  lotId: string;
  reference: string;
  valuePence: Pence;
  startsOn: IsoDate;
  endsOn: IsoDate;
  rates: RateInput[];
}

export interface ContractChanges {
  contractId: string;
  valuePence?: Pence | null;
  startsOn?: IsoDate | null;
  endsOn?: IsoDate | null;
  /** Replaces the rates when given. */
  rates?: RateInput[] | null;
}

const contractValues = (contract: Contract, rates: readonly ContractRate[]) => ({
  reference: contract.reference,
  supplierId: contract.supplierId,
  lotId: contract.lotId,
  valuePence: contract.valuePence,
  startsOn: contract.startsOn,
  endsOn: contract.endsOn,
  rates: [...rates]
    .sort((a, b) => compareServiceLines(a.serviceLine, b.serviceLine))
    .map((rate) => ({
      serviceLine: rate.serviceLine,
      unit: rate.unit,
      amountPence: rate.amountPence,
    })),
});

/**
 * Suppliers' contracts for lots of a programme: made and changed by admins, and by managers in
 * the programmes they are assigned to (others answer NOT_FOUND). Checked by the rules, written in
 * one transaction and audited; a refusal writes nothing.
 */
@Injectable()
export class ContractChangeService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
  ) {}

  async createContract(caller: Caller, input: NewContract): Promise<Contract> {
    const reference = input.reference.trim();
    const conflict = () =>
      new ConflictError(`The programme has a contract with the reference "${reference}" already.`);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const programme = await programmeToChange(manager, caller, input.programmeId);
        const supplier = isUuid(input.supplierId)
          ? await manager.getRepository(Supplier).findOneBy({ id: input.supplierId })
          : null;
        if (!supplier) throw new NotFoundError('Supplier', input.supplierId);
        const lot = isUuid(input.lotId)
          ? await manager
              .getRepository(Lot)
              .findOneBy({ id: input.lotId, programmeId: programme.id })
          : null;
        if (!lot) throw new NotFoundError('Lot', input.lotId);
        const terms: ContractTerms = input;
        const lotLines = await this.serviceLinesOf(manager, lot.id);
        const lotProblem = contractLotProblem(lot, input.startsOn);
        refuseProblems([
          ...contractReferenceProblems(input.reference),
          ...contractTermsProblems(terms, lotLines, programme),
          ...(lotProblem ? [lotProblem] : []),
        ]);

        const contracts = manager.getRepository(Contract);
        if (await contracts.existsBy({ programmeId: programme.id, reference })) throw conflict();
        const contract = await contracts.save(
          contracts.create({
            programmeId: programme.id,
            supplierId: supplier.id,
            lotId: lot.id,
            reference,
            valuePence: input.valuePence,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
          }),
        );
        const rates = await this.insertRates(manager, contract.id, input.rates, lotLines);
        await this.audit.record(manager, {
          actorUserId: caller.userId,
          action: 'contract.create',
          entityType: 'contract',
          entityId: contract.id,
          before: null,
          after: contractValues(contract, rates),
          programmeId: programme.id,
          personalFields: [],
        });
        return contract;
      });
    } catch (error) {
      // Two contracts made at once under one reference: the database refuses the second.
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
  }

  /** New value, dates or rates (a new set replaces the old) for a contract. */
  updateContract(caller: Caller, changes: ContractChanges): Promise<Contract> {
    return this.dataSource.transaction(async (manager) => {
      const found = isUuid(changes.contractId)
        ? await manager.getRepository(Contract).findOneBy({ id: changes.contractId })
        : null;
      if (!found || !mayChangeProgramme(caller, found.programmeId))
        throw new NotFoundError('Contract', changes.contractId);
      // The programme first, as every change to it does, so that locks are taken in one order.
      const programme = await programmeToChange(manager, caller, found.programmeId);
      const contracts = manager.getRepository(Contract);
      const contract = await contracts.findOneOrFail({
        where: { id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      const rates = await manager.getRepository(ContractRate).findBy({ contractId: contract.id });
      const lot = await manager.getRepository(Lot).findOneByOrFail({ id: contract.lotId });
      const lotLines = await this.serviceLinesOf(manager, lot.id);
      const terms: ContractTerms = {
        valuePence: changes.valuePence ?? contract.valuePence,
        startsOn: changes.startsOn ?? contract.startsOn,
        endsOn: changes.endsOn ?? contract.endsOn,
        rates: changes.rates ?? rates,
      };
      const lotProblem = contractLotProblem(lot, terms.startsOn);
      refuseProblems([
        ...contractTermsProblems(terms, lotLines, programme),
        ...(lotProblem ? [lotProblem] : []),
        ...(await this.strandedBy(manager, contract.id, terms)),
      ]);

      const before = contractValues(contract, rates);
      await contracts.update(contract.id, {
        valuePence: terms.valuePence,
        startsOn: terms.startsOn,
        endsOn: terms.endsOn,
      });
      let ratesAfter = rates;
      if (changes.rates) {
        await manager.getRepository(ContractRate).delete({ contractId: contract.id });
        ratesAfter = await this.insertRates(manager, contract.id, changes.rates, lotLines);
      }
      const updated = await contracts.findOneByOrFail({ id: contract.id });
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'contract.update',
        entityType: 'contract',
        entityId: contract.id,
        before,
        after: contractValues(updated, ratesAfter),
        programmeId: programme.id,
        personalFields: [],
      });
      return updated;
    });
  }

  /**
   * New dates must still cover what was approved and delivered under the contract: the years of
   * its engagements, and the days of its sessions. (Read by table, as those libraries build on
   * this one.)
   */
  private async strandedBy(
    manager: EntityManager,
    contractId: string,
    terms: Pick<ContractTerms, 'startsOn' | 'endsOn'>,
  ): Promise<Array<{ field: string; message: string }>> {
    const [row] = await manager.query<Array<{ years: string[]; sessions: number }>>(
      `SELECT
         (SELECT coalesce(array_agg(DISTINCT e.financial_year ORDER BY e.financial_year), '{}')
            FROM engagement e
           WHERE e.contract_id = $1 AND e.status IN ('APPROVED', 'IN_DELIVERY', 'COMPLETED')
             AND ($2::date > make_date(left(e.financial_year, 4)::int + 1, 3, 31)
               OR $3::date < make_date(left(e.financial_year, 4)::int, 4, 1))) AS years,
         (SELECT count(*)::int FROM delivery_session s
           WHERE s.contract_id = $1
             AND coalesce(s.delivered_on, s.planned_on) NOT BETWEEN $2::date AND $3::date) AS sessions`,
      [contractId, terms.startsOn, terms.endsOn],
    );
    const problems: Array<{ field: string; message: string }> = [];
    if (row.years.length > 0)
      problems.push({
        field: 'startsOn',
        message: `the contract would no longer be in force in ${row.years.join(', ')}, when engagements under it were approved`,
      });
    if (row.sessions > 0)
      problems.push({
        field: 'endsOn',
        message: `${row.sessions} session${row.sessions === 1 ? '' : 's'} under the contract would fall outside its dates`,
      });
    return problems;
  }

  private async serviceLinesOf(manager: EntityManager, lotId: string): Promise<ServiceLine[]> {
    const lines = await manager.getRepository(LotServiceLine).findBy({ lotId });
    return lines.map((line) => line.serviceLine).sort(compareServiceLines);
  }

  /** Rates already checked against the lot, each under the service line it is for. */
  private async insertRates(
    manager: EntityManager,
    contractId: string,
    rates: readonly RateInput[],
    lotLines: readonly ServiceLine[],
  ): Promise<ContractRate[]> {
    const rows = manager.getRepository(ContractRate).create(
      rates.map((rate) => ({
        contractId,
        serviceLine: rateServiceLine(rate, lotLines) as ServiceLine,
        unit: rate.unit,
        amountPence: rate.amountPence,
      })),
    );
    if (rows.length > 0) await manager.getRepository(ContractRate).insert(rows);
    return rows;
  }
}
