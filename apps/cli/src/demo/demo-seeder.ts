import type { INestApplicationContext } from '@nestjs/common';
import { CoachingService } from '@la-tracker/domain/coaching';
import { EngagementsService, type Engagement } from '@la-tracker/domain/engagements';
import { EligibilityService } from '@la-tracker/domain/inspections';
import { LocalAuthoritiesService } from '@la-tracker/domain/local-authorities';
import { MonthlyReturnsService } from '@la-tracker/domain/monthly-returns';
import { ParticipantsService } from '@la-tracker/domain/participants';
import {
  ContractChangeService,
  DEFAULT_PROGRAMME,
  ProgrammesService,
  SupplierChangeService,
  supplierNameKey,
} from '@la-tracker/domain/programmes';
import { SessionsService, type DeliverySession } from '@la-tracker/domain/sessions';
import { Role, type Caller } from '@la-tracker/platform/auth';
import type { Page, PageRequest } from '@la-tracker/platform/database';
import { NotFoundError } from '@la-tracker/platform/errors';
import type { FixedClock, IsoDate } from '@la-tracker/platform/time';
import {
  buildDemoPlan,
  COACHING_DECIDED_ON,
  DEMO_FINANCIAL_YEAR,
  DEMO_FIRST_DAY,
  DEMO_SEED,
  type DemoPlan,
  type DemoSession,
} from './demo-plan.rules';

/** What a run wrote, by kind of record: created, or moved on in its workflow. */
export type DemoChanges = Record<
  | 'suppliers'
  | 'contracts'
  | 'engagements'
  | 'coachingAllocations'
  | 'sessions'
  | 'participants'
  | 'monthlyReturns',
  number
>;

const PROGRAMME = DEFAULT_PROGRAMME.id;

/** The demo is built as the system, with an admin's rights. */
const SYSTEM: Caller = {
  userId: null,
  issuer: 'cli',
  subject: 'seed-demo',
  email: null,
  grants: [{ role: Role.ADMIN, supplierId: null, regionCode: null, programmeId: null }],
};

const staffOf = (supplierId: string): Caller => ({
  ...SYSTEM,
  subject: `seed-demo:${supplierId}`,
  grants: [{ role: Role.SUPPLIER, supplierId, regionCode: null, programmeId: null }],
});

/** Every page of a list, a hundred at a time. */
async function all<T>(list: (request: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let after: string | null = null; ;) {
    const page: Page<T> = await list({ first: 100, after });
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.hasNextPage) return rows;
    after = page.edges.at(-1)!.cursor;
  }
}

/** The path a session takes to its final state, as the states it passes through. */
function pathOf(session: DemoSession): string[] {
  switch (session.state) {
    case 'PLANNED':
      return ['PLANNED'];
    case 'DRAFT':
      return ['DRAFT'];
    case 'SUBMITTED':
      return ['DRAFT', 'SUBMITTED'];
    case 'RETURNED':
      return ['DRAFT', 'SUBMITTED', 'RETURNED'];
    case 'APPROVED':
      return session.returnedFirst
        ? ['DRAFT', 'SUBMITTED', 'RETURNED', 'RESUBMITTED', 'APPROVED']
        : ['DRAFT', 'SUBMITTED', 'APPROVED'];
  }
}

/** Where a session stands on its path; a second submission is told by its earlier return. */
function positionOf(path: string[], session: DeliverySession): number {
  const state =
    session.status === 'SUBMITTED' && session.returnedAt !== null ? 'RESUBMITTED' : session.status;
  return path.indexOf(state);
}

/**
 * Applies the demo plan to the default programme through the domain services, so every rule
 * holds and the product works out every cost. Each record is found by what identifies it in the
 * plan (a supplier's name, a contract's reference, an engagement's LA and line, a session's topic,
 * a return's supplier and month) and only moved on where it stands short of the plan: a second
 * run changes nothing, and an interrupted one finishes. The clock is set to each step's day.
 */
export class DemoSeeder {
  readonly changes: DemoChanges = {
    suppliers: 0,
    contracts: 0,
    engagements: 0,
    coachingAllocations: 0,
    sessions: 0,
    participants: 0,
    monthlyReturns: 0,
  };

