import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { SupplierChangeService, type Supplier } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { AddSupplierContactInput, CreateSupplierInput } from './supplier.input';
import { SupplierModel } from './supplier.model';

@Resolver()
export class SupplierChangeResolver {
  constructor(@Inject(SupplierChangeService) private readonly service: SupplierChangeService) {}

  @Mutation(() => SupplierModel, {
    description:
      'Add a supplier with its first contact (programme managers and admins). Audited, without the contact’s personal data.',
  })
  createSupplier(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateSupplierInput,
  ): Promise<Supplier> {
    return this.service.createSupplier(caller, input);
  }

  @Mutation(() => SupplierModel, {
    description: 'Add a contact to a supplier (programme managers and admins). Audited.',
  })
  addSupplierContact(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AddSupplierContactInput,
  ): Promise<Supplier> {
    return this.service.addSupplierContact(caller, input);
  }
}
