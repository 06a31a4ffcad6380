import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { LocalAuthorityImportService } from './local-authority-import.service';
import { LocalAuthorityRepository } from './local-authority.repository';
import { LocalAuthoritiesService } from './local-authorities.service';

@Module({
  imports: [AuditModule],
  providers: [LocalAuthorityRepository, LocalAuthoritiesService, LocalAuthorityImportService],
  exports: [LocalAuthoritiesService, LocalAuthorityImportService],
})
export class LocalAuthoritiesModule {}
