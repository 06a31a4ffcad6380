import { Module } from '@nestjs/common';
import { CallerLoader } from '@la-tracker/platform/auth';
import { IdentityService } from './identity.service';

@Module({
  providers: [IdentityService, { provide: CallerLoader, useExisting: IdentityService }],
  exports: [IdentityService, CallerLoader],
})
export class IdentityModule {}
