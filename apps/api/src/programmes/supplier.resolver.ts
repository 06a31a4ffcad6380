import { Inject } from '@nestjs/common';
import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProgrammesService, type Supplier } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import type { GraphQLContext } from '../graphql/graphql-context';
import { ContractModel, SupplierContactModel, SupplierModel } from './supplier.model';

@Resolver(() => SupplierModel)
export class SupplierResolver {
  constructor(@Inject(ProgrammesService) private readonly service: ProgrammesService) {}

  @Query(() => [SupplierModel], {
    description: 'Every supplier, by name: for programme managers and admins.',
  })
  suppliers(@CurrentCaller() caller: Caller): Promise<Supplier[]> {
    return this.service.suppliers(caller);
  }

  @ResolveField(() => [SupplierContactModel], {
    nullable: true,
    description:
      'Personal data: for programme managers, admins and the supplier’s own staff; null with FORBIDDEN for anyone else.',
  })
  contacts(@Parent() supplier: Supplier, @Context() context: GraphQLContext) {
    return context.loaders.programmes.contacts.load(supplier.id);
  }

  @ResolveField(() => [ContractModel], {
    description: 'Its contracts in the programmes you may see.',
  })
  contracts(@Parent() supplier: Supplier, @Context() context: GraphQLContext) {
    return context.loaders.programmes.contractsOfSupplier.load(supplier.id);
  }
}
