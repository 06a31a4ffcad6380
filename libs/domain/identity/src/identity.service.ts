import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@la-tracker/platform/audit';
import {
  CallerLoader,
  DEVELOPMENT_ISSUER,
  isAdmin,
  Role,
  type Caller,
  type RoleGrant,
  type VerifiedIdentity,
} from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import { BadUserInputError, ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import { DataSource, type EntityManager } from 'typeorm';
import { AppUser } from './app-user.entity';
import { RoleAssignment } from './role-assignment.entity';
import { grantOf, grantsFor, type RequestedScopes } from './role-assignment.rules';
import { RoleAssignmentWriter } from './role-assignment.writer';
import { SignInService } from './sign-in.service';

/** Who manages a programme, after a change to it. */
export interface ProgrammeManagerAssignment {
  userId: string;
  programmeId: string;
  assigned: boolean;
}

const managerOf = (programmeId: string): RoleGrant => ({
  role: Role.PROGRAMME_MANAGER,
  supplierId: null,
  regionCode: null,
  programmeId,
});

const grantKey = (grant: RoleGrant) =>
  [grant.role, grant.supplierId, grant.regionCode, grant.programmeId].join('|');

/** People who sign in and the roles they hold (SPEC §2): the database decides what each may do. */
@Injectable()
export class IdentityService extends CallerLoader {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(RoleAssignmentWriter) private readonly assignments: RoleAssignmentWriter,
    @Inject(SignInService) private readonly signIns: SignInService,
  ) {
    super();
  }

  /**
   * The person and every grant they hold (two indexed look-ups). Unknown people hold none; a
   * person the OpenID Connect issuer vouches for is recorded, or their record refreshed, first.
   */
  async load(identity: VerifiedIdentity): Promise<Caller> {
    const known = await this.dataSource
      .getRepository(AppUser)
      .findOneBy({ issuer: identity.issuer, subject: identity.subject });
    const user = await this.signIns.record(identity, known);
    const assignments = user
      ? await this.dataSource
          .getRepository(RoleAssignment)
          .find({ where: { userId: user.id }, order: { createdAt: 'ASC' } })
      : [];
    return {
      userId: user?.id ?? null,
      issuer: identity.issuer,
      subject: identity.subject,
      email: user?.email ?? identity.email,
      grants: assignments.map(grantOf),
    };
  }

  /**
   * Makes sure a development user holding exactly this role and these scopes exists (the same
   * request always names the same user), replacing whatever else it held. Audited.
   */
  async ensureDevelopmentUser(
    role: Role,
    scopes: RequestedScopes,
  ): Promise<{ user: AppUser; grants: RoleGrant[] }> {
    const { grants, problems } = grantsFor(role, scopes);
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    await this.assertScopesExist(grants);
    const key = grants.map(grantKey).sort().join(';');
    const subject = `dev:${role}:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
    const email = `${subject.replace(/:/g, '-').toLowerCase()}@development.invalid`;

    return this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(AppUser);
      await users.upsert(
        { issuer: DEVELOPMENT_ISSUER, subject, email, displayName: `Development ${role}` },
        ['issuer', 'subject'],
      );
      const user = await users.findOneByOrFail({ issuer: DEVELOPMENT_ISSUER, subject });
      const assignments = manager.getRepository(RoleAssignment);
      const held = await assignments.find({ where: { userId: user.id } });
      const before = held.map(grantOf);
      if (before.map(grantKey).sort().join(';') !== key) {
        await assignments.delete({ userId: user.id });
        await assignments.insert(grants.map((grant) => ({ ...grant, userId: user.id })));
        await this.audit.record(manager, {
          actorUserId: null,
          action: 'role-assignment.replace',
          entityType: 'app_user',
          entityId: user.id,
          before: { grants: before },
          after: { grants },
        });
      }
      return { user, grants };
    });
  }

  /** Lets a person manage a programme (admins only); audited, and a repeat changes nothing. */
  assignProgrammeManager(
    caller: Caller,
    input: { programmeId: string; userId: string },
  ): Promise<ProgrammeManagerAssignment> {
    return this.changeProgrammeManager(caller, input, true);
  }

  /** Stops a person managing a programme (admins only); audited, and a repeat changes nothing. */
  revokeProgrammeManager(
    caller: Caller,
    input: { programmeId: string; userId: string },
  ): Promise<ProgrammeManagerAssignment> {
    return this.changeProgrammeManager(caller, input, false);
  }

  /**
   * Within a change already under way (a manager creating a programme), makes the person a
   * manager of the programme unless they are already; audited. True when it granted anything.
   */
  grantProgrammeIn(
    manager: EntityManager,
    grant: { actorUserId: string | null; userId: string; programmeId: string },
  ): Promise<boolean> {
    return this.assignments.grant(manager, {
      actorUserId: grant.actorUserId,
      userId: grant.userId,
      grant: managerOf(grant.programmeId),
    });
  }

  private async changeProgrammeManager(
    caller: Caller,
    input: { programmeId: string; userId: string },
    assign: boolean,
  ): Promise<ProgrammeManagerAssignment> {
    if (!isAdmin(caller)) throw new ForbiddenError('Only admins decide who manages a programme.');
    const { programmeId, userId } = input;
    return this.dataSource.transaction(async (manager) => {
      await this.assignments.lockUser(manager, userId);
      const programme = isUuid(programmeId)
        ? await manager.query<unknown[]>('SELECT 1 FROM programme WHERE id = $1', [programmeId])
        : [];
      if (programme.length === 0) throw new NotFoundError('Programme', programmeId);
      const change = { actorUserId: caller.userId, userId, grant: managerOf(programmeId) };
      if (assign) await this.assignments.grant(manager, change);
      else await this.assignments.revoke(manager, change);
      return { userId, programmeId, assigned: assign };
    });
  }

  /** Scopes name records that exist; problems are named as `ensureDevelopmentUser` is asked. */
  private async assertScopesExist(grants: RoleGrant[]): Promise<void> {
    const missing = await this.assignments.missingScopes(this.dataSource.manager, grants);
    const problems = missing.map((problem) => ({ ...problem, field: `${problem.field}s` }));
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }
}
