import { Inject, Injectable } from '@nestjs/common';
import { financialYearBounds, isFinancialYear } from '@la-tracker/domain/calendar';
import { EligibilityService } from '@la-tracker/domain/inspections';
import {
  LocalAuthoritiesService,
  REGION_CODE,
  type LocalAuthority,
} from '@la-tracker/domain/local-authorities';
import {
  Contract,
  ELIGIBILITY_RESTRICTED,
  mayChangeProgramme,
  isProgrammeYear,
  LotServiceLine,
  Programme,
  ProgrammeServiceLine,
  ServiceLineTarget,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { AuditWriter } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  groupBy,
  isUniqueViolation,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import {
  BadUserInputError,
  CapReachedError,
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotEligibleError,
  NotFoundError,
  type FieldProblem,
} from '@la-tracker/platform/errors';
import { Clock, isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, In, type EntityManager } from 'typeorm';
import { canSeeEngagement, canStartEngagement, engagementScopeOf } from './engagement-access.rules';
import { Engagement, type EligibilitySnapshot } from './engagement.entity';
import { EngagementRepository, type ScopedEngagement } from './engagement.repository';
import {
  capAllows,
  capOnRecord,
  contractRefusal,
  decisionDateProblems,
  nextStatus,
  OPEN_STATUSES,
  reasonProblems,
  statusesAllowing,
  type EngagementMove,
  type EngagementStatus,
} from './engagement.rules';

export interface ReferralInput {
  programmeId: string;
  serviceLine: ServiceLine;
  localAuthorityCode: string;
  financialYear: string;
  reason: string;
  /** Defaults to today; an earlier day records a referral made before it was entered. */
  referredOn?: IsoDate | null;
}

export interface ApprovalInput {
  engagementId: string;
  contractId: string;
  overrideReason?: string | null;
  /** Defaults to today. */
  decidedOn?: IsoDate | null;
}

export interface EngagementFilter {
  programmeId?: string | null;
  serviceLine?: ServiceLine | null;
  status?: readonly EngagementStatus[] | null;
  regionCode?: string | null;
  localAuthorityCode?: string | null;
  supplierId?: string | null;
  financialYear?: string | null;
}

/**
 * The engagement workflow (SPEC §5.2–5.4): referral, decision, delivery. Every change is one
 * transaction with its audit entry; a refusal writes nothing. Approvals of one service line are
 * taken one at a time (the line's row is locked), so its cap holds however many race.
 */
@Injectable()
export class EngagementsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EngagementRepository) private readonly repository: EngagementRepository,
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(EligibilityService) private readonly eligibility: EligibilityService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(
    caller: Caller,
    filter: EngagementFilter,
    request: PageRequest,
  ): Promise<Page<Engagement>> {
    const problems: FieldProblem[] = [];
    for (const field of ['programmeId', 'supplierId'] as const) {
      const id = filter[field];
      if (id && !isUuid(id)) problems.push({ field: `filter.${field}`, message: 'is not an id' });
    }
    if (filter.regionCode && !REGION_CODE.test(filter.regionCode))
      problems.push({
        field: 'filter.regionCode',
        message: 'must be a region code like E12000001',
      });
    if (filter.financialYear && !isFinancialYear(filter.financialYear))
      problems.push({ field: 'filter.financialYear', message: 'must be written like 2022-23' });
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    const la = filter.localAuthorityCode
      ? await this.localAuthorities.get(filter.localAuthorityCode)
      : undefined;

    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [isIsoDate, isUuid]) as [IsoDate, string])
      : undefined;
    const scope = engagementScopeOf(caller);
    const query = {
      programmeId: filter.programmeId ?? undefined,
      serviceLine: filter.serviceLine ?? undefined,
      statuses: filter.status ?? undefined,
      regionCode: filter.regionCode ?? undefined,
      localAuthorityId: la?.id,
      supplierId: filter.supplierId ?? undefined,
      financialYear: filter.financialYear ?? undefined,
    };
    const [rows, totalCount] = await Promise.all([
      this.repository.page(scope, query, limit + 1, after),
      this.repository.count(scope, query),
    ]);
    return toPage(rows, limit, totalCount, request.after, (e) => [e.referredOn, e.id]);
  }

  async get(caller: Caller, id: string): Promise<Engagement> {
    const [found] = isUuid(id)
      ? await this.repository.findInScope(engagementScopeOf(caller), [id])
      : [];
    if (!found) throw new NotFoundError('Engagement', id);
    return found;
  }

  /** For each id, the engagement if the caller may see it. */
  async findByIds(caller: Caller, ids: readonly string[]): Promise<Array<Engagement | undefined>> {
    const found = await this.repository.findInScope(
      engagementScopeOf(caller),
      ids.filter((id) => isUuid(id)),
    );
    const byId = new Map(found.map((e) => [e.id, e]));
    return ids.map((id) => byId.get(id));
  }

  /** The support each LA has received or been offered, as far as the caller may see. */
  async ofLocalAuthorities(
    caller: Caller,
    ids: readonly string[],
    financialYear?: string | null,
  ): Promise<Engagement[][]> {
    if (financialYear !== null && financialYear !== undefined && !isFinancialYear(financialYear))
      throw BadUserInputError.forFields([
        { field: 'financialYear', message: 'must be written like 2022-23' },
      ]);
    const found = await this.repository.ofLocalAuthorities(
      engagementScopeOf(caller),
      ids,
      financialYear ?? undefined,
    );
    const byLocalAuthority = groupBy(found, (engagement) => engagement.localAuthorityId);
    return ids.map((id) => byLocalAuthority.get(id) ?? []);
  }

  async refer(caller: Caller, input: ReferralInput): Promise<Engagement> {
    const today = this.clock.today();
    const referredOn = input.referredOn ?? today;
    const problems: FieldProblem[] = [...reasonProblems('reason', input.reason)];
    if (!isFinancialYear(input.financialYear))
      problems.push({ field: 'financialYear', message: 'must be written like 2022-23' });
    if (!isIsoDate(referredOn) || referredOn > today)
      problems.push({ field: 'referredOn', message: 'must be a date not in the future' });
    if (problems.length > 0) throw BadUserInputError.forFields(problems);

    const programme = await this.programmeToManage(caller, input.programmeId);
    const offered = await this.dataSource
      .getRepository(ProgrammeServiceLine)
      .existsBy({ programmeId: programme.id, serviceLine: input.serviceLine });
    if (!offered)
      problems.push({
        field: 'serviceLine',
        message: `${programme.name} does not buy ${input.serviceLine}`,
      });
    if (!isProgrammeYear(programme, input.financialYear))
      problems.push({
        field: 'financialYear',
        message: `${programme.name} runs from ${programme.startsOn} to ${programme.endsOn}, not in ${input.financialYear}`,
      });
    const la = await this.localAuthorities.get(input.localAuthorityCode);
    const inactive = inactiveReason(la, input.financialYear);
    if (inactive) problems.push({ field: 'localAuthorityCode', message: inactive });
    if (problems.length > 0) throw BadUserInputError.forFields(problems);

    return this.dataSource.transaction(async (manager) => {
      const open = await manager.getRepository(Engagement).findOneBy({
        programmeId: programme.id,
        localAuthorityId: la.id,
        serviceLine: input.serviceLine,
        financialYear: input.financialYear,
        status: In([...OPEN_STATUSES]),
      });
      if (open) throw this.alreadyOpen(la, input, open.id);
      const engagements = manager.getRepository(Engagement);
      const engagement = engagements.create({
        programmeId: programme.id,
        serviceLine: input.serviceLine,
        localAuthorityId: la.id,
        financialYear: input.financialYear,
        status: 'REFERRED',
        referralReason: input.reason.trim(),
        referredOn,
        referredByUserId: caller.userId,
      });
      try {
        await engagements.insert(engagement);
      } catch (error) {
        // A referral racing this one got there first.
        if (isUniqueViolation(error)) throw this.alreadyOpen(la, input);
        throw error;
      }
      const referred = await engagements.findOneByOrFail({ id: engagement.id });
      await this.record(manager, caller, 'engagement.refer', null, referred);
      return referred;
    });
  }

  async approve(caller: Caller, input: ApprovalInput): Promise<Engagement> {
    const overrideReason = input.overrideReason?.trim() || null;
    if (input.overrideReason !== undefined && input.overrideReason !== null)
      this.check(reasonProblems('overrideReason', input.overrideReason));
    const today = this.clock.today();
    const decidedOn = input.decidedOn ?? today;
    // Eligibility is read before the transaction: it needs connections of its own, and must not
    // wait for them while holding one (many approvals at once would exhaust the pool).
    const { engagement: seen } = await this.dataSource.transaction((manager) =>
      this.lockToMove(manager, caller, input.engagementId, 'APPROVE'),
    );
    this.check(decisionDateProblems(decidedOn, seen.referredOn, today));
    const eligibility = await this.checkEligibility(caller, seen, decidedOn, overrideReason);
    return this.dataSource.transaction(async (manager) => {
      // Checked again under the lock: another decision may have come first.
      const { engagement } = await this.lockToMove(manager, caller, input.engagementId, 'APPROVE');
      await this.checkContract(manager, input.contractId, engagement);
      await this.checkCap(manager, engagement);
      const before = { ...engagement };
      Object.assign(engagement, {
        status: 'APPROVED',
        contractId: input.contractId,
        decidedOn,
        decidedByUserId: caller.userId,
        overrideReason,
        eligibility,
      });
      return this.save(manager, caller, 'engagement.approve', before, engagement);
    });
  }

  async decline(caller: Caller, id: string, reason: string): Promise<Engagement> {
    this.check(reasonProblems('reason', reason));
    return this.dataSource.transaction(async (manager) => {
      const { engagement } = await this.lockToMove(manager, caller, id, 'DECLINE');
      const before = { ...engagement };
      Object.assign(engagement, {
        status: 'DECLINED',
        declineReason: reason.trim(),
        decidedOn: this.clock.today(),
        decidedByUserId: caller.userId,
      });
      return this.save(manager, caller, 'engagement.decline', before, engagement);
    });
  }

  start(caller: Caller, id: string): Promise<Engagement> {
    return this.dataSource.transaction(async (manager) => {
      const { engagement } = await this.lockToMove(manager, caller, id, 'START');
      const before = { ...engagement };
      Object.assign(engagement, { status: 'IN_DELIVERY', startedOn: this.clock.today() });
      return this.save(manager, caller, 'engagement.start', before, engagement);
    });
  }

  complete(caller: Caller, id: string): Promise<Engagement> {
    return this.dataSource.transaction(async (manager) => {
      const { engagement } = await this.lockToMove(manager, caller, id, 'COMPLETE');
      const before = { ...engagement };
      Object.assign(engagement, { status: 'COMPLETED', completedOn: this.clock.today() });
      return this.save(manager, caller, 'engagement.complete', before, engagement);
    });
  }

  async withdraw(caller: Caller, id: string, reason: string): Promise<Engagement> {
    this.check(reasonProblems('reason', reason));
    return this.dataSource.transaction(async (manager) => {
      const { engagement } = await this.lockToMove(manager, caller, id, 'WITHDRAW');
      const before = { ...engagement };
      Object.assign(engagement, {
        status: 'WITHDRAWN',
        withdrawnOn: this.clock.today(),
        withdrawalReason: reason.trim(),
      });
      return this.save(manager, caller, 'engagement.withdraw', before, engagement);
    });
  }

  /**
   * Delivery has begun: a session was recorded on these engagements, so those still APPROVED move
   * to IN_DELIVERY from the session's date, audited as a start. Runs in the recording's
   * transaction, which holds their rows locked and has allowed the caller to record on them.
   */
  async startDelivery(
    manager: EntityManager,
    caller: Caller,
    engagements: readonly Engagement[],
    startedOn: IsoDate,
  ): Promise<void> {
    for (const engagement of engagements) {
      if (nextStatus(engagement.status, 'START') === null) continue;
      const before = { ...engagement };
      Object.assign(engagement, { status: 'IN_DELIVERY', startedOn });
      await this.save(manager, caller, 'engagement.start', before, engagement);
    }
  }

  private check(problems: FieldProblem[]): void {
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }

  private async programmeToManage(caller: Caller, id: string): Promise<Programme> {
    const programme = isUuid(id)
      ? await this.dataSource.getRepository(Programme).findOneBy({ id })
      : null;
    // Another programme's manager learns nothing, not even that it exists.
    if (!programme || !mayChangeProgramme(caller, programme.id))
      throw new NotFoundError('Programme', id);
    return programme;
  }

  /**
   * Locks the engagement and checks the caller may make this move on it: NOT_FOUND where they
   * cannot see it, FORBIDDEN where they can but the move is not theirs, INVALID_TRANSITION where
   * its state does not allow the move.
   */
  private async lockToMove(
    manager: EntityManager,
    caller: Caller,
    id: string,
    move: EngagementMove,
  ): Promise<ScopedEngagement> {
    const found = isUuid(id) ? await this.repository.lock(manager, id) : null;
    const reach = found && {
      programmeId: found.engagement.programmeId,
      supplierId: found.supplierId,
      regionCode: found.regionCode,
    };
    if (!found || !reach || !canSeeEngagement(engagementScopeOf(caller), reach))
      throw new NotFoundError('Engagement', id);
    const allowed =
      move === 'START'
        ? canStartEngagement(caller, reach)
        : mayChangeProgramme(caller, reach.programmeId);
    if (!allowed)
      throw new ForbiddenError(
        move === 'START'
          ? "Only the engagement's supplier, its programme's managers or an admin may start it."
          : "Only the programme's managers or an admin may do this.",
      );
    const { status } = found.engagement;
    if (nextStatus(status, move) === null)
      throw new InvalidTransitionError(
        `This engagement is ${status}: only a ${statusesAllowing(move).join(' or ')} engagement can be ${PAST[move]}.`,
        { status, move },
      );
    return found;
  }

  private async checkContract(
    manager: EntityManager,
    contractId: string,
    engagement: Engagement,
  ): Promise<void> {
    // Held until the approval commits, so a change to the contract cannot slip in between.
    const contract = isUuid(contractId)
      ? await manager
          .getRepository(Contract)
          .findOne({ where: { id: contractId }, lock: { mode: 'pessimistic_read' } })
      : null;
    if (!contract || contract.programmeId !== engagement.programmeId)
      throw new NotFoundError('Contract', contractId);
    const lines = await manager.getRepository(LotServiceLine).findBy({ lotId: contract.lotId });
    const refusal = contractRefusal(
      { ...contract, serviceLines: lines.map((line) => line.serviceLine) },
      engagement,
    );
    if (refusal) throw BadUserInputError.forFields([{ field: 'contractId', message: refusal }]);
  }

  /** Null for lines open to every LA; else the answer the decision rests on (SPEC §5.4). */
  private async checkEligibility(
    caller: Caller,
    engagement: Engagement,
    asOf: IsoDate,
    overrideReason: string | null,
  ): Promise<EligibilitySnapshot | null> {
    if (!ELIGIBILITY_RESTRICTED.includes(engagement.serviceLine)) return null;
    const [la] = await this.localAuthorities.findByIds([engagement.localAuthorityId]);
    const [answer] = await this.eligibility.forLocalAuthorities(
      caller,
      [la as LocalAuthority],
      engagement.serviceLine,
      asOf,
    );
    if (answer instanceof Error) throw answer;
    if (!answer.eligible && overrideReason === null)
      throw new NotEligibleError(
        `${la?.name} is not eligible for ${engagement.serviceLine} as of ${asOf}: approve it with an override reason if it should have support all the same.`,
        { localAuthorityCode: la?.gssCode, asOf },
      );
    return {
      asOf,
      eligible: answer.eligible,
      basis: answer.basis,
      inspectionIds: answer.evidence.inspectionIds,
      concernIds: answer.evidence.concernIds,
    };
  }

  private async checkCap(manager: EntityManager, engagement: Engagement): Promise<void> {
    const { programmeId, serviceLine, financialYear } = engagement;
    // Approvals of this line wait here for each other, so each counts what those before it took.
    await manager
      .getRepository(ProgrammeServiceLine)
      .createQueryBuilder('line')
      .setLock('pessimistic_write')
      .where('line.programme_id = :programmeId AND line.service_line = :serviceLine', {
        programmeId,
        serviceLine,
      })
      .getOne();
    const versions = await manager
      .getRepository(ServiceLineTarget)
      .findBy({ programmeId, serviceLine, financialYear });
    const cap = capOnRecord(versions, this.clock.today());
    const counted = await this.repository.countedLocalAuthorities(
      manager,
      programmeId,
      serviceLine,
      financialYear,
    );
    if (!capAllows(cap, counted, engagement.localAuthorityId))
      throw new CapReachedError(
        `${serviceLine} has reached its cap of ${cap} local authorities for ${financialYear}.`,
        { cap, approved: counted.size },
      );
  }

  private alreadyOpen(
    la: LocalAuthority,
    input: Pick<ReferralInput, 'serviceLine' | 'financialYear'>,
    engagementId?: string,
  ): ConflictError {
    return new ConflictError(
      `${la.name} already has an open ${input.serviceLine} engagement for ${input.financialYear}.`,
      engagementId ? { engagementId } : {},
    );
  }

  private async save(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: Engagement,
    after: Engagement,
  ): Promise<Engagement> {
    const saved = await manager.getRepository(Engagement).save(after);
    await this.record(manager, caller, action, before, saved);
    return saved;
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: Engagement | null,
    after: Engagement,
  ): Promise<void> {
    return this.audit.record(manager, {
      actorUserId: caller.userId,
      action,
      entityType: 'engagement',
      entityId: after.id,
      programmeId: after.programmeId,
      before: before && auditedValues(before),
      after: auditedValues(after),
      // Engagements hold no personal data; reasons are about the LA, in a manager's words.
      personalFields: [],
    });
  }
}

const PAST: Record<EngagementMove, string> = {
  APPROVE: 'approved',
  DECLINE: 'declined',
  START: 'started',
  COMPLETE: 'completed',
  WITHDRAW: 'withdrawn',
};

function auditedValues(engagement: Engagement): Record<string, unknown> {
  const { createdAt: _created, updatedAt: _updated, ...values } = engagement;
  return values;
}

/** Why an LA cannot be referred for a year it did not exist in; null when it did. */
function inactiveReason(la: LocalAuthority, financialYear: string): string | null {
  if (!isFinancialYear(financialYear)) return null;
  const year = financialYearBounds(financialYear);
  if (la.validTo !== null && la.validTo < year.startsOn)
    return `${la.name} ended on ${la.validTo}, before ${financialYear}: refer its successor instead`;
  if (la.validFrom !== null && la.validFrom > year.endsOn)
    return `${la.name} began on ${la.validFrom}, after ${financialYear}`;
  return null;
}
