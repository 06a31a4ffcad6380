import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { CallerLoader } from '@la-tracker/platform/auth';
import { IdentityService } from './identity.service';

@Module({
  imports: [AuditModule],
  providers: [IdentityService, { provide: CallerLoader, useExisting: IdentityService }],
  exports: [IdentityService, CallerLoader],
})
export class IdentityModule {}
