import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import { isUniqueViolation, isUuid } from '@la-tracker/platform/database';
import { ConflictError, ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import { DataSource, type EntityManager } from 'typeorm';
import { refuseProblems } from './input-problems';
import { managesProgrammes, maySeeContactsOf } from './programme-access.rules';
import { ProgrammeRepository } from './programme.repository';
import { Supplier, SupplierContact } from './supplier.entity';
import {
  contactProblems,
  normaliseEmail,
  supplierNameKey,
  supplierProblems,
} from './supplier.rules';

export interface NewSupplier {
  name: string;
  contactEmail: string;
  contactName?: string | null;
}

export interface NewSupplierContact {
  supplierId: string;
  email: string;
  name?: string | null;
}

/**
 * Suppliers and their contacts, added by programme managers and admins. A supplier is one
 * organisation whatever the case or spacing of its name; a contact is personal data, kept out of
 * the audit log.
 */
@Injectable()
export class SupplierChangeService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(ProgrammeRepository) private readonly repository: ProgrammeRepository,
  ) {}

  async createSupplier(caller: Caller, input: NewSupplier): Promise<Supplier> {
    this.assertManages(caller);
    refuseProblems(supplierProblems(input));
    const name = input.name.trim();
    const nameKey = supplierNameKey(name);
    const conflict = () => new ConflictError(`A supplier named "${name}" exists already.`);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const suppliers = manager.getRepository(Supplier);
        if (await suppliers.existsBy({ nameKey })) throw conflict();
        const supplier = await suppliers.save(suppliers.create({ name, nameKey }));
        await this.audit.record(manager, {
          actorUserId: caller.userId,
          action: 'supplier.create',
          entityType: 'supplier',
          entityId: supplier.id,
          before: null,
          after: { name },
          personalFields: [],
        });
        await this.addContact(manager, caller, {
          supplierId: supplier.id,
          email: input.contactEmail,
          name: input.contactName,
        });
        return supplier;
      });
    } catch (error) {
      // Two suppliers created at once under one name: the database refuses the second.
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
  }

  async addSupplierContact(caller: Caller, input: NewSupplierContact): Promise<Supplier> {
    this.assertManages(caller);
    refuseProblems(contactProblems(input));
    return this.dataSource.transaction(async (manager) => {
      // Locked, so two people adding the same address at once meet CONFLICT, one of them.
      const supplier = isUuid(input.supplierId)
        ? await manager
            .getRepository(Supplier)
            .findOne({ where: { id: input.supplierId }, lock: { mode: 'pessimistic_write' } })
        : null;
      // A manager adds contacts to suppliers of their own programmes, or not yet contracted.
      const [reach] = supplier ? await this.repository.reachOf([supplier.id], manager) : [];
      if (!supplier || !reach || !maySeeContactsOf(caller, reach))
        throw new NotFoundError('Supplier', input.supplierId);
      await this.addContact(manager, caller, input);
      return supplier;
    });
  }

  private assertManages(caller: Caller): void {
    if (!managesProgrammes(caller))
      throw new ForbiddenError('Suppliers are added by programme managers and admins.');
  }

  private async addContact(
    manager: EntityManager,
    caller: Caller,
    input: NewSupplierContact,
  ): Promise<void> {
    const contacts = manager.getRepository(SupplierContact);
    const email = normaliseEmail(input.email);
    if (await contacts.existsBy({ supplierId: input.supplierId, email }))
      throw new ConflictError('The supplier has a contact with this e-mail address already.');
    const contact = await contacts.save(
      contacts.create({ supplierId: input.supplierId, email, name: input.name?.trim() || null }),
    );
    await this.audit.record(manager, {
      actorUserId: caller.userId,
      action: 'supplier-contact.add',
      entityType: 'supplier_contact',
      entityId: contact.id,
      before: null,
      after: { supplierId: contact.supplierId, email: contact.email, name: contact.name },
      personalFields: ['email', 'name'],
    });
  }
}
