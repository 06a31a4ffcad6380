import { Inject, Injectable } from '@nestjs/common';
import { isFinancialYear } from '@la-tracker/domain/calendar';
import {
  canSeeEngagement,
  engagementScopeOf,
  EngagementsService,
  type Engagement,
  type EngagementStatus,
} from '@la-tracker/domain/engagements';
import { LocalAuthoritiesService, REGION_CODE } from '@la-tracker/domain/local-authorities';
import {
  Contract,
  ContractRate,
  ProgrammesService,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { AuditWriter, type AuditValues } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  isUniqueViolation,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  type FieldProblem,
} from '@la-tracker/platform/errors';
import { Clock, isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { canCarryOut, canSeeDiagnostic } from './diagnostic-access.rules';
import { diagnosticUnchargedReason, settleFinalReport } from './diagnostic-cost.rules';
import { Diagnostic, DiagnosticFinding, DiagnosticRecommendation } from './diagnostic.entity';
import { DiagnosticRepository } from './diagnostic.repository';
import {
  contractDateProblems,
  deliveryStartDate,
  diagnosticsProgress,
  diagnosticStatusAllowing,
  isReportOpen,
  moveDateProblems,
  nextDiagnosticStatus,
  ratingProblems,
  ratingsByPrinciple,
  recommendationChangeProblems,
  recommendationProblems,
  stepBefore,
  unratedPrinciples,
  type CorporateParentingPrinciple,
  type DiagnosticMove,
  type DiagnosticsProgress,
  type DiagnosticStatus,
  type ImprovementEnabler,
  type PrincipleRatings,
  type RagRating,
  type RecommendationOwnerRole,
  type RecommendationStatus,
} from './diagnostic.rules';

export const DIAGNOSTIC_SERVICE_LINE: ServiceLine = 'CORPORATE_PARENTING_DIAGNOSTIC';

/** Engagements a diagnostic may be planned on: approved, or already in delivery. */
const PLANNABLE: readonly EngagementStatus[] = ['APPROVED', 'IN_DELIVERY'];

export interface PlanDiagnosticInput {
  engagementId: string;
  /** The day fieldwork is planned to begin; any day within the contract. */
  plannedOn: IsoDate;
}

export interface DiagnosticFilter {
  programmeId?: string | null;
  financialYear?: string | null;
  regionCode?: string | null;
  localAuthorityCode?: string | null;
  supplierId?: string | null;
  status?: readonly DiagnosticStatus[] | null;
}

export interface RateDiagnosticPrincipleInput {
  diagnosticId: string;
  principle: CorporateParentingPrinciple;
  rating: RagRating;
  commentary: string;
}

export interface AddDiagnosticRecommendationInput {
  diagnosticId: string;
  text: string;
  ownerRole: RecommendationOwnerRole;
  dueOn: IsoDate;
  enabler: ImprovementEnabler;
  /** OPEN when left out. */
  status?: RecommendationStatus | null;
}

/** A change to a recommendation; what is left out stays as it is. */
export interface UpdateDiagnosticRecommendationInput {
  id: string;
  text?: string | null;
  ownerRole?: RecommendationOwnerRole | null;
  dueOn?: IsoDate | null;
  enabler?: ImprovementEnabler | null;
  status?: RecommendationStatus | null;
}

/**
 * Corporate parenting diagnostics (SPEC §5.6) and their costing (§5.9). The supplier of the
 * engagement plans the diagnostic, moves it through fieldwork and its draft to the final report,
 * rates the seven principles and writes the recommendations; everyone who sees the engagement
 * reads it. The final report costs it once at the contract's rate and sets its follow-up review.
 * Every change is one transaction with its audit entry, under a lock on the diagnostic's row, and
 * a refusal writes nothing.
 */
@Injectable()
export class DiagnosticsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DiagnosticRepository) private readonly repository: DiagnosticRepository,
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(EngagementsService) private readonly engagements: EngagementsService,
    @Inject(ProgrammesService) private readonly programmes: ProgrammesService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(
    caller: Caller,
    filter: DiagnosticFilter,
    request: PageRequest,
  ): Promise<Page<Diagnostic>> {
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
    this.check(problems);
    const la = filter.localAuthorityCode
      ? await this.localAuthorities.get(filter.localAuthorityCode)
      : undefined;

    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [isFinancialYear, isIsoDate, isUuid]) as [
          string,
          string,
          string,
        ])
      : undefined;
    const scope = engagementScopeOf(caller);
    const query = {
      programmeId: filter.programmeId ?? undefined,
      financialYear: filter.financialYear ?? undefined,
      regionCode: filter.regionCode ?? undefined,
      localAuthorityId: la?.id,
      supplierId: filter.supplierId ?? undefined,
      statuses: filter.status ?? undefined,
    };
    const [rows, totalCount] = await Promise.all([
      this.repository.page(scope, query, limit + 1, after),
      this.repository.count(scope, query),
    ]);
    return toPage(rows, limit, totalCount, request.after, (d) => [
      d.financialYear,
      d.plannedOn,
      d.id,
    ]);
  }

  async get(caller: Caller, id: string): Promise<Diagnostic> {
    const [found] = isUuid(id)
      ? await this.repository.findInScope(engagementScopeOf(caller), [id])
      : [];
    if (!found) throw new NotFoundError('Diagnostic', id);
    return found;
  }

  /** For each engagement, its diagnostic if it has one the caller may see. */
  async ofEngagements(
    caller: Caller,
    engagementIds: readonly string[],
  ): Promise<Array<Diagnostic | null>> {
    const found = await this.repository.ofEngagementsInScope(
      engagementScopeOf(caller),
      engagementIds.filter(isUuid),
    );
    return engagementIds.map((id) => found.find((d) => d.engagementId === id) ?? null);
  }

  /** For each diagnostic the caller was given, its findings in the Act's order of principles. */
  async findingsOf(diagnosticIds: readonly string[]): Promise<DiagnosticFinding[][]> {
    const findings = await this.repository.findingsOf(diagnosticIds);
    return diagnosticIds.map((id) => findings.filter((finding) => finding.diagnosticId === id));
  }

  /** For each diagnostic the caller was given, its recommendations, soonest due first. */
  async recommendationsOf(diagnosticIds: readonly string[]): Promise<DiagnosticRecommendation[][]> {
    const recommendations = await this.repository.recommendationsOf(diagnosticIds);
    return diagnosticIds.map((id) => recommendations.filter((r) => r.diagnosticId === id));
  }

  /** Why a diagnostic's final report cost nothing, when it did; null for any other. */
  noChargeReason(diagnostic: Diagnostic): string | null {
    return diagnostic.status === 'FINAL_REPORT'
      ? diagnosticUnchargedReason(diagnostic.rateUnit)
      : null;
  }

  /**
   * A programme's diagnostics of a financial year (their engagements' year) against the target in
   * force today for the diagnostic line, counting those the caller may see.
   */
  async progress(
    caller: Caller,
    programmeId: string,
    financialYear: string,
  ): Promise<DiagnosticsProgress> {
    this.check(yearProblems(financialYear));
    const programme = await this.programmes.get(caller, programmeId);
    const [versions] = await this.programmes.targetsOf([programme.id]);
    const [inForce] = this.programmes.targetsInForce(
      versions.filter(
        (version) =>
          version.serviceLine === DIAGNOSTIC_SERVICE_LINE &&
          version.financialYear === financialYear,
      ),
    );
    const counts = await this.repository.countByStatus(engagementScopeOf(caller), {
      programmeId: programme.id,
      financialYear,
    });
    return diagnosticsProgress(counts, inForce?.target ?? null);
  }

  /**
   * The national view: for each principle, how many LAs' final reports of the year rated it red,
   * amber or green, over the diagnostics the caller may see. Drafts are left out: their ratings
   * may still change.
   */
  async ratings(
    caller: Caller,
    programmeId: string,
    financialYear: string,
  ): Promise<PrincipleRatings[]> {
    this.check(yearProblems(financialYear));
    const programme = await this.programmes.get(caller, programmeId);
    return ratingsByPrinciple(
      await this.repository.ratingCounts(engagementScopeOf(caller), {
        programmeId: programme.id,
        financialYear,
        statuses: ['FINAL_REPORT'],
      }),
    );
  }

  /**
   * Plans the diagnostic of an engagement of the diagnostic line: PLANNED. An engagement still
   * APPROVED moves to IN_DELIVERY, as it does with its first session. An LA has at most one
   * diagnostic a year in a programme: a second is CONFLICT, however many race.
   */
  async plan(caller: Caller, input: PlanDiagnosticInput): Promise<Diagnostic> {
    const today = this.clock.today();
    if (!isIsoDate(input.plannedOn))
      this.check([{ field: 'plannedOn', message: 'must be a date (YYYY-MM-DD)' }]);
    return this.dataSource.transaction(async (manager) => {
      const engagement = await this.engagementToPlanOn(manager, caller, input.engagementId);
      const contract = await manager
        .getRepository(Contract)
        .findOneByOrFail({ id: engagement.contractId as string });
      this.check(contractDateProblems('plannedOn', input.plannedOn, contract));
      const diagnostics = manager.getRepository(Diagnostic);
      const key = {
        programmeId: engagement.programmeId,
        localAuthorityId: engagement.localAuthorityId,
        financialYear: engagement.financialYear,
      };
      const existing = await diagnostics.findOneBy(key);
      if (existing) throw alreadyPlanned(engagement, existing.id);
      const diagnostic = diagnostics.create({
        ...key,
        serviceLine: DIAGNOSTIC_SERVICE_LINE,
        engagementId: engagement.id,
        supplierId: contract.supplierId,
        contractId: contract.id,
        status: 'PLANNED',
        plannedOn: input.plannedOn,
        plannedByUserId: caller.userId,
      });
      try {
        await diagnostics.insert(diagnostic);
      } catch (error) {
        // A plan for another engagement of the same LA and year got there first.
        if (isUniqueViolation(error)) throw alreadyPlanned(engagement);
        throw error;
      }
      await this.engagements.startDelivery(
        manager,
        caller,
        [engagement],
        deliveryStartDate(input.plannedOn, today),
      );
      const planned = await diagnostics.findOneByOrFail({ id: diagnostic.id });
      await this.audited(manager, caller, 'diagnostic.plan', null, planned);
      return planned;
    });
  }

  startFieldwork(caller: Caller, id: string, startedOn?: IsoDate | null): Promise<Diagnostic> {
    return this.move(caller, id, 'START_FIELDWORK', 'startedOn', startedOn);
  }

  submitDraftReport(caller: Caller, id: string, submittedOn?: IsoDate | null): Promise<Diagnostic> {
    return this.move(caller, id, 'SUBMIT_DRAFT_REPORT', 'submittedOn', submittedOn);
  }

  /**
   * Issues the final report, once every principle is rated: costed once at the contract's rate
   * for the line, in the year of the report, with its follow-up review due 6 months on.
   */
  issueFinalReport(caller: Caller, id: string, issuedOn?: IsoDate | null): Promise<Diagnostic> {
    return this.move(caller, id, 'ISSUE_FINAL_REPORT', 'issuedOn', issuedOn);
  }

  /** Rates one principle, or rates it again, until the final report is issued. */
  async ratePrinciple(caller: Caller, input: RateDiagnosticPrincipleInput): Promise<Diagnostic> {
    this.check(ratingProblems(input));
    return this.dataSource.transaction(async (manager) => {
      const diagnostic = await this.lockToChange(manager, caller, input.diagnosticId);
      this.checkReportOpen(diagnostic, 'rated');
      const findings = manager.getRepository(DiagnosticFinding);
      const key = { diagnosticId: diagnostic.id, principle: input.principle };
      const previous = await findings.findOneBy(key);
      const finding = { ...key, rating: input.rating, commentary: input.commentary.trim() };
      if (previous) await findings.update(key, finding);
      else await findings.insert(finding);
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'diagnostic.rate',
        entityType: 'diagnostic',
        entityId: diagnostic.id,
        programmeId: diagnostic.programmeId,
        before: previous && findingValues(previous),
        after: findingValues(finding),
        // Commentary is free text that may name people: the log says it changed, not how.
        personalFields: ['commentary'],
      });
      return diagnostic;
    });
  }

  /** Adds a recommendation, until the final report is issued: OPEN unless told otherwise. */
  async addRecommendation(
    caller: Caller,
    input: AddDiagnosticRecommendationInput,
  ): Promise<DiagnosticRecommendation> {
    this.check(recommendationProblems(input));
    return this.dataSource.transaction(async (manager) => {
      const diagnostic = await this.lockToChange(manager, caller, input.diagnosticId);
      this.checkReportOpen(diagnostic, 'given recommendations');
      const recommendations = manager.getRepository(DiagnosticRecommendation);
      const recommendation = recommendations.create({
        diagnosticId: diagnostic.id,
        text: input.text.trim(),
        ownerRole: input.ownerRole,
        dueOn: input.dueOn,
        enabler: input.enabler,
        status: input.status ?? 'OPEN',
      });
      await recommendations.insert(recommendation);
      const added = await recommendations.findOneByOrFail({ id: recommendation.id });
      await this.auditedRecommendation(manager, caller, diagnostic, null, added);
      return added;
    });
  }

  /**
   * Changes a recommendation. Once the final report is issued only its status moves (the follow-up
   * review tracks it); the rest stands as the report wrote it.
   */
  async updateRecommendation(
    caller: Caller,
    input: UpdateDiagnosticRecommendationInput,
  ): Promise<DiagnosticRecommendation> {
    this.check(recommendationProblems(input));
    const given = Object.entries(input)
      .filter(([field, value]) => field !== 'id' && value !== undefined && value !== null)
      .map(([field]) => field);
    const found = isUuid(input.id)
      ? await this.dataSource.getRepository(DiagnosticRecommendation).findOneBy({ id: input.id })
      : null;
    if (!found) throw new NotFoundError('Diagnostic recommendation', input.id);
    return this.dataSource.transaction(async (manager) => {
      const diagnostic = await this.lockToChange(manager, caller, found.diagnosticId, {
        what: 'Diagnostic recommendation',
        key: input.id,
      });
      this.check(recommendationChangeProblems(diagnostic.status, given));
      const recommendations = manager.getRepository(DiagnosticRecommendation);
      // Read again under the diagnostic's lock, which every change to its recommendations takes.
      const recommendation = await recommendations.findOneByOrFail({ id: input.id });
      const before = recommendationValues(recommendation);
      Object.assign(recommendation, {
        text: input.text?.trim() ?? recommendation.text,
        ownerRole: input.ownerRole ?? recommendation.ownerRole,
        dueOn: input.dueOn ?? recommendation.dueOn,
        enabler: input.enabler ?? recommendation.enabler,
        status: input.status ?? recommendation.status,
      });
      const saved = await recommendations.save(recommendation);
      await this.auditedRecommendation(manager, caller, diagnostic, before, saved);
      return saved;
    });
  }

  private check(problems: FieldProblem[]): void {
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }

  private move(
    caller: Caller,
    id: string,
    move: DiagnosticMove,
    field: string,
    date: IsoDate | null | undefined,
  ): Promise<Diagnostic> {
    const today = this.clock.today();
    const on = date ?? today;
    return this.dataSource.transaction(async (manager) => {
      const diagnostic = await this.lockToChange(manager, caller, id);
      const next = nextDiagnosticStatus(diagnostic.status, move);
      if (next === null)
        throw new InvalidTransitionError(
          `This diagnostic is ${diagnostic.status}: only a ${diagnosticStatusAllowing(move)} diagnostic can ${MOVE_WORDS[move]}.`,
          { status: diagnostic.status, move },
        );
      const contract = await manager
        .getRepository(Contract)
        .findOneByOrFail({ id: diagnostic.contractId });
      this.check(
        moveDateProblems(field, on, { today, previous: stepBefore(move, diagnostic), contract }),
      );
      const before = diagnosticValues(diagnostic);
      switch (move) {
        case 'START_FIELDWORK':
          Object.assign(diagnostic, { status: next, fieldworkStartedOn: on });
          break;
        case 'SUBMIT_DRAFT_REPORT':
          Object.assign(diagnostic, { status: next, draftReportOn: on });
          break;
        case 'ISSUE_FINAL_REPORT': {
          const findings = await this.repository.findingsOf([diagnostic.id], manager);
          const unrated = unratedPrinciples(findings.map((finding) => finding.principle));
          if (unrated.length > 0)
            throw new InvalidTransitionError(
              `A final report rates all seven corporate parenting principles: ${unrated.join(', ')} not yet rated.`,
              { unrated },
            );
          const rate = await manager
            .getRepository(ContractRate)
            .findOneBy({ contractId: diagnostic.contractId, serviceLine: DIAGNOSTIC_SERVICE_LINE });
          const settled = settleFinalReport(
            rate && { unit: rate.unit, amountPence: rate.amountPence },
            on,
          );
          Object.assign(diagnostic, {
            status: next,
            finalReportOn: on,
            followUpDueOn: settled.followUpDueOn,
            costPence: settled.costPence,
            rateUnit: settled.rate?.unit ?? null,
            rateAmountPence: settled.rate?.amountPence ?? null,
            costedOn: settled.costedOn,
            costFinancialYear: settled.costFinancialYear,
          });
          break;
        }
      }
      const saved = await manager.getRepository(Diagnostic).save(diagnostic);
      await this.audited(manager, caller, ACTIONS[move], before, saved);
      return saved;
    });
  }

  /**
   * Locks the diagnostic and checks the caller may change it: NOT_FOUND where they cannot see it,
   * FORBIDDEN where they can but are not its supplier's staff.
   */
  private async lockToChange(
    manager: EntityManager,
    caller: Caller,
    id: string,
    missing: { what: string; key: string } = { what: 'Diagnostic', key: id },
  ): Promise<Diagnostic> {
    const found = isUuid(id) ? await this.repository.lock(manager, id) : null;
    if (
      !found ||
      !canSeeDiagnostic(engagementScopeOf(caller), {
        programmeId: found.diagnostic.programmeId,
        supplierId: found.diagnostic.supplierId,
        regionCode: found.regionCode,
      })
    )
      throw new NotFoundError(missing.what, missing.key);
    if (!canCarryOut(caller, found.diagnostic.supplierId))
      throw new ForbiddenError(
        "Only the diagnostic's supplier may change it; the programme's managers and admins read it.",
      );
    return found.diagnostic;
  }

  private checkReportOpen(diagnostic: Diagnostic, what: string): void {
    if (!isReportOpen(diagnostic.status))
      throw new InvalidTransitionError(
        `This diagnostic's final report was issued on ${diagnostic.finalReportOn}: it can no longer be ${what}.`,
        { status: diagnostic.status },
      );
  }

  /**
   * Locks the engagement a diagnostic is to be planned on and checks it: NOT_FOUND where the
   * caller cannot see it (another supplier's, say), FORBIDDEN unless they are staff of its
   * contract's supplier, BAD_USER_INPUT for another service line, INVALID_TRANSITION for one not
   * APPROVED or IN_DELIVERY.
   */
  private async engagementToPlanOn(
    manager: EntityManager,
    caller: Caller,
    id: string,
  ): Promise<Engagement> {
    const found = isUuid(id) ? await this.repository.lockEngagement(manager, id) : null;
    if (
      !found ||
      !canSeeEngagement(engagementScopeOf(caller), {
        programmeId: found.engagement.programmeId,
        supplierId: found.supplierId,
        regionCode: found.regionCode,
      })
    )
      throw new NotFoundError('Engagement', id);
    if (found.supplierId === null || !canCarryOut(caller, found.supplierId))
      throw new ForbiddenError("Only the engagement's supplier may plan its diagnostic.");
    const { engagement } = found;
    if (engagement.serviceLine !== DIAGNOSTIC_SERVICE_LINE)
      this.check([
        {
          field: 'engagementId',
          message: `is a ${engagement.serviceLine} engagement: diagnostics are for ${DIAGNOSTIC_SERVICE_LINE}`,
        },
      ]);
    if (!PLANNABLE.includes(engagement.status))
      throw new InvalidTransitionError(
        `This engagement is ${engagement.status}: diagnostics are planned on ${PLANNABLE.join(' or ')} engagements.`,
        { engagementId: engagement.id, status: engagement.status },
      );
    return engagement;
  }

  private audited(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: AuditValues | null,
    after: Diagnostic,
  ): Promise<void> {
    return this.audit.record(manager, {
      actorUserId: caller.userId,
      action,
      entityType: 'diagnostic',
      entityId: after.id,
      programmeId: after.programmeId,
      before,
      after: diagnosticValues(after),
      // A diagnostic's own row holds dates, states and money: nothing personal.
      personalFields: [],
    });
  }

  private auditedRecommendation(
    manager: EntityManager,
    caller: Caller,
    diagnostic: Diagnostic,
    before: AuditValues | null,
    after: DiagnosticRecommendation,
  ): Promise<void> {
    return this.audit.record(manager, {
      actorUserId: caller.userId,
      action: before ? 'diagnostic.recommendation.update' : 'diagnostic.recommendation.add',
      entityType: 'diagnostic_recommendation',
      entityId: after.id,
      programmeId: diagnostic.programmeId,
      before,
      after: recommendationValues(after),
      // Free text that may name people: the log says it changed, not how.
      personalFields: ['text'],
    });
  }
}

