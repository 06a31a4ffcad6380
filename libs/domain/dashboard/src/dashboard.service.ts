import { Inject, Injectable } from '@nestjs/common';
import { isFinancialYear, type FinancialYear } from '@la-tracker/domain/calendar';
import { EligibilityService, type EligibilityAnswer } from '@la-tracker/domain/inspections';
import { longMonth } from '@la-tracker/platform/time';
import { lastDayOf, MonthlyReturnsService } from '@la-tracker/domain/monthly-returns';
import { NetworksService, type RegionCoverage } from '@la-tracker/domain/networks';
import {
  mayChangeProgramme,
  ProgrammesService,
  type Contract,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { apaPlansDue, ReminderScanRepository } from '@la-tracker/domain/reminders';
import { MiPackRepository } from '@la-tracker/domain/reports';
import { SpendService, type SpendReport } from '@la-tracker/domain/spend';
import { hasRole, Role, type Caller } from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import { BadUserInputError, ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import type { Pence } from '@la-tracker/platform/money';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import {
  asOfForYear,
  firstFew,
  overdueMonthlyReturns,
  overdueSessionReports,
  serviceLineFigures,
  type DashboardItem,
  type DashboardItems,
  type ServiceLineFigures,
} from './dashboard.rules';

/** The lot whose eligibility is restricted (SPEC §5.4): the watchlist is of LAs eligible for it. */
const WATCHED_LINE: ServiceLine = 'COACHING_MENTORING';

export interface DashboardRegion {
  regionCode: string;
  name: string;
  activeLocalAuthorities: number;
  reachedLocalAuthorities: number;
  /** reached ÷ active; 0 for a region with no LAs that year. */
  reachShare: number;
  /** Null where the programme has no Lead Member network in the region. */
  networkCoverage: RegionCoverage | null;
}

export interface ProgrammeDashboard {
  programmeId: string;
  programmeName: string;
  financialYear: FinancialYear;
  /** Today in England: what is overdue is judged on it, and the forecast runs to it. */
  asOf: IsoDate;
  serviceLines: Array<ServiceLineFigures & { spentPence: Pence }>;
  spend: SpendReport<Contract>;
  regions: DashboardRegion[];
  overdue: {
    sessionReports: DashboardItems;
    apaActionPlans: DashboardItems;
    monthlyReturns: DashboardItems;
    diagnosticFollowUps: DashboardItems;
  };
  /** Eligibility is judged on the year's last day, or today while the year runs. */
  watchlistAsOf: IsoDate;
  /** LAs eligible for coaching and mentoring with no engagement for it in the programme that year. */
  watchlist: Array<EligibilityAnswer & { programmeId: string }>;
}

/**
 * A programme's year at a glance (SPEC §7 `programmeDashboard`): per service line target, cap,
 * delivery, reach and a forecast; spend against contracts and budget; reach and network coverage
 * by region; what is overdue; and the LAs eligible for coaching not yet referred for it.
 *
 * For the programme's managers and admins: it holds every supplier's figures and the budget, so
 * suppliers and advisers are refused (FORBIDDEN), and another programme's manager is answered as
 * if the programme did not exist. A fixed number of statements, whatever the programme's size:
 * every figure comes from a set-based query shared with the MI pack, the spend report, network
 * coverage, the reminder scan and eligibility.
 */
@Injectable()
export class DashboardService {
  constructor(
    @Inject(MiPackRepository) private readonly miPack: MiPackRepository,
    @Inject(ReminderScanRepository) private readonly reminders: ReminderScanRepository,
    @Inject(ProgrammesService) private readonly programmes: ProgrammesService,
    @Inject(SpendService) private readonly spend: SpendService,
    @Inject(NetworksService) private readonly networks: NetworksService,
    @Inject(MonthlyReturnsService) private readonly monthlyReturns: MonthlyReturnsService,
    @Inject(EligibilityService) private readonly eligibility: EligibilityService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async dashboard(
    caller: Caller,
    programmeId: string,
    financialYear: FinancialYear,
  ): Promise<ProgrammeDashboard> {
    if (!hasRole(caller, Role.ADMIN, Role.PROGRAMME_MANAGER))
      throw new ForbiddenError(
        'The dashboard is the programme’s: for its managers and admins, not suppliers or regional advisers.',
      );
    if (!isFinancialYear(financialYear))
      throw BadUserInputError.forFields([
        { field: 'financialYear', message: 'must be a financial year written like 2022-23' },
      ]);
    const programme =
      isUuid(programmeId) && mayChangeProgramme(caller, programmeId)
        ? await this.miPack.programme(programmeId)
        : null;
    if (!programme) throw new NotFoundError('Programme', programmeId);

    const today = this.clock.today();
    const watchlistAsOf = asOfForYear(financialYear, today);
    const [
      [lines],
      [targetVersions],
      spend,
      reached,
      sessions,
      finalReports,
      regions,
      coverage,
      awaiting,
      followUps,
      visits,
      returned,
      eligible,
      engaged,
    ] = await Promise.all([
      this.programmes.serviceLinesOf([programmeId]),
      this.programmes.targetsOf([programmeId]),
      this.spend.report(caller, { programmeId, financialYear }),
      this.miPack.reached(programmeId, financialYear),
      this.miPack.sessions(programmeId, financialYear),
      this.miPack.finalReports(programmeId, financialYear),
      this.miPack.regions(programmeId, financialYear),
      this.networks.coverage(caller, programmeId, financialYear),
      // Overdue as things stand today, whatever the year: late work does not drop out on 1 April.
      this.miPack.awaitingReport(programmeId),
      this.miPack.followUpsDue(programmeId, today),
      this.reminders.priorityActionVisits(today),
      this.monthlyReturns.returnedMonthsOf(programmeId, financialYear),
      this.eligibility.eligibleLocalAuthorities(caller, WATCHED_LINE, watchlistAsOf),
      this.miPack.engagedLocalAuthorities(programmeId, financialYear, WATCHED_LINE),
    ]);

    const figures = serviceLineFigures({
      financialYear,
      today,
      lines: this.programmes.serviceLineTargets(lines ?? [], targetVersions ?? [], financialYear),
      reached,
      networkRegionsMet: coverage.filter((region) => region.attendedCount > 0).length,
      sessions,
      finalReports,
    });

    const owedReturns = overdueMonthlyReturns({
      financialYear,
      today,
      contracts: spend.byContract.map((row) => row.contract),
      returned,
    });
    const suppliers = await this.miPack.supplierNames([
      ...new Set(owedReturns.map((owed) => owed.supplierId)),
    ]);
    const visitsById = new Map(visits.map((visit) => [visit.inspectionId, visit]));
    const coverageOf = new Map(coverage.map((row) => [row.regionCode, row]));
    const alreadyEngaged = new Set(engaged);

    return {
      programmeId,
      programmeName: programme.name,
      financialYear,
      asOf: today,
      serviceLines: figures.map((line) => ({
        ...line,
        spentPence:
          spend.byServiceLine.find((row) => row.serviceLine === line.serviceLine)?.spentPence ?? 0,
      })),
      spend,
      regions: regions.map((region) => ({
        regionCode: region.code,
        name: region.name,
        activeLocalAuthorities: region.activeLocalAuthorities,
        reachedLocalAuthorities: region.reachedLocalAuthorities,
        reachShare:
          region.activeLocalAuthorities === 0
            ? 0
            : region.reachedLocalAuthorities / region.activeLocalAuthorities,
        networkCoverage: coverageOf.get(region.code) ?? null,
      })),
      overdue: {
        sessionReports: firstFew(overdueSessionReports(awaiting, today)),
        apaActionPlans: firstFew(
          apaPlansDue(visits, today).map((plan): DashboardItem => ({
            kind: 'APA_ACTION_PLAN',
            title: plan.stage === 'draft' ? 'Draft action plan' : 'Final action plan',
            localAuthorities: visitsById.get(plan.inspectionId)?.localAuthority ?? null,
            serviceLine: null,
            supplier: null,
            contract: null,
            date: visitsById.get(plan.inspectionId)?.letterDate ?? plan.dueOn,
            dueBy: plan.dueOn,
            sessionId: null,
            engagementId: null,
            supplierId: null,
            localAuthorityCodes: [
              visitsById.get(plan.inspectionId)?.localAuthorityCode ?? '',
            ].filter(Boolean),
          })),
        ),
        monthlyReturns: firstFew(
          owedReturns.map((owed): DashboardItem => ({
            kind: 'MONTHLY_RETURN',
            title: `Monthly return for ${longMonth(owed.month)}`,
            localAuthorities: null,
            serviceLine: null,
            supplier: suppliers.get(owed.supplierId) ?? null,
            contract: null,
            date: lastDayOf(owed.month),
            dueBy: owed.dueOn,
            sessionId: null,
            engagementId: null,
            supplierId: owed.supplierId,
            localAuthorityCodes: [],
          })),
        ),
        diagnosticFollowUps: firstFew(
          followUps.map((item): DashboardItem => ({
            kind: 'DIAGNOSTIC_FOLLOW_UP',
            title: 'Diagnostic follow-up review',
            localAuthorities: item.localAuthorities,
            serviceLine: item.serviceLine,
            supplier: item.supplier,
            contract: item.contract,
            date: item.date,
            dueBy: item.dueBy,
            sessionId: null,
            engagementId: item.engagementId,
            supplierId: item.supplierId,
            localAuthorityCodes: item.localAuthorityCodes,
          })),
        ),
      },
      watchlistAsOf,
      watchlist: eligible
        .filter((answer) => !alreadyEngaged.has(answer.localAuthorityId))
        .map((answer) => ({ ...answer, programmeId })),
    };
  }
}
