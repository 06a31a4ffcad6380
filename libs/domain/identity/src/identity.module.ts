import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { CallerLoader } from '@la-tracker/platform/auth';
import { ApiTokensService } from './api-tokens.service';
import { IdentityService } from './identity.service';

@Module({
  imports: [AuditModule],
  providers: [
    IdentityService,
    { provide: CallerLoader, useExisting: IdentityService },
    ApiTokensService,
  ],
  exports: [IdentityService, CallerLoader, ApiTokensService],
})
export class IdentityModule {}
