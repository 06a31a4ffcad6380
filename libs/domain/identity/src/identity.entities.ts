import { ApiToken } from './api-token.entity';
import { AppUser } from './app-user.entity';
import { RoleAssignment } from './role-assignment.entity';

export const identityEntities = [AppUser, RoleAssignment, ApiToken];
