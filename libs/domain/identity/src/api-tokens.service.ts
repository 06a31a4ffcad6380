import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditWriter } from '@la-tracker/platform/audit';
import { isAdmin, type Caller } from '@la-tracker/platform/auth';
import { isUuid } from '@la-tracker/platform/database';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '@la-tracker/platform/errors';
import { Clock } from '@la-tracker/platform/time';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ApiToken } from './api-token.entity';
import {
  API_TOKEN_SECRET_BYTES,
  API_TOKEN_USE_RECORDING_INTERVAL_MS,
  apiTokenExpiresAt,
  apiTokenSecretFrom,
  apiTokenState,
  isWellFormedApiTokenSecret,
  listPrefixOf,
  liveApiTokenLimitProblem,
  newApiTokenProblems,
  secretHashOf,
  shouldRecordApiTokenUse,
  type NewApiToken,
} from './api-token.rules';
import { AppUser } from './app-user.entity';

/** A token just made, with its secret: the only time the secret is ever given out. */
export interface CreatedApiToken {
  token: ApiToken;
  secret: string;
}

/** The person an API token stands for, and until when. */
export interface ApiTokenBearer {
  owner: AppUser;
  tokenId: string;
  expiresAt: Date;
}

/**
 * Personal API tokens (SPEC §2). Anyone holding a role may make tokens for themselves; each
 * carries its owner's role assignments as they stand at each request, so a role taken away
 * narrows every token at once. Owners list and revoke their own; admins anyone's.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Makes a token for the caller. Audited without the secret or its hash. */
  async create(caller: Caller, input: NewApiToken): Promise<CreatedApiToken> {
    // A leaked token must not be able to mint fresh, long-lived ones for whoever holds it.
    if (caller.apiTokenId)
      throw new ForbiddenError(
        'An API token cannot create API tokens: sign in as yourself to create one.',
      );
    const ownerId = caller.userId;
    if (!ownerId || caller.grants.length === 0)
      throw new ForbiddenError('Only people who hold a role may create API tokens.');

    return this.dataSource.transaction(async (manager) => {
      // Locks the owner, so two requests cannot both take the same name.
      await manager
        .getRepository(AppUser)
        .findOneOrFail({ where: { id: ownerId }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      const live = (await this.tokensOf(manager, ownerId)).filter(
        (token) => apiTokenState(token, now) === 'LIVE',
      );
      const { name, problems } = newApiTokenProblems(
        input,
        this.clock.today(),
        live.map((token) => token.name),
      );
      if (problems.length > 0) throw BadUserInputError.forFields(problems);
      const overLimit = liveApiTokenLimitProblem(live.length);
      if (overLimit) throw new ConflictError(overLimit);

      const secret = apiTokenSecretFrom(randomBytes(API_TOKEN_SECRET_BYTES));
      const tokens = manager.getRepository(ApiToken);
      const token = await tokens.save(
        tokens.create({
          userId: ownerId,
          createdAt: now,
          name,
          prefix: listPrefixOf(secret),
          secretHash: secretHashOf(secret),
          expiresOn: input.expiresOn,
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(manager, {
        actorUserId: ownerId,
        action: 'api-token.create',
        entityType: 'api_token',
        entityId: token.id,
        before: null,
        after: { userId: ownerId, name, prefix: token.prefix, expiresOn: token.expiresOn },
      });
      return { token, secret };
    });
  }

  /**
   * The caller's own tokens, newest first; an admin may name anyone. Anyone else naming another
   * person answers NOT_FOUND, as if no such person existed. Never the secrets.
   */
  async list(caller: Caller, userId?: string | null): Promise<ApiToken[]> {
    const ownerId = userId ?? caller.userId;
    if (ownerId !== caller.userId) {
      if (
        !isAdmin(caller) ||
        !ownerId ||
        !isUuid(ownerId) ||
        !(await this.dataSource.getRepository(AppUser).existsBy({ id: ownerId }))
      )
        throw new NotFoundError('User', ownerId ?? '');
    }
    return ownerId ? this.tokensOf(this.dataSource.manager, ownerId) : [];
  }

  /**
   * Revokes a token: the caller's own, or anyone's for an admin. Someone else's answers
   * NOT_FOUND, as if it did not exist; a repeat changes nothing. Audited.
   */
  async revoke(caller: Caller, id: string): Promise<ApiToken> {
    return this.dataSource.transaction(async (manager) => {
      const tokens = manager.getRepository(ApiToken);
      const token = isUuid(id)
        ? await tokens.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!token || (token.userId !== caller.userId && !isAdmin(caller)))
        throw new NotFoundError('ApiToken', id);
      if (token.revokedAt) return token;
      token.revokedAt = this.clock.now();
      await tokens.update({ id, revokedAt: IsNull() }, { revokedAt: token.revokedAt });
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'api-token.revoke',
        entityType: 'api_token',
        entityId: token.id,
        before: { revokedAt: null },
        after: { revokedAt: token.revokedAt },
      });
      return token;
    });
  }

  /**
   * The person a bearer secret stands for; UNAUTHENTICATED, saying why, for one that is unknown,
   * revoked or expired. Found by the secret's hash through a unique index: a lookup whose timing
   * varied with how much of a stored hash an attacker's guess matched would tell them only about
   * hashes, from which no secret can be worked back, so no constant-time comparison is needed.
   */
  async authenticate(secret: string): Promise<ApiTokenBearer> {
    const token = isWellFormedApiTokenSecret(secret)
      ? await this.dataSource
          .getRepository(ApiToken)
          .findOne({ where: { secretHash: secretHashOf(secret) }, relations: { user: true } })
      : null;
    if (!token?.user)
      throw new UnauthenticatedError(
        'This API token is not known here: check it was copied whole, or create a new one.',
      );
    const now = this.clock.now();
    switch (apiTokenState(token, now)) {
      case 'REVOKED':
        throw new UnauthenticatedError('This API token has been revoked: create a new one.');
      case 'EXPIRED':
        throw new UnauthenticatedError(
          `This API token expired at the end of ${token.expiresOn}: create a new one.`,
        );
      case 'LIVE':
        break;
    }
    if (shouldRecordApiTokenUse(token.lastUsedAt, now)) await this.recordUse(token.id, now);
    return { owner: token.user, tokenId: token.id, expiresAt: apiTokenExpiresAt(token.expiresOn) };
  }

  private tokensOf(manager: EntityManager, userId: string): Promise<ApiToken[]> {
    return manager
      .getRepository(ApiToken)
      .find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Notes the use unless a concurrent request already has, within the same minute. */
  private async recordUse(tokenId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_token SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - $3 * interval '1 millisecond')`,
      [tokenId, now, API_TOKEN_USE_RECORDING_INTERVAL_MS],
    );
  }
}
