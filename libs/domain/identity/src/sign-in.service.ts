import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RoleGrant, VerifiedIdentity } from '@la-tracker/platform/auth';
import { APP_CONFIG, ConfigError, type AppConfig } from '@la-tracker/platform/config';
import { DataSource, type EntityManager } from 'typeorm';
import { AppUser } from './app-user.entity';
import { organisationGrants, profileChanges } from './role-assignment.rules';
import { RoleAssignmentWriter } from './role-assignment.writer';
import { UserRepository } from './user.repository';

/**
 * Records the people the OpenID Connect issuer vouches for, so admins can find them and give them
 * roles: a new person on their first sign-in, a changed e-mail or name when it changes (and no
 * write otherwise). A person of a configured organisation (OIDC_ORGANISATION_ROLES) gets its
 * grant on their first sign-in only; from then on admins decide.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);
  private readonly grantsByOrganisation: Map<string, RoleGrant>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RoleAssignmentWriter) private readonly assignments: RoleAssignmentWriter,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { grants, problems } = organisationGrants(config.auth.oidc?.organisationRoles ?? {});
    // Checked as the service starts, so a wrong setting stops it rather than surprising someone.
    if (problems.length > 0)
      throw new ConfigError(problems.map((problem) => `OIDC_ORGANISATION_ROLES: ${problem}`));
    // Organisation ids are GUIDs, which DfE Sign-in may write in either case.
    this.grantsByOrganisation = new Map(
      [...grants].map(([organisationId, grant]) => [organisationId.toLowerCase(), grant]),
    );
  }

  /** The person's record after this sign-in: `known` as it was, refreshed, or new. */
  async record(identity: VerifiedIdentity, known: AppUser | null): Promise<AppUser | null> {
    const { profile } = identity;
    if (!profile) return known;
    const said = { email: identity.email, displayName: profile.displayName };
    if (known) {
      const changes = profileChanges(known, said);
      if (Object.keys(changes).length === 0) return known;
      await this.dataSource.getRepository(AppUser).update({ id: known.id }, changes);
      return Object.assign(known, changes);
    }
    return this.dataSource.transaction(async (manager) => {
      const { user, created } = await this.users.insertIfMissing(manager, {
        issuer: identity.issuer,
        subject: identity.subject,
        ...said,
      });
      // Another request of the same first sign-in got there first, and provisioned it.
      if (!created) return user;
      const organisation = profile.organisation;
      const grant = organisation && this.grantsByOrganisation.get(organisation.id.toLowerCase());
      if (organisation && grant) await this.provision(manager, user, organisation.id, grant);
      return user;
    });
  }

  private async provision(
    manager: EntityManager,
    user: AppUser,
    organisationId: string,
    grant: RoleGrant,
  ): Promise<void> {
    const missing = await this.assignments.missingScopes(manager, [grant]);
    if (missing.length > 0) {
      this.logger.warn(
        `OIDC_ORGANISATION_ROLES gives organisation ${organisationId} a scope that does not exist (${missing.map((problem) => problem.message).join('; ')}): person ${user.id} was given no role`,
      );
      return;
    }
    await this.assignments.grant(
      manager,
      { actorUserId: null, userId: user.id, grant },
      'role-assignment.provision',
      { organisationId },
    );
  }
}
