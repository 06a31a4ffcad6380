import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { maySeeTermsOf, type Contract, type LotView } from '@la-tracker/domain/programmes';
import { ForbiddenError } from '@la-tracker/platform/errors';
import { signedInCaller, type GraphQLContext } from '../graphql/graphql-context';
import { MoneyScalar } from '../graphql/money.scalar';
import { LotModel, ProgrammeModel } from './programme.model';
import { ContractModel, ContractRateModel, SupplierModel } from './supplier.model';

/**
 * A contract's value and rates, and what is charged under it (a session's cost), are its terms:
 * see `maySeeTermsOf`.
 */
export async function assertMaySeeTerms(
  context: GraphQLContext,
  record: Pick<Contract, 'programmeId' | 'supplierId'>,
): Promise<void> {
  if (!maySeeTermsOf(await signedInCaller(context.auth), record))
    throw new ForbiddenError(
      'A contract’s value and rates, and what is charged under it, are for admins, the programme’s managers and the supplier.',
    );
}

@Resolver(() => ContractModel)
export class ContractResolver {
  @ResolveField(() => ProgrammeModel)
  programme(@Parent() contract: Contract, @Context() context: GraphQLContext) {
    return context.loaders.programmes.programmeById.load(contract.programmeId);
  }

  @ResolveField(() => SupplierModel)
  supplier(@Parent() contract: Contract, @Context() context: GraphQLContext) {
    return context.loaders.programmes.supplierById.load(contract.supplierId);
  }

  @ResolveField(() => LotModel, {
    description: 'The lot it was made for: it keeps it when a variation regroups the lots.',
  })
  async lot(@Parent() contract: Contract, @Context() context: GraphQLContext): Promise<LotView> {
    const lots = await context.loaders.programmes.lots.load(contract.programmeId);
    return lots.find((lot) => lot.id === contract.lotId) as LotView;
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description: 'Its value: for admins, the programme’s managers and the supplier’s staff.',
  })
  async value(@Parent() contract: Contract, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, contract);
    return contract.valuePence;
  }

  @ResolveField(() => [ContractRateModel], {
    nullable: true,
    description:
      'In service-line order: for admins, the programme’s managers and the supplier’s staff.',
  })
  async rates(@Parent() contract: Contract, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, contract);
    return context.loaders.programmes.rates.load(contract.id);
  }
}
