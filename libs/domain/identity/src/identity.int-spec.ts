import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import { BadUserInputError, ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
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
});
