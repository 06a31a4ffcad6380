import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import { ConfigError } from '@la-tracker/platform/config';
import {
  BadUserInputError,
  ErrorCode,
  ForbiddenError,
  NotFoundError,
} from '@la-tracker/platform/errors';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { AppUser } from './app-user.entity';
import { identityEntities } from './identity.entities';
import { IdentityModule } from './identity.module';
import { IdentityService } from './identity.service';
import { RoleAssignmentWriter } from './role-assignment.writer';
import { SignInService } from './sign-in.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

// The default programme, which the seed creates in every database (the template's too).
const PROGRAMME = '6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01';
const admin = callerWith([grant(Role.ADMIN)], randomUUID());
const noScopes = { supplierIds: [], regionCodes: [], programmeIds: [] };

describe('IdentityService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: IdentityService;
  let dataSource: DataSource;
  let userId: string;

  const assignments = () =>
    dataSource.query(
      `SELECT role, programme_id FROM role_assignment WHERE user_id = $1 ORDER BY programme_id NULLS FIRST`,
      [userId],
    );
  const audited = () =>
    dataSource.query(
      `SELECT action, actor_user_id, entity_id, programme_id, before, after FROM audit_event
        WHERE entity_id = $1 ORDER BY id`,
      [userId],
    );

  beforeEach(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...identityEntities, AuditEvent],
      imports: [IdentityModule],
    });
    sut = app.get(IdentityService);
    dataSource = app.get(DataSource);
    ({ id: userId } = await dataSource
      .getRepository(AppUser)
      .save({ issuer: 'test', subject: 'manager', email: null, displayName: null }));
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  describe('assignProgrammeManager and revokeProgrammeManager', () => {
    it('assign and revoke once however often asked, auditing each change', async () => {
      const input = { programmeId: PROGRAMME, userId };
      expect(await sut.assignProgrammeManager(admin, input)).toEqual({ ...input, assigned: true });
      await sut.assignProgrammeManager(admin, input);
      expect(await assignments()).toEqual([{ role: 'PROGRAMME_MANAGER', programme_id: PROGRAMME }]);
      expect(await sut.revokeProgrammeManager(admin, input)).toEqual({ ...input, assigned: false });
      await sut.revokeProgrammeManager(admin, input);
      expect(await assignments()).toEqual([]);
      const change = { role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME };
      expect(await audited()).toEqual([
        {
          action: 'role-assignment.assign',
          actor_user_id: admin.userId,
          entity_id: userId,
          programme_id: PROGRAMME,
          before: null,
          after: change,
        },
        {
          action: 'role-assignment.revoke',
          actor_user_id: admin.userId,
          entity_id: userId,
          programme_id: PROGRAMME,
          before: change,
          after: null,
        },
      ]);
    });

    it('answers NOT_FOUND for a person or programme that does not exist, and writes nothing', async () => {
      const missing = randomUUID();
      await expect(
        sut.assignProgrammeManager(admin, { programmeId: PROGRAMME, userId: missing }),
      ).rejects.toThrow(new NotFoundError('User', missing));
      await expect(
        sut.assignProgrammeManager(admin, { programmeId: missing, userId }),
      ).rejects.toThrow(new NotFoundError('Programme', missing));
      await expect(
        sut.revokeProgrammeManager(admin, { programmeId: 'lot-1', userId }),
      ).rejects.toThrow(new NotFoundError('Programme', 'lot-1'));
      expect(await assignments()).toEqual([]);
      expect(await audited()).toEqual([]);
    });

    it('refuses anyone but an admin', async () => {
      const manager = callerWith(
        [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })],
        userId,
      );
      await expect(
        sut.assignProgrammeManager(manager, { programmeId: PROGRAMME, userId }),
      ).rejects.toThrow(ForbiddenError);
    });
  });

  describe('ensureDevelopmentUser', () => {
    it('gives a manager a programme that exists', async () => {
      const { grants } = await sut.ensureDevelopmentUser(Role.PROGRAMME_MANAGER, {
        ...noScopes,
        programmeIds: [PROGRAMME],
      });
      expect(grants).toEqual([grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })]);
    });

    it('refuses a supplier or a programme that does not exist, naming it', async () => {
      const missing = randomUUID();
      await expect(
        sut.ensureDevelopmentUser(Role.SUPPLIER, { ...noScopes, supplierIds: [missing] }),
      ).rejects.toThrow(
        BadUserInputError.forFields([
          { field: 'supplierIds', message: `no supplier has the id ${missing}` },
        ]),
      );
      await expect(
        sut.ensureDevelopmentUser(Role.PROGRAMME_MANAGER, {
          ...noScopes,
          programmeIds: [PROGRAMME, missing],
        }),
      ).rejects.toThrow(`no programme has the id ${missing}`);
      await expect(
        sut.ensureDevelopmentUser(Role.REGIONAL_ADVISER, {
          ...noScopes,
          regionCodes: ['E12000010'],
        }),
      ).rejects.toThrow('no region has the code E12000010');
    });
  });

  describe('revokeRole', () => {
    it('refuses the second of two removals of the last two admins, even while the first is uncommitted', async () => {
      const users = app.get(UsersService);
      const { id: otherId } = await dataSource
        .getRepository(AppUser)
        .save({ issuer: 'test', subject: 'other-admin', email: null, displayName: null });
      await users.assignRole(admin, { userId, role: Role.ADMIN });
      await users.assignRole(admin, { userId: otherId, role: Role.ADMIN });
      // One removal is under way, not yet committed, when the other is asked for.
      const first = dataSource.createQueryRunner();
      await first.connect();
      await first.startTransaction();
      try {
        await app.get(RoleAssignmentWriter).revoke(first.manager, {
          actorUserId: admin.userId,
          userId,
          grant: grant(Role.ADMIN),
        });
        const second = users.revokeRole(admin, { userId: otherId, role: Role.ADMIN });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await first.commitTransaction();
        await expect(second).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
      } finally {
        await first.release();
      }
      expect(
        await dataSource.query(
          `SELECT count(*)::int AS admins FROM role_assignment WHERE role = 'ADMIN'`,
        ),
      ).toEqual([{ admins: 1 }]);
    });
  });

  describe('signing in', () => {
    const organisationId = 'org-with-a-missing-supplier';
    let signIn: INestApplicationContext;

    beforeEach(async () => {
      const config = testConfig({
        databaseUrl: database.url,
        redisUrl: testEnvironment().redisUrl,
      });
      signIn = await createDomainTestContext({
        config: {
          ...config,
          auth: {
            ...config.auth,
            oidc: {
              issuer: 'https://oidc.example.gov.uk',
              audience: 'la-delivery-tracker',
              organisationRoles: {
                [organisationId]: { role: 'SUPPLIER', supplierId: randomUUID() },
              },
            },
          },
        },
        entities: [...identityEntities, AuditEvent],
        imports: [IdentityModule],
      });
    });

    afterEach(() => signIn.close());

    it('records a person whose organisation’s scope no longer exists, giving them no role', async () => {
      const caller = await signIn.get(IdentityService).load({
        issuer: 'https://oidc.example.gov.uk',
        subject: 'dsi-person',
        email: 'pat@example.gov.uk',
        profile: { displayName: 'Pat Person', organisation: { id: organisationId, name: null } },
      });
      expect(caller).toMatchObject({ userId: expect.any(String), grants: [] });
      expect(
        await dataSource.query(
          `SELECT email, display_name FROM app_user WHERE subject = 'dsi-person'`,
        ),
      ).toEqual([{ email: 'pat@example.gov.uk', display_name: 'Pat Person' }]);
      expect(
        await dataSource.query(`SELECT 1 FROM audit_event WHERE entity_id = $1`, [caller.userId]),
      ).toEqual([]);
    });

    it('refuses to start with a mapping that grants ADMIN, naming the setting', () => {
      const config = testConfig({
        databaseUrl: database.url,
        redisUrl: testEnvironment().redisUrl,
      });
      const oidc = {
        issuer: 'https://oidc.example.gov.uk',
        audience: 'la-delivery-tracker',
        organisationRoles: { 'org-1': { role: 'ADMIN' } },
      };
      const starting = () =>
        new SignInService(dataSource, app.get(RoleAssignmentWriter), app.get(UserRepository), {
          ...config,
          auth: { ...config.auth, oidc },
        });
      expect(starting).toThrow(ConfigError);
      expect(starting).toThrow(/OIDC_ORGANISATION_ROLES: organisation "org-1"/);
    });
  });
});
