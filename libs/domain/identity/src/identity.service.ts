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
} from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  type FieldProblem,
} from '@la-tracker/platform/errors';
import { DataSource, type EntityManager } from 'typeorm';
import { AppUser } from './app-user.entity';
import { RoleAssignment } from './role-assignment.entity';
import { grantsFor, type RequestedScopes } from './role-assignment.rules';

function grantOf(assignment: RoleAssignment): RoleGrant {
  return {
    role: assignment.role,
    supplierId: assignment.supplierId,
    regionCode: assignment.regionCode,
    programmeId: assignment.programmeId,
  };
}

/** Who manages a programme, after a change to it. */
export interface ProgrammeManagerAssignment {
  userId: string;
  programmeId: string;
  assigned: boolean;
}

const grantKey = (grant: RoleGrant) =>
  [grant.role, grant.supplierId, grant.regionCode, grant.programmeId].join('|');

/** People who sign in and the roles they hold (SPEC §2): the database decides what each may do. */
@Injectable()
export class IdentityService extends CallerLoader {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
  ) {
    super();
  }

  /** The person and every grant they hold (two indexed look-ups). Unknown people hold none. */
  async load(identity: { issuer: string; subject: string; email: string | null }): Promise<Caller> {
    const user = await this.dataSource
      .getRepository(AppUser)
      .findOneBy({ issuer: identity.issuer, subject: identity.subject });
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
  async grantProgrammeIn(
    manager: EntityManager,
    grant: { actorUserId: string | null; userId: string; programmeId: string },
  ): Promise<boolean> {
    const assignments = manager.getRepository(RoleAssignment);
    const where = {
      userId: grant.userId,
      role: Role.PROGRAMME_MANAGER,
      programmeId: grant.programmeId,
    };
    if (await assignments.existsBy(where)) return false;
    await assignments.insert({ ...where, supplierId: null, regionCode: null });
    await this.audit.record(manager, {
      actorUserId: grant.actorUserId,
      action: 'role-assignment.assign',
      entityType: 'app_user',
      entityId: grant.userId,
      before: null,
      after: { role: Role.PROGRAMME_MANAGER, programmeId: grant.programmeId },
      programmeId: grant.programmeId,
    });
    return true;
  }

  private async changeProgrammeManager(
    caller: Caller,
    input: { programmeId: string; userId: string },
    assign: boolean,
  ): Promise<ProgrammeManagerAssignment> {
    if (!isAdmin(caller)) throw new ForbiddenError('Only admins decide who manages a programme.');
    const { programmeId, userId } = input;
    return this.dataSource.transaction(async (manager) => {
      // Locks the person, so two changes to their roles never interleave.
      const user = isUuid(userId)
        ? await manager
            .getRepository(AppUser)
            .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!user) throw new NotFoundError('User', userId);
      const programme = isUuid(programmeId)
        ? await manager.query<unknown[]>('SELECT 1 FROM programme WHERE id = $1', [programmeId])
        : [];
      if (programme.length === 0) throw new NotFoundError('Programme', programmeId);
      if (assign) {
        await this.grantProgrammeIn(manager, { actorUserId: caller.userId, userId, programmeId });
      } else {
        const where = { userId, role: Role.PROGRAMME_MANAGER, programmeId };
        const { affected } = await manager.getRepository(RoleAssignment).delete(where);
        if (affected) {
          await this.audit.record(manager, {
            actorUserId: caller.userId,
            action: 'role-assignment.revoke',
            entityType: 'app_user',
            entityId: userId,
            before: { role: Role.PROGRAMME_MANAGER, programmeId },
            after: null,
            programmeId,
          });
        }
      }
      return { userId, programmeId, assigned: assign };
    });
  }

  /**
   * Scopes name records that exist. Plain SQL on their tables, so people do not depend on the
   * libraries that keep suppliers and programmes.
   */
  private async assertScopesExist(grants: RoleGrant[]): Promise<void> {
    const problems: FieldProblem[] = [];
    const check = async (
      key: 'regionCode' | 'supplierId' | 'programmeId',
      sql: string,
      problem: (value: string) => FieldProblem,
    ) => {
      const values = grants
        .map((grant) => grant[key])
        .filter((value): value is string => value !== null);
      if (values.length === 0) return;
      const found = (await this.dataSource.query<Array<{ key: string }>>(sql, [values])).map(
        (row) => row.key,
      );
      problems.push(...values.filter((value) => !found.includes(value)).map(problem));
    };
    await check('regionCode', 'SELECT code AS key FROM region WHERE code = ANY($1)', (code) => ({
      field: 'regionCodes',
      message: `no region has the code ${code}`,
    }));
    await check('supplierId', 'SELECT id::text AS key FROM supplier WHERE id = ANY($1)', (id) => ({
      field: 'supplierIds',
      message: `no supplier has the id ${id}`,
    }));
    await check(
      'programmeId',
      'SELECT id::text AS key FROM programme WHERE id = ANY($1)',
      (id) => ({ field: 'programmeIds', message: `no programme has the id ${id}` }),
    );
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }
}
