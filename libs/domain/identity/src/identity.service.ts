import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@la-tracker/platform/audit';
import {
  CallerLoader,
  DEVELOPMENT_ISSUER,
  type Caller,
  type Role,
  type RoleGrant,
} from '@la-tracker/platform/auth';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { DataSource } from 'typeorm';
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
    await this.assertRegionsExist(grants);
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

  private async assertRegionsExist(grants: RoleGrant[]): Promise<void> {
    const codes = grants
      .map((grant) => grant.regionCode)
      .filter((code): code is string => code !== null);
    if (codes.length === 0) return;
    const found = await this.dataSource.query<Array<{ code: string }>>(
      'SELECT code FROM region WHERE code = ANY($1)',
      [codes],
    );
    const missing = codes.filter((code) => !found.some((row) => row.code === code));
    if (missing.length > 0) {
      throw BadUserInputError.forFields(
        missing.map((code) => ({
          field: 'regionCodes',
          message: `no region has the code ${code}`,
        })),
      );
    }
  }
}
