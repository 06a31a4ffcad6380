import { Module } from '@nestjs/common';
import { IdentityModule } from '@la-tracker/domain/identity';
import { AuditModule } from '@la-tracker/platform/audit';
import { ContractChangeService } from './contract-change.service';
import { ProgrammeChangeService } from './programme-change.service';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammesService } from './programmes.service';
import { SupplierChangeService } from './supplier-change.service';

@Module({
  imports: [AuditModule, IdentityModule],
  providers: [
    ProgrammeRepository,
    ProgrammesService,
    ProgrammeChangeService,
    SupplierChangeService,
    ContractChangeService,
  ],
  exports: [
    ProgrammesService,
    ProgrammeChangeService,
    SupplierChangeService,
    ContractChangeService,
  ],
})
export class ProgrammesModule {}
