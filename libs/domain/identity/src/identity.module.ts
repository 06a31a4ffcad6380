import { Module } from '@nestjs/common';
import { AuditModule } from '@la-tracker/platform/audit';
import { CallerLoader } from '@la-tracker/platform/auth';
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
  ],
  exports: [IdentityService, CallerLoader, UsersService],
})
export class IdentityModule {}
