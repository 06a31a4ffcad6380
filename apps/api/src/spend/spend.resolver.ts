import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Contract, LotView } from '@la-tracker/domain/programmes';
import { SpendService, type ContractSpend, type SpendReport } from '@la-tracker/domain/spend';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import type { GraphQLContext } from '../graphql/graphql-context';
import { MoneyScalar } from '../graphql/money.scalar';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { assertMaySeeTerms } from '../programmes/contract.resolver';
import { LotModel } from '../programmes/programme.model';
import { ContractModel, SupplierModel } from '../programmes/supplier.model';
import { SpendFilter } from './spend.input';
import {
  SpendByContractModel,
  SpendByLocalAuthorityModel,
  SpendByLotModel,
  SpendBySupplierModel,
  SpendReportModel,
} from './spend.model';

@Resolver(() => SpendReportModel)
export class SpendResolver {
  constructor(@Inject(SpendService) private readonly service: SpendService) {}

  @Query(() => SpendReportModel, {
    description:
      'Spend by service line, lot, contract, supplier, LA and year, against contract values and the budget: all of a programme’s for its managers and admins, only their own contracts’ for suppliers.',
  })
  spend(
    @CurrentCaller() caller: Caller,
    @Args('filter') filter: SpendFilter,
  ): Promise<SpendReport<Contract>> {
    return this.service.report(caller, filter);
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description:
      'What is left of the budget (see budget.remaining); null for those who may not see it.',
  })
  remaining(@Parent() report: SpendReport<Contract>): number | null {
    return report.budget?.remainingPence ?? null;
  }
}

@Resolver(() => SpendByLotModel)
export class SpendByLotResolver {
  @ResolveField(() => LotModel)
  async lot(
    @Parent() row: { programmeId: string; lotId: string },
    @Context() context: GraphQLContext,
  ): Promise<LotView> {
    const lots = await context.loaders.programmes.lots.load(row.programmeId);
    return lots.find((lot) => lot.id === row.lotId) as LotView;
  }
}

@Resolver(() => SpendByContractModel)
export class SpendByContractResolver {
  @ResolveField(() => ContractModel)
  contract(@Parent() row: ContractSpend<Contract>): Contract {
    return row.contract;
  }

  @ResolveField(() => SupplierModel)
  supplier(@Parent() row: ContractSpend<Contract>, @Context() context: GraphQLContext) {
    return context.loaders.programmes.supplierById.load(row.contract.supplierId);
  }
}

@Resolver(() => SpendBySupplierModel)
export class SpendBySupplierResolver {
  @ResolveField(() => SupplierModel)
  supplier(@Parent() row: { supplierId: string }, @Context() context: GraphQLContext) {
    return context.loaders.programmes.supplierById.load(row.supplierId);
  }
}

@Resolver(() => SpendByLocalAuthorityModel)
export class SpendByLocalAuthorityResolver {
  @ResolveField(() => LocalAuthorityModel)
  localAuthority(@Parent() row: { localAuthorityId: string }, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.byId.load(row.localAuthorityId);
  }
}

/** `Contract.spent`: what has been charged under it, beside its value. */
@Resolver(() => ContractModel)
export class ContractSpendResolver {
  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description:
      'Everything charged under it to date (approved sessions): for admins, the programme’s managers and the supplier’s staff.',
  })
  async spent(@Parent() contract: Contract, @Context() context: GraphQLContext): Promise<number> {
    await assertMaySeeTerms(context, contract);
    return context.loaders.spend.spentToDateOnContract.load(contract.id);
  }
}
