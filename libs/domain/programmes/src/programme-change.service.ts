import { Inject, Injectable } from '@nestjs/common';
import { addDays, financialYearsBetween } from '@la-tracker/domain/calendar';
import { IdentityService } from '@la-tracker/domain/identity';
import { AuditWriter } from '@la-tracker/platform/audit';
import { isAdmin, type Caller } from '@la-tracker/platform/auth';
import { isUniqueViolation } from '@la-tracker/platform/database';
import { ConflictError, ForbiddenError } from '@la-tracker/platform/errors';
import type { Pence } from '@la-tracker/platform/money';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { Contract } from './contract.entity';
import { DEFAULT_LOTS, DEFAULT_PROGRAMME } from './default-programme';
import { refuseProblems } from './input-problems';
import { Lot, LotServiceLine } from './lot.entity';
import {
  defaultLotGrouping,
  inServiceLineOrder,
  lotGroupingProblems,
  variationDateProblems,
  type LotGrouping,
} from './lot.rules';
import { managesProgrammes } from './programme-access.rules';
import { BudgetAllocation, Programme } from './programme.entity';
import { programmeToChange } from './programme-lock';
import {
  programmeDatesProblems,
  programmeTermsProblems,
  serviceLineProblems,
  type ProgrammeTerms,
} from './programme.rules';
import { SERVICE_LINES, SERVICE_LINE_NAMES, type ServiceLine } from './service-line';
import { ProgrammeServiceLine, ServiceLineTarget } from './service-line.entity';
import { targetInForce, targetSettingProblems, type TargetBasis } from './target.rules';

export interface NewProgramme {
  name: string;
  contractingAuthority: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  budgetPence: Pence;
  budgetAllocations?: Array<{ financialYear: string; amountPence: Pence }> | null;
  /** All seven, named as SERVICE_LINE_NAMES says, when left out. */
  serviceLines?: Array<{ code: ServiceLine; name?: string | null }> | null;
  /** One lot per service line when left out. */
  lots?: LotGrouping[] | null;
}

export interface ProgrammeChanges {
  programmeId: string;
  name?: string | null;
  contractingAuthority?: string | null;
  startsOn?: IsoDate | null;
  endsOn?: IsoDate | null;
  budgetPence?: Pence | null;
  /** Replaces the allocations when given. */
  budgetAllocations?: Array<{ financialYear: string; amountPence: Pence }> | null;
}

export interface NewTargetVersion {
  programmeId: string;
  serviceLine: ServiceLine;
  financialYear: string;
  targetBasis: TargetBasis;
  target?: number | null;
  cap?: number | null;
  /** Today in England when left out. */
  effectiveFrom?: IsoDate | null;
}

export interface LotVariation {
  programmeId: string;
  effectiveOn: IsoDate;
  lots: LotGrouping[];
}

const grouping = (lots: readonly LotGrouping[]) =>
  lots.map((lot) => ({
    number: lot.number,
    title: lot.title.trim(),
    serviceLines: inServiceLineOrder(lot.serviceLines),
  }));

const targetValues = (version: ServiceLineTarget) => ({
  serviceLine: version.serviceLine,
  financialYear: version.financialYear,
  targetBasis: version.targetBasis,
  target: version.target,
  cap: version.cap,
  effectiveFrom: version.effectiveFrom,
});

/**
 * Changes to programmes, their service lines' targets and their lots: for admins, and for
 * managers in the programmes they are assigned to (others answer NOT_FOUND). Each change is
 * checked by the rules first, written in one transaction and audited; a refusal writes nothing.
 */
