import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Contract, LotView } from '@la-tracker/domain/programmes';
import type { GraphQLContext } from '../graphql/graphql-context';
import { LotModel, ProgrammeModel } from './programme.model';
import { ContractModel, ContractRateModel, SupplierModel } from './supplier.model';

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

  @ResolveField(() => [ContractRateModel], { description: 'In service-line order.' })
  rates(@Parent() contract: Contract, @Context() context: GraphQLContext) {
    return context.loaders.programmes.rates.load(contract.id);
  }
}
