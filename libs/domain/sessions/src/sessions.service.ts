import { Inject, Injectable } from '@nestjs/common';
import { financialYearOf, isFinancialYear } from '@la-tracker/domain/calendar';
import { CoachingService } from '@la-tracker/domain/coaching';
import {
  canSeeEngagement,
  engagementScopeOf,
  EngagementsService,
  reasonProblems,
  type Engagement,
} from '@la-tracker/domain/engagements';
import { LocalAuthoritiesService, REGION_CODE } from '@la-tracker/domain/local-authorities';
import { NotificationRecorder } from '@la-tracker/domain/notifications';
import { Contract, ContractRate, type ServiceLine } from '@la-tracker/domain/programmes';
import { AuditWriter, type AuditValues } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  groupBy,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  type FieldProblem,
} from '@la-tracker/platform/errors';
import { TransactionRunner } from '@la-tracker/platform/queue';
import { Clock, isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { DeliverySession } from './delivery-session.entity';
import {
  canDecideSession,
  canDeliverFor,
  canSeeSession,
  canSeeSessionLocalAuthority,
  type SessionReach,
} from './session-access.rules';
import { costShares, sessionCost, unchargedReason } from './session-cost.rules';
import {
  sessionDate,
  sessionReportDeadline,
  type SessionReportDeadline,
} from './session-deadline.rules';
import { signOffNotices } from './sign-off-notice.rules';
import {
  SessionRepository,
  type AttendanceRow,
  type CostShareRow,
  type LocalAuthorityCodes,
  type ScopedSession,
} from './session.repository';
import {
  cohortProblems,
  DELIVERABLE_ENGAGEMENT_STATUSES,
  engagementIdProblems,
  nextSessionStatus,
  sessionChangeProblems,
  sessionDateProblems,
  sessionPlanProblems,
  sessionReportProblems,
  sessionStatusesAllowing,
  type AttendanceLine,
  type AttendeeRole,
  type SessionFormat,
  type SessionMove,
  type SessionStatus,
} from './session.rules';

export interface PlanSessionInput {
  engagementIds: readonly string[];
  plannedOn: IsoDate;
  topic?: string | null;
  format?: SessionFormat | null;
  durationMinutes?: number | null;
}

export interface AttendanceInput {
  /** ONS code, earlier ONS code or DfE code; may be left out when the session covers one LA. */
  localAuthorityCode?: string | null;
  role: AttendeeRole;
  count: number;
}

export interface RecordSessionInput {
  engagementIds: readonly string[];
  deliveredOn: IsoDate;
  durationMinutes: number;
  format: SessionFormat;
  topic: string;
  attendance: readonly AttendanceInput[];
  notes?: string | null;
  /** The PLANNED session this records; a session recorded without a plan when left out. */
  sessionId?: string | null;
}

/** A change to a session not yet submitted; what is left out stays as it is. */
export interface UpdateSessionInput {
  id: string;
  engagementIds?: readonly string[] | null;
  plannedOn?: IsoDate | null;
  deliveredOn?: IsoDate | null;
  durationMinutes?: number | null;
  format?: SessionFormat | null;
  topic?: string | null;
  attendance?: readonly AttendanceInput[] | null;
  notes?: string | null;
}

export interface DeliverySessionFilter {
  programmeId?: string | null;
  serviceLine?: ServiceLine | null;
  status?: readonly SessionStatus[] | null;
  regionCode?: string | null;
  localAuthorityCode?: string | null;
  supplierId?: string | null;
  financialYear?: string | null;
  engagementId?: string | null;
  /** Sessions on or after this day (delivered, else planned). */
  from?: IsoDate | null;
  to?: IsoDate | null;
}

/** The engagements a session covers, checked, and the one contract they are all under. */
interface Cohort {
  engagements: Engagement[];
  contract: Contract;
}

type Line = { localAuthorityId: string; role: AttendeeRole; count: number };

/**
 * Delivered sessions (SPEC §5.5) and their costing (§5.9). Suppliers plan, record, change and
 * submit their own sessions; the programme's managers and admins approve them, which costs them
 * once at the contract's rate and shares the cost among the LAs present, or return them with a
 * reason. Every change is one transaction with its audit entry, and a refusal writes nothing. A
 * session's row is locked for each move, so two approvals cannot cost it twice.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SessionRepository) private readonly repository: SessionRepository,
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(EngagementsService) private readonly engagements: EngagementsService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(CoachingService) private readonly coaching: CoachingService,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(NotificationRecorder) private readonly notifications: NotificationRecorder,
  ) {}

  async list(
    caller: Caller,
    filter: DeliverySessionFilter,
    request: PageRequest,
  ): Promise<Page<DeliverySession>> {
    const problems: FieldProblem[] = [];
    for (const field of ['programmeId', 'supplierId', 'engagementId'] as const) {
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
    for (const field of ['from', 'to'] as const) {
      const date = filter[field];
      if (date && !isIsoDate(date))
        problems.push({ field: `filter.${field}`, message: 'must be a date (YYYY-MM-DD)' });
    }
    if (filter.from && filter.to && filter.from > filter.to)
      problems.push({ field: 'filter.to', message: 'must not be before filter.from' });
    this.check(problems);
    const la = filter.localAuthorityCode
      ? await this.localAuthorities.get(filter.localAuthorityCode)
      : undefined;

    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [isIsoDate, isUuid]) as [string, string])
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
      engagementId: filter.engagementId ?? undefined,
      from: filter.from ?? undefined,
      to: filter.to ?? undefined,
    };
    const [rows, totalCount] = await Promise.all([
      this.repository.page(scope, query, limit + 1, after),
      this.repository.count(scope, query),
    ]);
    return toPage(rows, limit, totalCount, request.after, (s) => [sessionDate(s), s.id]);
  }

  async get(caller: Caller, id: string): Promise<DeliverySession> {
    const [found] = isUuid(id)
      ? await this.repository.findInScope(engagementScopeOf(caller), [id])
      : [];
    if (!found) throw new NotFoundError('Delivery session', id);
    return found;
  }

  /**
   * For each engagement, the sessions covering it that the caller may see, the latest first: at
   * most `first` of each when given (1 to 100), else all.
   */
  async ofEngagements(
    caller: Caller,
    engagementIds: readonly string[],
    first?: number | null,
  ): Promise<DeliverySession[][]> {
    const limit = first === undefined || first === null ? undefined : pageSize(first);
    const scope = engagementScopeOf(caller);
    const links = await this.repository.latestOfEngagements(scope, engagementIds, limit);
    const sessions = await this.repository.findInScope(scope, [
      ...new Set(links.map((link) => link.sessionId)),
    ]);
    const byId = new Map(sessions.map((session) => [session.id, session]));
    const byEngagement = groupBy(links, (link) => link.engagementId);
    return engagementIds.map((id) =>
      (byEngagement.get(id) ?? []).flatMap((link) => byId.get(link.sessionId) ?? []),
    );
  }

  /** For each session, the engagements it covers, as far as the caller may see them. */
  async engagementsOf(caller: Caller, sessionIds: readonly string[]): Promise<Engagement[][]> {
    const links = await this.repository.links('sessionId', sessionIds);
    const found = await this.engagements.findByIds(caller, [
      ...new Set(links.map((link) => link.engagementId)),
    ]);
    const byId = new Map(
      found.flatMap((engagement) => (engagement ? [[engagement.id, engagement]] : [])),
    );
    return sessionIds.map((id) =>
      links.flatMap((link) => {
        const engagement = link.sessionId === id ? byId.get(link.engagementId) : undefined;
        return engagement ? [engagement] : [];
      }),
    );
  }

  /**
   * For each session, its attendance: every LA's for those who see the whole session, only their
   * regions' LAs for an adviser.
   */
  async attendanceOf(caller: Caller, sessionIds: readonly string[]): Promise<AttendanceRow[][]> {
    return this.visibleByLocalAuthority(
      caller,
      sessionIds,
      await this.repository.attendanceOf(sessionIds),
    );
  }

  /** For each session, its cost shares by LA (none until approved), seen as its attendance is. */
  async costSharesOf(caller: Caller, sessionIds: readonly string[]): Promise<CostShareRow[][]> {
    return this.visibleByLocalAuthority(
      caller,
      sessionIds,
      await this.repository.costSharesOf(sessionIds),
    );
  }

  /** When the session's report is due, and whether it is overdue today (SPEC §5.5). */
  deadlineOf(session: DeliverySession): SessionReportDeadline {
    return sessionReportDeadline(session, this.clock.today());
  }

  /** Why an approved session costs nothing, when it does; null for any other. */
  noChargeReason(session: DeliverySession): string | null {
    return session.status === 'APPROVED' ? unchargedReason(session.rateUnit) : null;
  }

  async planSession(caller: Caller, input: PlanSessionInput): Promise<DeliverySession> {
    this.check([...engagementIdProblems(input.engagementIds), ...sessionPlanProblems(input)]);
    return this.dataSource.transaction(async (manager) => {
      const cohort = await this.cohortOf(manager, caller, input.engagementIds);
      this.check(sessionDateProblems('plannedOn', input.plannedOn, cohort.contract));
      const sessions = manager.getRepository(DeliverySession);
      const session = sessions.create({
        ...underContract(cohort),
        status: 'PLANNED',
        plannedOn: input.plannedOn,
        financialYear: financialYearOf(input.plannedOn),
        durationMinutes: input.durationMinutes ?? null,
        format: input.format ?? null,
        topic: input.topic?.trim() ?? null,
      });
      await sessions.insert(session);
      await this.repository.replaceLinks(manager, session.id, input.engagementIds);
      const planned = await sessions.findOneByOrFail({ id: session.id });
      await this.audited(manager, caller, 'session.plan', null, planned, {
        engagementIds: input.engagementIds,
        attendance: [],
      });
      return planned;
    });
  }

  /**
   * A delivered session's report, as a DRAFT: a new session, or the recording of a PLANNED one.
   * Engagements still APPROVED move to IN_DELIVERY: their delivery has begun.
   */
  async recordSession(caller: Caller, input: RecordSessionInput): Promise<DeliverySession> {
    const today = this.clock.today();
    this.check(engagementIdProblems(input.engagementIds));
    return this.dataSource.transaction((manager) => this.recordIn(manager, caller, input, today));
  }

  /**
   * `recordSession` within a transaction already under way (a bulk import records many in one),
   * with the supplier's own reference for the session when it has one.
   */
  async recordIn(
    manager: EntityManager,
    caller: Caller,
    input: RecordSessionInput & { supplierReference?: string | null },
    today: IsoDate,
  ): Promise<DeliverySession> {
    this.check(engagementIdProblems(input.engagementIds));
    const plan = input.sessionId
      ? await this.lockToMove(manager, caller, input.sessionId, 'RECORD')
      : null;
    const before = plan && (await this.withCohort(manager, plan.session)).values;
    const cohort = await this.cohortOf(manager, caller, input.engagementIds);
    const attendance = this.checkReport(
      cohort,
      { ...input, attendance: await this.resolveAttendance(manager, cohort, input.attendance) },
      today,
    );
    await this.checkCoachingDraw(manager, plan?.session.id ?? null, cohort, {
      durationMinutes: input.durationMinutes,
      attendance,
    });
    const sessions = manager.getRepository(DeliverySession);
    const report = {
      ...underContract(cohort),
      status: 'DRAFT' as const,
      deliveredOn: input.deliveredOn,
      financialYear: financialYearOf(input.deliveredOn),
      durationMinutes: input.durationMinutes,
      format: input.format,
      topic: input.topic.trim(),
      notes: input.notes?.trim() || null,
      ...(input.supplierReference ? { supplierReference: input.supplierReference } : {}),
    };
    let id: string;
    if (plan) {
      await sessions.save(Object.assign(plan.session, report));
      id = plan.session.id;
    } else {
      const session = sessions.create(report);
      await sessions.insert(session);
      id = session.id;
    }
    await this.repository.replaceLinks(manager, id, input.engagementIds);
    await this.repository.replaceAttendance(manager, id, attendance);
    await this.engagements.startDelivery(manager, caller, cohort.engagements, input.deliveredOn);
    const recorded = await sessions.findOneByOrFail({ id });
    await this.audited(manager, caller, 'session.record', before, recorded, {
      engagementIds: input.engagementIds,
      attendance,
    });
    return recorded;
  }

  /** Changes a session while it is PLANNED, DRAFT or RETURNED; it keeps its state. */
  async updateSession(caller: Caller, input: UpdateSessionInput): Promise<DeliverySession> {
    const today = this.clock.today();
    if (input.engagementIds) this.check(engagementIdProblems(input.engagementIds));
    return this.dataSource.transaction(async (manager) => {
      const { session } = await this.lockToMove(manager, caller, input.id, 'UPDATE');
      const given = Object.entries(input)
        .filter(([field, value]) => field !== 'id' && value !== undefined && value !== null)
        .map(([field]) => field);
      this.check(sessionChangeProblems(session.status, given));
      const before = await this.withCohort(manager, session);
      const engagementIds = input.engagementIds ?? before.engagementIds;
      // Engagements it already covers stay, whatever their state now; new ones must be open to delivery.
      const cohort = await this.cohortOf(manager, caller, engagementIds, before.engagementIds);
      let attendance: Line[] = [];
      if (session.status === 'PLANNED') {
        const plan = {
          // A plan's date is its planned one.
          plannedOn: input.plannedOn ?? sessionDate(session),
          topic: input.topic ?? session.topic,
          format: input.format ?? session.format,
          durationMinutes: input.durationMinutes ?? session.durationMinutes,
        };
        this.check([
          ...sessionPlanProblems(plan),
          ...sessionDateProblems('plannedOn', plan.plannedOn, cohort.contract),
        ]);
        Object.assign(session, underContract(cohort), plan, {
          topic: plan.topic?.trim() ?? null,
          financialYear: financialYearOf(plan.plannedOn),
        });
      } else {
        const current = reportOf(session);
        const report = {
          deliveredOn: input.deliveredOn ?? current.deliveredOn,
          durationMinutes: input.durationMinutes ?? current.durationMinutes,
          format: input.format ?? current.format,
          topic: input.topic ?? current.topic,
          notes: input.notes ?? current.notes,
        };
        attendance = this.checkReport(
          cohort,
          {
            ...report,
            attendance: input.attendance
              ? await this.resolveAttendance(manager, cohort, input.attendance)
              : before.attendance,
          },
          today,
        );
        await this.checkCoachingDraw(manager, session.id, cohort, {
          durationMinutes: report.durationMinutes,
          attendance,
        });
        Object.assign(session, underContract(cohort), report, {
          topic: report.topic.trim(),
          notes: report.notes?.trim() || null,
          financialYear: financialYearOf(report.deliveredOn),
        });
        await this.repository.replaceAttendance(manager, session.id, attendance);
        await this.engagements.startDelivery(
          manager,
          caller,
          cohort.engagements,
          report.deliveredOn,
        );
      }
      const saved = await manager.getRepository(DeliverySession).save(session);
      await this.repository.replaceLinks(manager, session.id, engagementIds);
      await this.audited(manager, caller, 'session.update', before.values, saved, {
        engagementIds,
        attendance,
      });
      return saved;
    });
  }

  submitSession(caller: Caller, id: string): Promise<DeliverySession> {
    return this.transactions.run((manager) => this.submitIn(manager, caller, id));
  }

  /**
   * `submitSession` within a transaction already under way (run it through `TransactionRunner`):
   * the programme's managers are told, in the same transaction, that it awaits their sign-off.
   */
  async submitIn(manager: EntityManager, caller: Caller, id: string): Promise<DeliverySession> {
    const { session } = await this.lockToMove(manager, caller, id, 'SUBMIT');
    const before = sessionValues(session);
    const submittedAt = this.clock.now();
    Object.assign(session, {
      status: 'SUBMITTED',
      submittedAt,
      submittedByUserId: caller.userId,
    });
    const saved = await manager.getRepository(DeliverySession).save(session);
    await this.audited(manager, caller, 'session.submit', before, saved);
    const parties = await this.repository.signOffParties(manager, saved);
    await this.notifications.record(
      manager,
      signOffNotices(
        {
          id: saved.id,
          programmeId: saved.programmeId,
          deliveredOn: reportOf(saved).deliveredOn,
          submittedAt,
          localAuthorityNames: parties.localAuthorityNames,
        },
        parties.managerUserIds,
      ),
    );
    return saved;
  }

  /**
   * Approves a submitted session and costs it, once: at the contract's rate for its line as it
   * stands now, kept with the session, and shared among the LAs present by headcount.
   */
  approveSession(caller: Caller, id: string): Promise<DeliverySession> {
    return this.dataSource.transaction(async (manager) => {
      const { session } = await this.lockToMove(manager, caller, id, 'APPROVE');
      const before = sessionValues(session);
      const rate = await manager
        .getRepository(ContractRate)
        .findOneBy({ contractId: session.contractId, serviceLine: session.serviceLine });
      const attendance = await this.repository.attendanceOf([session.id], manager);
      const cost = sessionCost(rate && { unit: rate.unit, amountPence: rate.amountPence }, {
        durationMinutes: reportOf(session).durationMinutes,
        headcount: attendance.reduce((sum, line) => sum + line.count, 0),
      });
      const shares = costShares(cost.pence, attendance);
      Object.assign(session, {
        status: 'APPROVED',
        approvedAt: this.clock.now(),
        approvedByUserId: caller.userId,
        costPence: cost.pence,
        rateUnit: cost.rate?.unit ?? null,
        rateAmountPence: cost.rate?.amountPence ?? null,
      });
      const saved = await manager.getRepository(DeliverySession).save(session);
      await this.repository.insertCostShares(manager, session.id, shares);
      await this.audited(manager, caller, 'session.approve', before, saved, { costShares: shares });
      return saved;
    });
  }

  /** Sends a submitted session back to its supplier with the reason; they change and resubmit it. */
  async returnSession(caller: Caller, id: string, reason: string): Promise<DeliverySession> {
    this.check(reasonProblems('reason', reason));
    return this.dataSource.transaction(async (manager) => {
      const { session } = await this.lockToMove(manager, caller, id, 'RETURN');
      const before = sessionValues(session);
      Object.assign(session, {
        status: 'RETURNED',
        returnReason: reason.trim(),
        returnedAt: this.clock.now(),
        returnedByUserId: caller.userId,
      });
      const saved = await manager.getRepository(DeliverySession).save(session);
      await this.audited(manager, caller, 'session.return', before, saved);
      return saved;
    });
  }

  private check(problems: FieldProblem[]): void {
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }

  /**
   * Locks the session and checks the caller may make this move on it: NOT_FOUND where they cannot
   * see it, FORBIDDEN where they can but the move is not theirs, INVALID_TRANSITION where its
   * state does not allow the move.
   */
  private async lockToMove(
    manager: EntityManager,
    caller: Caller,
    id: string,
    move: SessionMove,
  ): Promise<ScopedSession> {
    const found = isUuid(id) ? await this.repository.lock(manager, id) : null;
    if (!found || !canSeeSession(engagementScopeOf(caller), reachOf(found)))
      throw new NotFoundError('Delivery session', id);
    const deciding = move === 'APPROVE' || move === 'RETURN';
    const allowed = deciding
      ? canDecideSession(caller, found.session)
      : canDeliverFor(caller, found.session.supplierId);
    if (!allowed)
      throw new ForbiddenError(
        deciding
          ? "Only the programme's managers or an admin may approve or return a session, never its supplier."
          : "Only the session's supplier may plan, record, change or submit it.",
      );
    const { status } = found.session;
    if (nextSessionStatus(status, move) === null)
      throw new InvalidTransitionError(
        `This session is ${status}: only a ${sessionStatusesAllowing(move).join(' or ')} session can be ${PAST[move]}.`,
        { status, move },
      );
    return found;
  }

  /**
   * Locks the engagements a session is to cover and checks the caller may deliver on them:
   * NOT_FOUND for one they cannot see (another supplier's, say), FORBIDDEN unless they are staff of
   * its contract's supplier, INVALID_TRANSITION for one not APPROVED or IN_DELIVERY (unless the
   * session already covers it), BAD_USER_INPUT for engagements that cannot share a session.
   *
   * A state that refuses delivery is INVALID_TRANSITION rather than BAD_USER_INPUT: the request is
   * well formed and names engagements the caller may deliver on; their state is what refuses it,
   * as it refuses a move the engagement workflow does not allow, and it may change.
   */
  private async cohortOf(
    manager: EntityManager,
    caller: Caller,
    ids: readonly string[],
    covered: readonly string[] = [],
  ): Promise<Cohort> {
    const found = await this.repository.lockEngagements(manager, ids.filter(isUuid));
    const scope = engagementScopeOf(caller);
    for (const id of ids) {
      const row = found.find((candidate) => candidate.engagement.id === id);
      if (
        !row ||
        !canSeeEngagement(scope, {
          programmeId: row.engagement.programmeId,
          supplierId: row.supplierId,
          regionCode: row.regionCode,
        })
      )
        throw new NotFoundError('Engagement', id);
    }
    for (const { supplierId } of found)
      if (supplierId === null || !canDeliverFor(caller, supplierId))
        throw new ForbiddenError("Only the engagement's supplier may record delivery on it.");
    for (const { engagement } of found)
      if (
        !covered.includes(engagement.id) &&
        !DELIVERABLE_ENGAGEMENT_STATUSES.includes(engagement.status)
      )
        throw new InvalidTransitionError(
          `Engagement ${engagement.id} is ${engagement.status}: sessions are for ${DELIVERABLE_ENGAGEMENT_STATUSES.join(' or ')} engagements.`,
          { engagementId: engagement.id, status: engagement.status },
        );
    const engagements = found.map((row) => row.engagement);
    this.check(cohortProblems(engagements));
    const contract = await manager
      .getRepository(Contract)
      .findOneByOrFail({ id: engagements[0].contractId as string });
    return { engagements, contract };
  }

  /**
   * Attendance given by LA code, with the LA found among the cohort's. A code that is none of
   * theirs is kept as written: no LA has it for an id, so the report's rules refuse it.
   */
  private async resolveAttendance(
    manager: EntityManager,
    cohort: Cohort,
    attendance: readonly AttendanceInput[],
  ): Promise<AttendanceLine[]> {
    const codes: LocalAuthorityCodes[] = attendance.some((line) => line.localAuthorityCode)
      ? await this.repository.localAuthorityCodes(
          manager,
          cohort.engagements.map((engagement) => engagement.localAuthorityId),
        )
      : [];
    return attendance.map((line) => {
      const code = line.localAuthorityCode?.trim().toUpperCase();
      return {
        localAuthorityId: code ? (codes.find((la) => la.codes.includes(code))?.id ?? code) : null,
        role: line.role,
        count: line.count,
      };
    });
  }

  /** Checks a report of a delivered session; its attendance with every LA named. */
  private checkReport(
    cohort: Cohort,
    report: {
      deliveredOn: IsoDate;
      durationMinutes: number;
      format: SessionFormat;
      topic: string;
      notes?: string | null;
      attendance: readonly AttendanceLine[];
    },
    today: IsoDate,
  ): Line[] {
    const las = cohort.engagements.map((engagement) => engagement.localAuthorityId);
    this.check([
      ...sessionReportProblems(report, las, today),
      ...(isIsoDate(report.deliveredOn)
        ? sessionDateProblems('deliveredOn', report.deliveredOn, cohort.contract)
        : []),
    ]);
    return report.attendance.map((line) => ({
      ...line,
      localAuthorityId: line.localAuthorityId ?? las[0],
    }));
  }

  /** A recorded coaching session draws on its LAs' allocated hours (SPEC §5.7). */
  private checkCoachingDraw(
    manager: EntityManager,
    sessionId: string | null,
    cohort: Cohort,
    report: { durationMinutes: number; attendance: readonly Line[] },
  ): Promise<void> {
    return this.coaching.checkDraw(manager, {
      sessionId,
      serviceLine: cohort.engagements[0].serviceLine,
      engagements: cohort.engagements,
      ...report,
    });
  }

  /** A session's values with the engagements it covers and its attendance, for the audit log. */
  private async withCohort(
    manager: EntityManager,
    session: DeliverySession,
  ): Promise<{ values: AuditValues; engagementIds: string[]; attendance: Line[] }> {
    const links = await this.repository.links('sessionId', [session.id], manager);
    const engagementIds = links.map((link) => link.engagementId);
    const attendance = (await this.repository.attendanceOf([session.id], manager)).map(
      ({ localAuthorityId, role, count }) => ({ localAuthorityId, role, count }),
    );
    return {
      values: { ...sessionValues(session), engagementIds, attendance },
      engagementIds,
      attendance,
    };
  }

  private visibleByLocalAuthority<T extends AttendanceRow | CostShareRow>(
    caller: Caller,
    sessionIds: readonly string[],
    rows: readonly T[],
  ): T[][] {
    const scope = engagementScopeOf(caller);
    const visible = rows.filter((row) => canSeeSessionLocalAuthority(scope, row, row.regionCode));
    return sessionIds.map((id) => visible.filter((row) => row.sessionId === id));
  }

  private audited(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: AuditValues | null,
    after: DeliverySession,
    extra: AuditValues = {},
  ): Promise<void> {
    return this.audit.record(manager, {
      actorUserId: caller.userId,
      action,
      entityType: 'delivery_session',
      entityId: after.id,
      programmeId: after.programmeId,
      before,
      after: { ...sessionValues(after), ...extra },
      // Notes are free text that may name the people present: the log says they changed, not how.
      personalFields: ['notes'],
    });
  }
}

const PAST: Record<SessionMove, string> = {
  RECORD: 'recorded',
  UPDATE: 'changed',
  SUBMIT: 'submitted',
  APPROVE: 'approved',
  RETURN: 'returned',
};

/** What a session takes from the engagements it covers: their programme, line and contract. */
function underContract(cohort: Cohort) {
  return {
    programmeId: cohort.contract.programmeId,
    serviceLine: cohort.engagements[0].serviceLine,
    supplierId: cohort.contract.supplierId,
    contractId: cohort.contract.id,
  };
}

/** A recorded session's report as it stands; the table's checks hold every recorded session to one. */
function reportOf(session: DeliverySession) {
  const { deliveredOn, durationMinutes, format, topic, notes } = session;
  if (deliveredOn === null || durationMinutes === null || format === null || topic === null)
    throw new Error(`Session ${session.id} is ${session.status} without its report.`);
  return { deliveredOn, durationMinutes, format, topic, notes };
}

function reachOf({ session, regionCodes }: ScopedSession): SessionReach {
  return { programmeId: session.programmeId, supplierId: session.supplierId, regionCodes };
}

function sessionValues(session: DeliverySession): AuditValues {
  const { createdAt: _created, updatedAt: _updated, ...values } = session;
  return values;
}
