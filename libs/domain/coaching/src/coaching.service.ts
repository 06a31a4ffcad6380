import { Inject, Injectable } from '@nestjs/common';
import { canSeeEngagement, engagementScopeOf } from '@la-tracker/domain/engagements';
import type { AttendeeRole } from '@la-tracker/domain/programmes';
import { AuditWriter } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import {
  BadUserInputError,
  CapReachedError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  type FieldProblem,
} from '@la-tracker/platform/errors';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ALLOCATABLE_STATUSES,
  mayAllocateCoaching,
  maySeeCoachingOf,
} from './coaching-access.rules';
import { CoachingVariation } from './coaching-allocation.entity';
import { CoachingRepository, type CoachingEngagement } from './coaching.repository';
import {
  allocationFloorProblems,
  allocationProblems,
  overdrawMessage,
  overdrawOf,
  remainingMinutes,
  sessionDraws,
  variationProblems,
  type CoachingBalance,
} from './coaching.rules';

export interface AllocateCoachingInput {
  engagementId: string;
  role: AttendeeRole;
  minutes: number;
}

export interface CoachingVariationInput {
  engagementId: string;
  role: AttendeeRole;
  extraMinutes: number;
  reason: string;
}

/** A recorded coaching session, as it would stand once written. */
export interface CoachingSessionDraw {
  /** The session being changed, whose own minutes are not counted twice; null for a new one. */
  sessionId: string | null;
  serviceLine: string;
  durationMinutes: number;
  engagements: ReadonlyArray<{ id: string; localAuthorityId: string }>;
  attendance: ReadonlyArray<{ localAuthorityId: string; role: AttendeeRole; count: number }>;
}

const COACHING = 'COACHING_MENTORING';

/**
 * Coaching hours (SPEC §5.7): minutes allocated per leader role within a coaching engagement,
 * variations approved on top, and the sessions that draw them down. An engagement's row is locked
 * for every change, as sessions lock it when they are recorded, so two sessions racing for the
 * last hour, or an allocation cut while a session is recorded, wait for each other.
 */