  constructor(
    private readonly app: INestApplicationContext,
    private readonly clock: FixedClock,
  ) {}

  async plan(seed = DEMO_SEED): Promise<DemoPlan> {
    try {
      await this.app.get(ProgrammesService).get(SYSTEM, PROGRAMME);
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new Error('The default programme is not there: run `npm run cli -- seed` first.');
      throw error;
    }
    const las = await this.app.get(LocalAuthoritiesService).allActiveOn(DEMO_FIRST_DAY);
    const eligible = await this.app
      .get(EligibilityService)
      .eligibleLocalAuthorities(SYSTEM, 'COACHING_MENTORING', COACHING_DECIDED_ON);
    const eligibleIds = new Set(eligible.map((answer) => answer.localAuthorityId));
    return buildDemoPlan({
      seed,
      localAuthorities: las.map((la) => ({
        gssCode: la.gssCode,
        name: la.name,
        regionCode: la.regionCode,
      })),
      eligibleForCoaching: new Set(
        las.filter((la) => eligibleIds.has(la.id)).map((la) => la.gssCode),
      ),
    });
  }

  async apply(plan: DemoPlan): Promise<DemoChanges> {
    const suppliers = await this.suppliers(plan);
    const contracts = await this.contracts(plan, suppliers);
    const engagements = await this.engagements(plan, contracts);
    await this.coachingAllocations(plan, engagements);
    await this.sessions(plan, suppliers, engagements);
    await this.participants(plan, suppliers, engagements);
    await this.monthlyReturns(plan, suppliers);
    return this.changes;
  }

  /** Sets the clock to mid-morning of the day, so "today" is that day in England. */
  private on(day: IsoDate): void {
    this.clock.set(new Date(`${day}T10:00:00Z`));
  }

  private async suppliers(plan: DemoPlan): Promise<Map<string, string>> {
    const existing = await this.app.get(ProgrammesService).suppliers(SYSTEM);
    const ids = new Map<string, string>();
    this.on(DEMO_FIRST_DAY);
    for (const supplier of plan.suppliers) {
      const found = existing.find((s) => s.nameKey === supplierNameKey(supplier.name));
      if (found) {
        ids.set(supplier.name, found.id);
        continue;
      }
      const [first, ...more] = supplier.contacts;
      const created = await this.app.get(SupplierChangeService).createSupplier(SYSTEM, {
        name: supplier.name,
        contactEmail: first.email,
        contactName: first.name,
      });
      for (const contact of more)
        await this.app
          .get(SupplierChangeService)
          .addSupplierContact(SYSTEM, { supplierId: created.id, ...contact });
      ids.set(supplier.name, created.id);
      this.changes.suppliers += 1;
    }
    return ids;
  }

  private async contracts(
    plan: DemoPlan,
    suppliers: Map<string, string>,
  ): Promise<Map<string, string>> {
    const programmes = this.app.get(ProgrammesService);
    const [existing] = await programmes.contractsOfProgrammes(SYSTEM, [PROGRAMME]);
    const [lots] = await programmes.lotsOf([PROGRAMME]);
    const ids = new Map<string, string>();
    this.on(DEMO_FIRST_DAY);
    for (const contract of plan.contracts) {
      const found = existing.find((c) => c.reference === contract.reference);
      if (found) {
        ids.set(contract.reference, found.id);
        continue;
      }
      const lot = lots.find(
        (l) =>
          l.number === contract.lotNumber &&
          l.validFrom <= contract.startsOn &&
          (l.validTo === null || l.validTo >= contract.startsOn),
      );
      if (!lot)
        throw new Error(
          `The default programme has no lot ${contract.lotNumber} on ${contract.startsOn}: the demo is for the programme as seeded.`,
        );
      const created = await this.app.get(ContractChangeService).createContract(SYSTEM, {
        programmeId: PROGRAMME,
        supplierId: suppliers.get(contract.supplierName)!,
        lotId: lot.id,
        reference: contract.reference,
        valuePence: contract.valuePence,
        startsOn: contract.startsOn,
        endsOn: contract.endsOn,
        rates: [{ serviceLine: contract.serviceLine, ...contract.rate }],
      });
      ids.set(contract.reference, created.id);
      this.changes.contracts += 1;
    }
    return ids;
  }

