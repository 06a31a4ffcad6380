import { createHash, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { AuditEvent, PERSONAL_VALUE } from '@la-tracker/platform/audit';
import { Role, type Caller } from '@la-tracker/platform/auth';
import { ErrorCode } from '@la-tracker/platform/errors';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  refusedWith,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { FixedClock } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { ApiTokensService } from './api-tokens.service';
import { AppUser } from './app-user.entity';
import { identityEntities } from './identity.entities';
import { IdentityModule } from './identity.module';

// Noon on 1 June 2024 in UTC: 13:00 in England, so today is 2024-06-01 there.
const NOON = new Date('2024-06-01T12:00:00Z');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('ApiTokensService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: ApiTokensService;
  let dataSource: DataSource;
  let clock: FixedClock;
  let adviser: Caller;
  let otherAdviser: Caller;
  let admin: Caller;

  const person = async (subject: string): Promise<string> =>
    (
      await dataSource
        .getRepository(AppUser)
        .save({ issuer: 'test', subject, email: null, displayName: null })
    ).id;
  const rows = () =>
    dataSource.query<Array<Record<string, unknown>>>(
      `SELECT user_id, name, prefix, secret_hash, expires_on::text, last_used_at, revoked_at
         FROM api_token ORDER BY created_at, id`,
    );
  const audited = () =>
    dataSource.query<Array<Record<string, unknown>>>(
      `SELECT action, actor_user_id, entity_type, entity_id, before, after FROM audit_event
        WHERE entity_type = 'api_token' ORDER BY id`,
    );

  beforeEach(async () => {
    database = await createTestDatabase();
    clock = new FixedClock(NOON);
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...identityEntities, AuditEvent],
      imports: [IdentityModule],
      clock,
    });
    sut = app.get(ApiTokensService);
    dataSource = app.get(DataSource);
    adviser = callerWith(
      [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })],
      await person('adviser'),
    );
    otherAdviser = callerWith(
      [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000002' })],
      await person('other-adviser'),
    );
    admin = callerWith([grant(Role.ADMIN)], await person('admin'));
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  describe('create', () => {
    it('gives the secret once and keeps only its hash and prefix; audited without either', async () => {
      const { token, secret } = await sut.create(adviser, {
        name: '  Regional dashboard  ',
        expiresOn: '2024-12-31',
      });

      expect(secret).toMatch(/^lat_[A-Za-z0-9_-]{43}$/);
      expect(token).toMatchObject({
        userId: adviser.userId,
        name: 'Regional dashboard',
        prefix: secret.slice(0, 12),
        expiresOn: '2024-12-31',
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(await rows()).toEqual([
        {
          user_id: adviser.userId,
          name: 'Regional dashboard',
          prefix: secret.slice(0, 12),
          secret_hash: sha256(secret),
          expires_on: '2024-12-31',
          last_used_at: null,
          revoked_at: null,
        },
      ]);
      const audit = await audited();
      expect(audit).toEqual([
        {
          action: 'api-token.create',
          actor_user_id: adviser.userId,
          entity_type: 'api_token',
          entity_id: token.id,
          before: null,
          after: {
            userId: adviser.userId,
            // A label its owner chose may name a person: kept out, as every `name` is.
            name: PERSONAL_VALUE,
            prefix: secret.slice(0, 12),
            expiresOn: '2024-12-31',
          },
        },
      ]);
      expect(JSON.stringify(audit)).not.toContain(secret);
      expect(JSON.stringify(audit)).not.toContain(sha256(secret));
    });

    it('makes a different secret each time', async () => {
      const first = await sut.create(adviser, { name: 'One', expiresOn: '2024-12-31' });
      const second = await sut.create(adviser, { name: 'Two', expiresOn: '2024-12-31' });
      expect(first.secret).not.toBe(second.secret);
    });

    it('refuses a caller who came with an API token, or who holds no role, and writes nothing', async () => {
      const { token } = await sut.create(adviser, { name: 'First', expiresOn: '2024-12-31' });
      const viaToken = { ...adviser, apiTokenId: token.id };
      const refusal = await refusedWith(
        sut.create(viaToken, { name: 'Second', expiresOn: '2024-12-31' }),
        ErrorCode.FORBIDDEN,
      );
      expect(refusal.message).toMatch(/An API token cannot create API tokens/);
      await refusedWith(
        sut.create(callerWith([], adviser.userId), { name: 'Third', expiresOn: '2024-12-31' }),
        ErrorCode.FORBIDDEN,
      );
      await refusedWith(
        sut.create(callerWith([grant(Role.ADMIN)], null), {
          name: 'Fourth',
          expiresOn: '2024-12-31',
        }),
        ErrorCode.FORBIDDEN,
      );
      expect((await rows()).map((row) => row.name)).toEqual(['First']);
      expect(await audited()).toHaveLength(1);
    });

    it("refuses a live token's name and a bad expiry, writing nothing; a revoked or expired token's name is free", async () => {
      const { token } = await sut.create(adviser, { name: 'Laptop', expiresOn: '2024-06-01' });
      const refusal = await refusedWith(
        sut.create(adviser, { name: 'LAPTOP', expiresOn: '2025-06-02' }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(refusal.details).toEqual({
        fields: [
          {
            field: 'name',
            message:
              'you already have a live token named "LAPTOP": revoke it or choose another name',
          },
          {
            field: 'expiresOn',
            message: 'must be at most a year ahead (2025-06-01 at the latest)',
          },
        ],
      });
      // Another person may use the name.
      await sut.create(otherAdviser, { name: 'Laptop', expiresOn: '2024-06-30' });
      expect(await rows()).toHaveLength(2);

      // The next day in England the first has expired: its name is free again.
      clock.set(new Date('2024-06-01T23:00:00Z'));
      const second = await sut.create(adviser, { name: 'Laptop', expiresOn: '2024-06-30' });
      await refusedWith(
        sut.create(adviser, { name: 'laptop', expiresOn: '2024-06-30' }),
        ErrorCode.BAD_USER_INPUT,
      );
      // Once revoked, so is the second's.
      await sut.revoke(adviser, second.token.id);
      clock.set(new Date('2024-06-02T08:00:00Z'));
      await sut.create(adviser, { name: 'laptop', expiresOn: '2024-06-30' });
      expect((await rows()).map((row) => [row.name, row.revoked_at !== null])).toEqual([
        ['Laptop', false],
        ['Laptop', false],
        ['Laptop', true],
        ['laptop', false],
      ]);
      expect(token.revokedAt).toBeNull();
    });

    it('refuses an 11th live token with CONFLICT, writing nothing; a revoked one makes room', async () => {
      const made = [];
      for (let i = 1; i <= 10; i += 1)
        made.push(await sut.create(adviser, { name: `System ${i}`, expiresOn: '2024-12-31' }));
      const refusal = await refusedWith(
        sut.create(adviser, { name: 'System 11', expiresOn: '2024-12-31' }),
        ErrorCode.CONFLICT,
      );
      expect(refusal.message).toMatch(/already have 10 live API tokens/);
      expect(await rows()).toHaveLength(10);

      await sut.revoke(adviser, made[0].token.id);
      await sut.create(adviser, { name: 'System 11', expiresOn: '2024-12-31' });
      expect(await rows()).toHaveLength(11);
    });
  });

  describe('list', () => {
    it("gives the caller's own tokens, newest first; an admin anyone's", async () => {
      await sut.create(adviser, { name: 'Older', expiresOn: '2024-12-31' });
      clock.set(new Date('2024-06-02T12:00:00Z'));
      await sut.create(adviser, { name: 'Newer', expiresOn: '2024-12-31' });
      await sut.create(otherAdviser, { name: 'Theirs', expiresOn: '2024-12-31' });

      expect((await sut.list(adviser)).map((token) => token.name)).toEqual(['Newer', 'Older']);
      expect((await sut.list(adviser, adviser.userId)).map((token) => token.name)).toEqual([
        'Newer',
        'Older',
      ]);
      expect((await sut.list(admin, otherAdviser.userId)).map((token) => token.name)).toEqual([
        'Theirs',
      ]);
      expect(await sut.list(admin)).toEqual([]);
      expect(await sut.list(callerWith([], null))).toEqual([]);
    });

    it('answers NOT_FOUND to anyone but an admin naming another person, as to anyone naming nobody', async () => {
      const theirs = await refusedWith(sut.list(adviser, otherAdviser.userId), ErrorCode.NOT_FOUND);
      const missing = randomUUID();
      const nobody = await refusedWith(sut.list(adviser, missing), ErrorCode.NOT_FOUND);
      expect(theirs.message.replace(otherAdviser.userId!, '<id>')).toBe(
        nobody.message.replace(missing, '<id>'),
      );
      await refusedWith(sut.list(admin, randomUUID()), ErrorCode.NOT_FOUND);
      await refusedWith(sut.list(admin, 'not-an-id'), ErrorCode.NOT_FOUND);
    });
  });

  describe('revoke', () => {
    it('revokes once however often asked, auditing the change once', async () => {
      const { token } = await sut.create(adviser, { name: 'Laptop', expiresOn: '2024-12-31' });
      clock.set(new Date('2024-06-03T08:00:00Z'));
      const revoked = await sut.revoke(adviser, token.id);
      expect(revoked.revokedAt).toEqual(new Date('2024-06-03T08:00:00Z'));
      clock.set(new Date('2024-06-04T08:00:00Z'));
      expect((await sut.revoke(adviser, token.id)).revokedAt).toEqual(
        new Date('2024-06-03T08:00:00Z'),
      );
      expect((await rows())[0].revoked_at).toEqual(new Date('2024-06-03T08:00:00Z'));
      expect((await audited()).slice(1)).toEqual([
        {
          action: 'api-token.revoke',
          actor_user_id: adviser.userId,
          entity_type: 'api_token',
          entity_id: token.id,
          before: { revokedAt: null },
          after: { revokedAt: '2024-06-03T08:00:00.000Z' },
        },
      ]);
    });

    it("answers NOT_FOUND for another person's token, as for none at all; an admin may revoke any", async () => {
      const { token } = await sut.create(adviser, { name: 'Laptop', expiresOn: '2024-12-31' });
      await refusedWith(sut.revoke(otherAdviser, token.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.revoke(otherAdviser, randomUUID()), ErrorCode.NOT_FOUND);
      await refusedWith(sut.revoke(otherAdviser, 'lat_not-an-id'), ErrorCode.NOT_FOUND);
      expect((await rows())[0].revoked_at).toBeNull();
      await sut.revoke(admin, token.id);
      expect((await rows())[0].revoked_at).toEqual(NOON);
      expect((await audited()).at(-1)).toMatchObject({ actor_user_id: admin.userId });
    });
  });

  describe('authenticate', () => {
    it('finds the owner of a live token and when it stops working', async () => {
      const { token, secret } = await sut.create(adviser, {
        name: 'Laptop',
        expiresOn: '2024-07-14',
      });
      const bearer = await sut.authenticate(secret);
      expect(bearer).toEqual({
        owner: expect.objectContaining({ id: adviser.userId, subject: 'adviser' }),
        tokenId: token.id,
        expiresAt: new Date('2024-07-14T23:00:00Z'),
      });
    });

    it('notes when it was used at most once a minute', async () => {
      const { secret } = await sut.create(adviser, { name: 'Laptop', expiresOn: '2024-12-31' });
      const lastUsed = async () => (await rows())[0].last_used_at;

      await sut.authenticate(secret);
      expect(await lastUsed()).toEqual(NOON);
      clock.set(new Date('2024-06-01T12:00:59Z'));
      await sut.authenticate(secret);
      expect(await lastUsed()).toEqual(NOON);
      clock.set(new Date('2024-06-01T12:01:00Z'));
      await sut.authenticate(secret);
      expect(await lastUsed()).toEqual(new Date('2024-06-01T12:01:00Z'));
    });

    it('refuses, saying why, a secret that is unknown, revoked or expired', async () => {
      const { token, secret } = await sut.create(adviser, {
        name: 'Laptop',
        expiresOn: '2024-06-10',
      });
      const refusal = async (value: string) =>
        (await refusedWith(sut.authenticate(value), ErrorCode.UNAUTHENTICATED)).message;

      expect(await refusal(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`)).toMatch(
        /not known here/,
      );
      expect(await refusal('lat_short')).toMatch(/not known here/);

      clock.set(new Date('2024-06-10T22:59:59Z'));
      await sut.authenticate(secret);
      clock.set(new Date('2024-06-10T23:00:00Z'));
      expect(await refusal(secret)).toBe(
        'This API token expired at the end of 2024-06-10: create a new one.',
      );

      clock.set(NOON);
      await sut.revoke(adviser, token.id);
      expect(await refusal(secret)).toBe('This API token has been revoked: create a new one.');
    });

    it('refuses the token of a person who no longer exists: their tokens go with them', async () => {
      const { secret } = await sut.create(adviser, { name: 'Laptop', expiresOn: '2024-12-31' });
      await dataSource.getRepository(AppUser).delete({ id: adviser.userId! });
      expect(await rows()).toEqual([]);
      await refusedWith(sut.authenticate(secret), ErrorCode.UNAUTHENTICATED);
    });
  });
});
