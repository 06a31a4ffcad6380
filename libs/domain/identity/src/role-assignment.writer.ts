import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@la-tracker/platform/audit';
import { Role, type RoleGrant } from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import { ConflictError, NotFoundError, type FieldProblem } from '@la-tracker/platform/errors';
import { IsNull, type EntityManager } from 'typeorm';
import { AppUser } from './app-user.entity';
import { RoleAssignment } from './role-assignment.entity';
import { grantValues } from './role-assignment.rules';

/** A grant given or taken away, and by whom (null for the system). */
export interface AssignmentChange {
  actorUserId: string | null;
  userId: string;
  grant: RoleGrant;
}

/**
 * The one place role assignments are written, within a transaction the caller holds: each change
 * is audited with it, and a repeat changes nothing.
 */
@Injectable()
export class RoleAssignmentWriter {
  constructor(@Inject(AuditWriter) private readonly audit: AuditWriter) {}

  /** The person, locked until the transaction ends so two changes to their roles never interleave. */
  async lockUser(manager: EntityManager, userId: string): Promise<AppUser> {
    const user = isUuid(userId)
      ? await manager
          .getRepository(AppUser)
          .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!user) throw new NotFoundError('User', userId);
    return user;
  }

  /**
   * What the grants' scopes name that does not exist. Plain SQL on their tables, so people do not
   * depend on the libraries that keep suppliers and programmes.
   */
  async missingScopes(manager: EntityManager, grants: RoleGrant[]): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const check = async (
      field: 'regionCode' | 'supplierId' | 'programmeId',
      sql: string,
      message: (value: string) => string,
    ) => {
      const values = grants
        .map((grant) => grant[field])
        .filter((value): value is string => value !== null);
      if (values.length === 0) return;
      const found = (await manager.query<Array<{ key: string }>>(sql, [values])).map(
        (row) => row.key,
      );
      problems.push(
        ...values
          .filter((value) => !found.includes(value))
          .map((value) => ({ field, message: message(value) })),
      );
    };
    await check(
      'regionCode',
      'SELECT code AS key FROM region WHERE code = ANY($1)',
      (code) => `no region has the code ${code}`,
    );
    await check(
      'supplierId',
      'SELECT id::text AS key FROM supplier WHERE id = ANY($1)',
      (id) => `no supplier has the id ${id}`,
    );
    await check(
      'programmeId',
      'SELECT id::text AS key FROM programme WHERE id = ANY($1)',
      (id) => `no programme has the id ${id}`,
    );
    return problems;
  }

  /**
   * Gives the person the grant unless they hold it already; audited (as `action`, with `note`
   * added to what the entry records). True when it granted anything.
   */
  async grant(
    manager: EntityManager,
    change: AssignmentChange,
    action = 'role-assignment.assign',
    note: Record<string, string> = {},
  ): Promise<boolean> {
    const assignments = manager.getRepository(RoleAssignment);
    if (await assignments.existsBy(whereHeld(change))) return false;
    await assignments.insert({ ...change.grant, userId: change.userId });
    await this.audit.record(manager, {
      actorUserId: change.actorUserId,
      action,
      entityType: 'app_user',
      entityId: change.userId,
      before: null,
      after: { ...grantValues(change.grant), ...note },
      programmeId: change.grant.programmeId,
    });
    return true;
  }

  /**
   * Takes the grant away if the person holds it; audited. The installation's last ADMIN
   * assignment is never taken away: someone must be left to manage people. True when it revoked.
   */
  async revoke(manager: EntityManager, change: AssignmentChange): Promise<boolean> {
    const assignments = manager.getRepository(RoleAssignment);
    if (!(await assignments.existsBy(whereHeld(change)))) return false;
    if (change.grant.role === Role.ADMIN) {
      // Locks every ADMIN assignment, so two admins removing each other cannot both succeed.
      const admins = await manager.query<unknown[]>(
        `SELECT id FROM role_assignment WHERE role = 'ADMIN' ORDER BY id FOR UPDATE`,
      );
      if (admins.length <= 1)
        throw new ConflictError(
          'This is the last ADMIN assignment: grant ADMIN to someone else first, so the service is never left without an admin.',
        );
    }
    await assignments.delete(whereHeld(change));
    await this.audit.record(manager, {
      actorUserId: change.actorUserId,
      action: 'role-assignment.revoke',
      entityType: 'app_user',
      entityId: change.userId,
      before: grantValues(change.grant),
      after: null,
      programmeId: change.grant.programmeId,
    });
    return true;
  }
}

/** The person's assignment of exactly this role and scope (an empty scope matches only empty). */
function whereHeld({ userId, grant }: AssignmentChange) {
  return {
    userId,
    role: grant.role,
    supplierId: grant.supplierId ?? IsNull(),
    regionCode: grant.regionCode ?? IsNull(),
    programmeId: grant.programmeId ?? IsNull(),
  };
}