@Injectable()
export class CoachingService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CoachingRepository) private readonly repository: CoachingRepository,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
  ) {}

  /**
   * Each engagement's balances by role, or FORBIDDEN for one whose allocations the caller may
   * not see (an adviser's); an engagement that does not exist has none.
   */
  async balancesOf(
    caller: Caller,
    engagementIds: readonly string[],
  ): Promise<Array<CoachingBalance[] | ForbiddenError>> {
    const ids = engagementIds.filter(isUuid);
    const [reach, balances] = await Promise.all([
      this.repository.reachOf(ids),
      this.repository.balances(ids),
    ]);
    return engagementIds.map((id) => {
      const engagement = reach.find((row) => row.id === id);
      if (engagement && !maySeeCoachingOf(caller, engagement))
        return new ForbiddenError(
          "Coaching allocations are for the programme's managers, the engagement's supplier and admins.",
        );
      return balances.filter((balance) => balance.engagementId === id);
    });
  }

  /** Sets (or replaces) a role's allocation; never below what is already used. */
  async allocate(caller: Caller, input: AllocateCoachingInput): Promise<CoachingBalance> {
    this.check([...idProblems(input.engagementId), ...allocationProblems(input)]);
    return this.dataSource.transaction(async (manager) => {
      const found = await this.lockToAllocate(manager, caller, input.engagementId);
      const before = await this.balanceOf(manager, input.engagementId, input.role);
      this.check(allocationFloorProblems(input.minutes, before));
      await this.repository.upsertAllocation(manager, {
        engagementId: input.engagementId,
        role: input.role,
        allocatedMinutes: input.minutes,
        userId: caller.userId,
      });
      const after = { ...before, allocatedMinutes: input.minutes };
      await this.audited(manager, caller, found, 'coaching.allocate', before, after);
      return after;
    });
  }

  /** Adds minutes beyond a role's allocation, approved by the programme with its reason. */
  async approveVariation(caller: Caller, input: CoachingVariationInput): Promise<CoachingBalance> {
    this.check([...idProblems(input.engagementId), ...variationProblems(input)]);
    return this.dataSource.transaction(async (manager) => {
      const found = await this.lockToAllocate(manager, caller, input.engagementId);
      const before = await this.balanceOf(manager, input.engagementId, input.role);
      await this.repository.ensureAllocation(manager, input.engagementId, input.role);
      const variation = manager.getRepository(CoachingVariation).create({
        engagementId: input.engagementId,
        role: input.role,
        extraMinutes: input.extraMinutes,
        reason: input.reason.trim(),
        approvedByUserId: caller.userId,
      });
      await manager.getRepository(CoachingVariation).insert(variation);
      const after = { ...before, variationMinutes: before.variationMinutes + input.extraMinutes };
      await this.audited(manager, caller, found, 'coaching.variation', before, after, {
        variationId: variation.id,
        extraMinutes: input.extraMinutes,
        reason: variation.reason,
      });
      return after;
    });
  }

  /**
   * Refuses, with CAP_REACHED, a recorded coaching session that would take any role past its
   * allocation and approved variations (a role with no allocation has none). Called inside the
   * session's transaction, after its engagements are locked, so what it counts stays true until
   * the session is written.
   */
  async checkDraw(manager: EntityManager, session: CoachingSessionDraw): Promise<void> {
    if (session.serviceLine !== COACHING) return;
    const engagementIds = session.engagements.map((e) => e.id);
    await this.repository.lockAllocations(manager, engagementIds);
    const balances = await this.repository.balances(engagementIds, {
      manager,
      excludingSessionId: session.sessionId,
    });
    const overdraw = overdrawOf(
      balances,
      sessionDraws(session.durationMinutes, session.engagements, session.attendance),
    );
    if (!overdraw) return;
    const name = await this.repository.localAuthorityNameOf(manager, overdraw.draw.engagementId);
    throw new CapReachedError(overdrawMessage(overdraw, name), {
      engagementId: overdraw.draw.engagementId,
      role: overdraw.draw.role,
      allocatedMinutes: overdraw.balance.allocatedMinutes,
      variationMinutes: overdraw.balance.variationMinutes,
      remainingMinutes: Math.max(remainingMinutes(overdraw.balance), 0),
      sessionMinutes: overdraw.draw.minutes,
    });
  }

  private check(problems: FieldProblem[]): void {
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }

  /**
   * Locks the engagement and checks the caller may allocate on it: NOT_FOUND where they cannot
   * see it, FORBIDDEN where they can but the decision is not theirs (its supplier's staff),
   * BAD_USER_INPUT for another service line, INVALID_TRANSITION once it is closed.
   */
  private async lockToAllocate(
    manager: EntityManager,
    caller: Caller,
    id: string,
  ): Promise<CoachingEngagement> {
    const found = await this.repository.lockEngagement(manager, id);
    const reach = found && {
      programmeId: found.engagement.programmeId,
      supplierId: found.supplierId,
      regionCode: found.regionCode,
    };
    if (!found || !reach || !canSeeEngagement(engagementScopeOf(caller), reach))
      throw new NotFoundError('Engagement', id);
    if (!mayAllocateCoaching(caller, reach))
      throw new ForbiddenError(
        "Only the programme's managers or an admin may allocate coaching hours or approve a variation.",
      );
    if (found.engagement.serviceLine !== COACHING)
      this.check([
        {
          field: 'engagementId',
          message: `is a ${found.engagement.serviceLine} engagement: hours are allocated on ${COACHING} engagements`,
        },
      ]);
    const { status } = found.engagement;
    if (!ALLOCATABLE_STATUSES.includes(status))
      throw new InvalidTransitionError(
        `This engagement is ${status}: hours are allocated on ${ALLOCATABLE_STATUSES.join(', ')} engagements.`,
        { status },
      );
    return found;
  }

  private async balanceOf(
    manager: EntityManager,
    engagementId: string,
    role: AttendeeRole,
  ): Promise<CoachingBalance> {
    const balances = await this.repository.balances([engagementId], { manager });
    return (
      balances.find((balance) => balance.role === role) ?? {
        engagementId,
        role,
        allocatedMinutes: 0,
        variationMinutes: 0,
        usedMinutes: 0,
      }
    );
  }

  private audited(
    manager: EntityManager,
    caller: Caller,
    found: CoachingEngagement,
    action: string,
    before: CoachingBalance,
    after: CoachingBalance,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(manager, {
      actorUserId: caller.userId,
      action,
      entityType: 'coaching_allocation',
      entityId: found.engagement.id,
      programmeId: found.engagement.programmeId,
      before: { ...before },
      after: { ...after, ...extra },
      // The reason is the manager's words, which may name the leader coached.
      personalFields: ['reason'],
    });
  }
}

function idProblems(id: string): FieldProblem[] {
  return isUuid(id) ? [] : [{ field: 'engagementId', message: 'is not an id' }];
}