const MOVE_WORDS: Record<DiagnosticMove, string> = {
  START_FIELDWORK: 'start fieldwork',
  SUBMIT_DRAFT_REPORT: 'have its draft report submitted',
  ISSUE_FINAL_REPORT: 'have its final report issued',
};

const ACTIONS: Record<DiagnosticMove, string> = {
  START_FIELDWORK: 'diagnostic.start-fieldwork',
  SUBMIT_DRAFT_REPORT: 'diagnostic.submit-draft-report',
  ISSUE_FINAL_REPORT: 'diagnostic.issue-final-report',
};

function yearProblems(financialYear: string): FieldProblem[] {
  return isFinancialYear(financialYear)
    ? []
    : [{ field: 'financialYear', message: 'must be written like 2022-23' }];
}

function alreadyPlanned(engagement: Engagement, diagnosticId?: string): ConflictError {
  return new ConflictError(
    `This local authority already has a diagnostic for ${engagement.financialYear}: one a year.`,
    diagnosticId ? { diagnosticId } : {},
  );
}

function diagnosticValues(diagnostic: Diagnostic): AuditValues {
  const { createdAt: _created, updatedAt: _updated, ...values } = diagnostic;
  return values;
}

function findingValues(finding: Pick<DiagnosticFinding, 'principle' | 'rating' | 'commentary'>) {
  return { principle: finding.principle, rating: finding.rating, commentary: finding.commentary };
}

function recommendationValues(recommendation: DiagnosticRecommendation): AuditValues {
  const { createdAt: _created, updatedAt: _updated, ...values } = recommendation;
  return values;
}