@Injectable()
export class ProgrammeChangeService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** A new programme; a manager who creates one is assigned to it. */
  async createProgramme(caller: Caller, input: NewProgramme): Promise<Programme> {
    if (!managesProgrammes(caller))
      throw new ForbiddenError('Programmes are created by programme managers and admins.');
    const terms: ProgrammeTerms = {
      name: input.name,
      contractingAuthority: input.contractingAuthority,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      budgetPence: input.budgetPence,
      budgetAllocations: input.budgetAllocations ?? [],
    };
    const requested: NonNullable<NewProgramme['serviceLines']> =
      input.serviceLines ?? SERVICE_LINES.map((code) => ({ code }));
    const lineProblems = serviceLineProblems(requested);
    const lines = requested.map((line) => ({
      code: line.code,
      name: line.name?.trim() || SERVICE_LINE_NAMES[line.code],
    }));
    const lots = input.lots ?? defaultLotGrouping(lines);
    refuseProblems([
      ...programmeTermsProblems(terms),
      ...lineProblems,
      // Lots are checked against the service lines only once those are right.
      ...(lineProblems.length === 0
        ? lotGroupingProblems(
            lots,
            lines.map((line) => line.code),
          )
        : []),
    ]);

    return this.conflictOnDuplicateName(terms.name, () =>
      this.dataSource.transaction(async (manager) => {
        await this.assertNameFree(manager, terms.name, null);
        const programme = await manager.getRepository(Programme).save(
          manager.getRepository(Programme).create({
            name: terms.name.trim(),
            contractingAuthority: terms.contractingAuthority.trim(),
            startsOn: terms.startsOn,
            endsOn: terms.endsOn,
            budgetPence: terms.budgetPence,
          }),
        );
        await this.insertAllocations(manager, programme.id, terms.budgetAllocations);
        await this.insertStructure(manager, programme, lines, lots);
        await this.audit.record(manager, {
          actorUserId: caller.userId,
          action: 'programme.create',
          entityType: 'programme',
          entityId: programme.id,
          before: null,
          after: {
            ...this.termsOf(programme, terms.budgetAllocations),
            serviceLines: lines,
            lots: grouping(lots),
          },
          programmeId: programme.id,
          personalFields: [],
        });
        if (!isAdmin(caller) && caller.userId) {
          await this.identity.grantProgrammeIn(manager, {
            actorUserId: caller.userId,
            userId: caller.userId,
            programmeId: programme.id,
          });
        }
        return programme;
      }),
    );
  }

  /** New terms for a programme; its dates must still hold every contract made under it. */
  updateProgramme(caller: Caller, changes: ProgrammeChanges): Promise<Programme> {
    const name = changes.name ?? null;
    return this.conflictOnDuplicateName(name ?? '', () =>
      this.dataSource.transaction(async (manager) => {
        const programme = await programmeToChange(manager, caller, changes.programmeId);
        const allocations = await manager
          .getRepository(BudgetAllocation)
          .find({ where: { programmeId: programme.id }, order: { financialYear: 'ASC' } });
        const before = this.termsOf(programme, allocations);
        const after: ProgrammeTerms = {
          name: changes.name ?? programme.name,
          contractingAuthority: changes.contractingAuthority ?? programme.contractingAuthority,
          startsOn: changes.startsOn ?? programme.startsOn,
          endsOn: changes.endsOn ?? programme.endsOn,
          budgetPence: changes.budgetPence ?? programme.budgetPence,
          budgetAllocations: changes.budgetAllocations ?? before.budgetAllocations,
        };
        const contracts = await manager
          .getRepository(Contract)
          .find({ where: { programmeId: programme.id }, order: { reference: 'ASC' } });
        refuseProblems([
          ...programmeTermsProblems(after),
          ...programmeDatesProblems(after, contracts),
        ]);
        if (name !== null) await this.assertNameFree(manager, name, programme.id);

        await manager.getRepository(Programme).update(programme.id, {
          name: after.name.trim(),
          contractingAuthority: after.contractingAuthority.trim(),
          startsOn: after.startsOn,
          endsOn: after.endsOn,
          budgetPence: after.budgetPence,
        });
        if (changes.budgetAllocations) {
          await manager.getRepository(BudgetAllocation).delete({ programmeId: programme.id });
          await this.insertAllocations(manager, programme.id, changes.budgetAllocations);
        }
        const updated = await manager
          .getRepository(Programme)
          .findOneByOrFail({ id: programme.id });
        await this.audit.record(manager, {
          actorUserId: caller.userId,
          action: 'programme.update',
          entityType: 'programme',
          entityId: programme.id,
          before: { ...before },
          after: { ...this.termsOf(updated, after.budgetAllocations) },
          programmeId: programme.id,
          personalFields: [],
        });
        return updated;
      }),
    );
  }

  /** A new version of a service line's target for a year; earlier versions are kept as they were. */
  setServiceLineTarget(caller: Caller, input: NewTargetVersion): Promise<ProgrammeServiceLine> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await programmeToChange(manager, caller, input.programmeId);
      const lines = await manager
        .getRepository(ProgrammeServiceLine)
        .findBy({ programmeId: programme.id });
      refuseProblems(
        targetSettingProblems(input, {
          ...programme,
          serviceLines: lines.map((line) => line.serviceLine),
        }),
      );
      const effectiveFrom = input.effectiveFrom ?? this.clock.today();
      const targets = manager.getRepository(ServiceLineTarget);
      const previous = targetInForce(
        await targets.findBy({
          programmeId: programme.id,
          serviceLine: input.serviceLine,
          financialYear: input.financialYear,
        }),
        effectiveFrom,
      );
      const version = await targets.save(
        targets.create({
          programmeId: programme.id,
          serviceLine: input.serviceLine,
          financialYear: input.financialYear,
          targetBasis: input.targetBasis,
          target: input.target ?? null,
          cap: input.cap ?? null,
          effectiveFrom,
          recordedByUserId: caller.userId,
        }),
      );
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'service-line-target.set',
        entityType: 'service_line_target',
        entityId: version.id,
        before: previous ? targetValues(previous) : null,
        after: targetValues(version),
        programmeId: programme.id,
      });
      return lines.find((line) => line.serviceLine === input.serviceLine) as ProgrammeServiceLine;
    });
  }

  /**
   * Regroups the service lines into new lots from a date: the lots still open end the day before
   * and the new ones begin, so what was delivered or contracted under a lot stays under it.
   */
  varyLots(caller: Caller, variation: LotVariation): Promise<Programme> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await programmeToChange(manager, caller, variation.programmeId);
      const lines = await manager
        .getRepository(ProgrammeServiceLine)
        .findBy({ programmeId: programme.id });
      const open = await manager.getRepository(Lot).find({
        where: { programmeId: programme.id, validTo: IsNull() },
        order: { number: 'ASC' },
      });
      refuseProblems([
        ...variationDateProblems(variation.effectiveOn, programme, open),
        ...lotGroupingProblems(
          variation.lots,
          lines.map((line) => line.serviceLine),
        ),
      ]);
      const openLines = await manager
        .getRepository(LotServiceLine)
        .findBy({ lotId: In(open.map((lot) => lot.id)) });
      if (open.length > 0) {
        await manager
          .getRepository(Lot)
          .update(
            { id: In(open.map((lot) => lot.id)) },
            { validTo: addDays(variation.effectiveOn, -1) },
          );
      }
      await this.openLots(manager, programme.id, variation.lots, variation.effectiveOn);
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'lots.vary',
        entityType: 'programme',
        entityId: programme.id,
        before: {
          lots: open.map((lot) => ({
            number: lot.number,
            title: lot.title,
            serviceLines: inServiceLineOrder(
              openLines.filter((line) => line.lotId === lot.id).map((line) => line.serviceLine),
            ),
            validFrom: lot.validFrom,
          })),
        },
        after: { effectiveOn: variation.effectiveOn, lots: grouping(variation.lots) },
        programmeId: programme.id,
        personalFields: [],
      });
      return programme;
    });
  }

  /**
   * Creates the default programme (SPEC §4) unless it exists: then nothing is touched, so what
   * managers have changed since stays as they left it.
   */
  seedDefaultProgramme(): Promise<{ created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Programme)
        .values({
          id: DEFAULT_PROGRAMME.id,
          name: DEFAULT_PROGRAMME.name,
          contractingAuthority: DEFAULT_PROGRAMME.contractingAuthority,
          startsOn: DEFAULT_PROGRAMME.startsOn,
          endsOn: DEFAULT_PROGRAMME.endsOn,
          budgetPence: DEFAULT_PROGRAMME.budgetPence,
        })
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return { created: false };
      const programme = await manager
        .getRepository(Programme)
        .findOneByOrFail({ id: DEFAULT_PROGRAMME.id });
      const lines = DEFAULT_LOTS.map((lot) => ({ code: lot.serviceLine, name: lot.title }));
      const lots = DEFAULT_LOTS.map((lot) => ({
        number: lot.number,
        title: lot.title,
        serviceLines: [lot.serviceLine],
      }));
      await this.insertStructure(manager, programme, lines, lots);
      const targets = financialYearsBetween(programme.startsOn, programme.endsOn).flatMap((year) =>
        DEFAULT_LOTS.map((lot) => ({
          programmeId: programme.id,
          serviceLine: lot.serviceLine,
          financialYear: year,
          targetBasis: lot.targetBasis,
          target: lot.target,
          cap: lot.cap,
          effectiveFrom: programme.startsOn,
          recordedByUserId: null,
        })),
      );
      await manager.getRepository(ServiceLineTarget).insert(targets);
      await this.audit.record(manager, {
        actorUserId: null,
        action: 'programme.create',
        entityType: 'programme',
        entityId: programme.id,
        before: null,
        after: {
          ...this.termsOf(programme, []),
          serviceLines: lines,
          lots: grouping(lots),
          targets: targets.map(
            ({ programmeId: _programmeId, recordedByUserId: _by, ...target }) => target,
          ),
        },
        programmeId: programme.id,
        personalFields: [],
      });
      return { created: true };
    });
  }

  private termsOf(
    programme: Programme,
    allocations: ReadonlyArray<{ financialYear: string; amountPence: Pence }>,
  ): ProgrammeTerms {
    return {
      name: programme.name,
      contractingAuthority: programme.contractingAuthority,
      startsOn: programme.startsOn,
      endsOn: programme.endsOn,
      budgetPence: programme.budgetPence,
      budgetAllocations: allocations.map((allocation) => ({
        financialYear: allocation.financialYear,
        amountPence: allocation.amountPence,
      })),
    };
  }

  private async assertNameFree(
    manager: EntityManager,
    name: string,
    exceptId: string | null,
  ): Promise<void> {
    const taken = await manager.query<unknown[]>(
      'SELECT 1 FROM programme WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2',
      [name.trim(), exceptId],
    );
    if (taken.length > 0) this.duplicateName(name);
  }

  private duplicateName(name: string): never {
    throw new ConflictError(`A programme named "${name.trim()}" exists already.`);
  }

  /** Two programmes created at once under one name: the database refuses the second. */
  private async conflictOnDuplicateName<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) this.duplicateName(name);
      throw error;
    }
  }

  private async insertAllocations(
    manager: EntityManager,
    programmeId: string,
    allocations: ReadonlyArray<{ financialYear: string; amountPence: Pence }>,
  ): Promise<void> {
    if (allocations.length === 0) return;
    await manager
      .getRepository(BudgetAllocation)
      .insert(allocations.map((allocation) => ({ ...allocation, programmeId })));
  }

  /** A new programme's service lines, and its first lots from the day it starts. */
  private async insertStructure(
    manager: EntityManager,
    programme: Programme,
    lines: ReadonlyArray<{ code: ServiceLine; name: string }>,
    lots: readonly LotGrouping[],
  ): Promise<void> {
    await manager.getRepository(ProgrammeServiceLine).insert(
      lines.map((line) => ({
        programmeId: programme.id,
        serviceLine: line.code,
        name: line.name,
      })),
    );
    await this.openLots(manager, programme.id, lots, programme.startsOn);
  }

  private async openLots(
    manager: EntityManager,
    programmeId: string,
    lots: readonly LotGrouping[],
    validFrom: IsoDate,
  ): Promise<void> {
    const { identifiers } = await manager.getRepository(Lot).insert(
      grouping(lots).map((lot) => ({
        programmeId,
        number: lot.number,
        title: lot.title,
        validFrom,
        validTo: null,
      })),
    );
    await manager.getRepository(LotServiceLine).insert(
      grouping(lots).flatMap((lot, i) =>
        lot.serviceLines.map((serviceLine) => ({
          lotId: identifiers[i].id as string,
          serviceLine,
        })),
      ),
    );
  }
}
