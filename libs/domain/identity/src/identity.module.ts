import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { CallerLoader } from '@la-tracker/platform/auth';
import { ApiTokensService } from './api-tokens.service';
import { IdentityService } from './identity.service';
import { RoleAssignmentWriter } from './role-assignment.writer';
import { SignInService } from './sign-in.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule],
  providers: [
    IdentityService,
    { provide: CallerLoader, useExisting: IdentityService },
    RoleAssignmentWriter,
    SignInService,
    UserRepository,
    UsersService,
    ApiTokensService,
  ],
  exports: [IdentityService, CallerLoader, UsersService, ApiTokensService],
})
export class IdentityModule {}