  private async engagements(
    plan: DemoPlan,
    contracts: Map<string, string>,
  ): Promise<Map<string, string>> {
    const service = this.app.get(EngagementsService);
    const las = await this.app.get(LocalAuthoritiesService).allActiveOn(DEMO_FIRST_DAY);
    const laIds = new Map(las.map((la) => [la.gssCode, la.id]));
    const existing = await all((request) =>
      service.list(SYSTEM, { programmeId: PROGRAMME, financialYear: DEMO_FINANCIAL_YEAR }, request),
    );
    const ids = new Map<string, string>();
    for (const planned of plan.engagements) {
      let engagement: Engagement | undefined = existing.find(
        (e) =>
          e.localAuthorityId === laIds.get(planned.gssCode) &&
          e.serviceLine === planned.serviceLine,
      );
      const moved = () => (this.changes.engagements += 1);
      if (!engagement) {
        this.on(planned.referredOn);
        engagement = await service.refer(SYSTEM, {
          programmeId: PROGRAMME,
          serviceLine: planned.serviceLine,
          localAuthorityCode: planned.gssCode,
          financialYear: DEMO_FINANCIAL_YEAR,
          reason: planned.reason,
          referredOn: planned.referredOn,
        });
        moved();
      }
      if (engagement.status === 'REFERRED' && planned.outcome === 'DECLINED') {
        this.on(planned.decidedOn!);
        engagement = await service.decline(SYSTEM, engagement.id, planned.closingReason!);
        moved();
      }
      if (
        engagement.status === 'REFERRED' &&
        (planned.outcome === 'APPROVED' || planned.outcome === 'WITHDRAWN')
      ) {
        this.on(planned.decidedOn!);
        engagement = await service.approve(SYSTEM, {
          engagementId: engagement.id,
          contractId: contracts.get(planned.contractReference)!,
          overrideReason: planned.overrideReason,
          decidedOn: planned.decidedOn,
        });
        moved();
      }
      if (engagement.status === 'APPROVED' && planned.outcome === 'WITHDRAWN') {
        this.on(planned.closedOn!);
        engagement = await service.withdraw(SYSTEM, engagement.id, planned.closingReason!);
        moved();
      }
      ids.set(planned.key, engagement.id);
    }
    return ids;
  }

  private async sessions(
    plan: DemoPlan,
    suppliers: Map<string, string>,
    engagements: Map<string, string>,
  ): Promise<void> {
    const service = this.app.get(SessionsService);
    const existing = await all((request) =>
      service.list(SYSTEM, { programmeId: PROGRAMME, financialYear: DEMO_FINANCIAL_YEAR }, request),
    );
    for (const planned of plan.sessions) {
      const staff = staffOf(suppliers.get(planned.supplierName)!);
      const engagementIds = planned.engagementKeys.map((key) => engagements.get(key)!);
      let session = existing.find((s) => s.topic === planned.topic);
      const path = pathOf(planned);
      if (!session) {
        this.on(planned.date);
        session =
          planned.state === 'PLANNED'
            ? await service.planSession(staff, {
                engagementIds,
                plannedOn: planned.date,
                topic: planned.topic,
                format: planned.format,
                durationMinutes: planned.durationMinutes,
              })
            : await service.recordSession(staff, {
                engagementIds,
                deliveredOn: planned.date,
                durationMinutes: planned.durationMinutes,
                format: planned.format,
                topic: planned.topic,
                attendance: planned.attendance.map(({ gssCode, role, count }) => ({
                  localAuthorityCode: gssCode,
                  role,
                  count,
                })),
              });
        this.changes.sessions += 1;
      }
      for (let at = positionOf(path, session); at >= 0 && at < path.length - 1; at += 1) {
        const next = path[at + 1];
        if (next === 'SUBMITTED') {
          this.on(planned.submittedOn);
          session = await service.submitSession(staff, session.id);
        } else if (next === 'RESUBMITTED') {
          this.on(planned.decidedOn);
          session = await service.submitSession(staff, session.id);
        } else if (next === 'RETURNED') {
          this.on(planned.decidedOn);
          session = await service.returnSession(SYSTEM, session.id, planned.returnReason!);
        } else {
          this.on(planned.decidedOn);
          session = await service.approveSession(SYSTEM, session.id);
        }
        this.changes.sessions += 1;
      }
    }
  }

