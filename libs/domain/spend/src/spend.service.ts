import { Inject, Injectable } from '@nestjs/common';
import { LocalAuthoritiesService } from '@la-tracker/domain/local-authorities';
import { maySeeBudgetOf, maySeeTermsOf, type Contract } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { BadUserInputError, ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import type { Pence } from '@la-tracker/platform/money';
import { mayReportSpend, spendScopeOf } from './spend-access.rules';
import { SpendRepository } from './spend.repository';
import {
  spendFilterProblems,
  spendReport,
  type SpendFilter,
  type SpendReport,
} from './spend.rules';

/**
 * Spend against contract values and the programme budget (SPEC §5.9), by service line, lot,
 * contract, supplier, LA and financial year. Admins and the programme's managers see all of it
 * and the budget; supplier staff only the spend under their own contracts, and those contracts'
 * values, with every total made of what they may see; advisers none (FORBIDDEN). A programme the
 * caller has no part in answers NOT_FOUND. A fixed number of statements, whatever the spend.
 */
@Injectable()
export class SpendService {
  constructor(
    @Inject(SpendRepository) private readonly repository: SpendRepository,
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
  ) {}

  async report(caller: Caller, filter: SpendFilter): Promise<SpendReport<Contract>> {
    if (!mayReportSpend(caller))
      throw new ForbiddenError(
        'Spend is programme data: for admins, programme managers and suppliers (their own contracts).',
      );
    const problems = spendFilterProblems(filter);
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    const scope = spendScopeOf(caller, filter.programmeId);
    if (!scope) throw new NotFoundError('Programme', filter.programmeId);
    const la = filter.localAuthorityCode
      ? await this.localAuthorities.get(filter.localAuthorityCode)
      : undefined;

    const financialYear = filter.financialYear ?? null;
    const [budget, contracts, figures] = await Promise.all([
      this.repository.budgetOf(filter.programmeId, financialYear),
      this.repository.contracts(scope, filter.programmeId),
      this.repository.figures(scope, {
        programmeId: filter.programmeId,
        financialYear: financialYear ?? undefined,
        supplierId: filter.supplierId ?? undefined,
        serviceLine: filter.serviceLine ?? undefined,
        regionCode: filter.regionCode ?? undefined,
        localAuthorityId: la?.id,
      }),
    ]);
    // Supplier staff have a part in a programme only through a contract in it.
    if (!budget || (!scope.allContracts && contracts.length === 0))
      throw new NotFoundError('Programme', filter.programmeId);
    return spendReport({
      programmeId: filter.programmeId,
      filter,
      figures,
      contracts: contracts.map((contract) => ({
        contract,
        valuePence: maySeeTermsOf(caller, contract) ? contract.valuePence : null,
      })),
      budget: maySeeBudgetOf(caller, filter.programmeId) ? budget : null,
    });
  }

  /**
   * Everything charged under each contract to date, for contracts the caller has already been
   * given and may see the terms of (the resolver checks, as it does for their value).
   */
  async spentToDateOn(contractIds: readonly string[]): Promise<Pence[]> {
    const spent = await this.repository.spentToDateOn(contractIds);
    return contractIds.map((id) => spent.get(id) ?? 0);
  }
}