  /** Coached leaders' hours, allocated on the day the coaching was approved. */
  private async coachingAllocations(
    plan: DemoPlan,
    engagements: Map<string, string>,
  ): Promise<void> {
    const service = this.app.get(CoachingService);
    const ids = plan.coachingAllocations.map((a) => engagements.get(a.engagementKey)!);
    const balances = await service.balancesOf(SYSTEM, ids);
    this.on(COACHING_DECIDED_ON);
    for (const [i, planned] of plan.coachingAllocations.entries()) {
      const held = balances[i];
      const current = Array.isArray(held) ? held.find((b) => b.role === planned.role) : undefined;
      if (current?.allocatedMinutes === planned.minutes) continue;
      await service.allocate(SYSTEM, {
        engagementId: ids[i],
        role: planned.role,
        minutes: planned.minutes,
      });
      this.changes.coachingAllocations += 1;
    }
  }

  private async participants(
    plan: DemoPlan,
    suppliers: Map<string, string>,
    engagements: Map<string, string>,
  ): Promise<void> {
    const service = this.app.get(ParticipantsService);
    const coaching = suppliers.get(
      plan.contracts.find((c) => c.serviceLine === 'COACHING_MENTORING')!.supplierName,
    )!;
    const ids = plan.participants.map((p) => engagements.get(p.engagementKey)!);
    const existing = (await service.ofEngagements(SYSTEM, ids)).flat();
    this.on(COACHING_DECIDED_ON);
    for (const [i, planned] of plan.participants.entries()) {
      if (existing.some((p) => p.engagementId === ids[i] && p.email === planned.email)) continue;
      await service.add(staffOf(coaching), {
        engagementId: ids[i],
        name: planned.name,
        email: planned.email,
        role: planned.role,
      });
      this.changes.participants += 1;
    }
  }

  private async monthlyReturns(plan: DemoPlan, suppliers: Map<string, string>): Promise<void> {
    const service = this.app.get(MonthlyReturnsService);
    const sessions = this.app.get(SessionsService);
    const existing = await all((request) =>
      service.list(SYSTEM, { programmeId: PROGRAMME, financialYear: DEMO_FINANCIAL_YEAR }, request),
    );
    const delivered = await all((request) =>
      sessions.list(
        SYSTEM,
        { programmeId: PROGRAMME, financialYear: DEMO_FINANCIAL_YEAR },
        request,
      ),
    );
    for (const planned of plan.monthlyReturns) {
      const supplierId = suppliers.get(planned.supplierName)!;
      let found = existing.find((r) => r.supplierId === supplierId && r.month === planned.month);
      if (!found) {
        // The month as the supplier reports it: what it recorded, and what was approved.
        const inMonth = delivered.filter(
          (s) => s.supplierId === supplierId && s.deliveredOn?.startsWith(planned.month),
        );
        const headcount = await sessions.attendanceOf(
          SYSTEM,
          inMonth.map((s) => s.id),
        );
        this.on(planned.submittedOn);
        found = await service.submit(staffOf(supplierId), {
          programmeId: PROGRAMME,
          month: planned.month,
          sessionsDelivered: inMonth.length,
          participants: headcount.flat().reduce((sum, line) => sum + line.count, 0),
          spendPence: inMonth.reduce((sum, s) => sum + (s.costPence ?? 0), 0),
          note: planned.note,
        });
        this.changes.monthlyReturns += 1;
      }
      if (found.status === 'SUBMITTED' && planned.outcome !== 'SUBMITTED') {
        this.on(planned.decidedOn);
        if (planned.outcome === 'ACCEPTED') await service.accept(SYSTEM, found.id);
        else await service.returnToSupplier(SYSTEM, found.id, planned.returnReason!);
        this.changes.monthlyReturns += 1;
      }
    }
  }
}
