import { Inject, Injectable } from '@nestjs/common';
import { isAdmin, Role, type Caller } from '@la-tracker/platform/auth';
import {
  anyText,
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import { BadUserInputError, ForbiddenError } from '@la-tracker/platform/errors';
import { DataSource, type EntityManager } from 'typeorm';
import { AppUser } from './app-user.entity';
import { RoleAssignment } from './role-assignment.entity';
import { grantFor, type GrantRequest } from './role-assignment.rules';
import { RoleAssignmentWriter } from './role-assignment.writer';
import { UserRepository } from './user.repository';

/** A person with every role they hold. */
export type PersonWithRoles = AppUser & { assignments: RoleAssignment[] };

export interface UserFilter {
  search?: string | null;
  role?: Role | null;
}

/** A person, and one role with its scope to give them or take away. */
export type RoleChangeInput = GrantRequest & { userId: string };

const MAX_SEARCH_LENGTH = 200;
const ADMIN_GRANT = { role: Role.ADMIN, supplierId: null, regionCode: null, programmeId: null };

/**
 * People and their role assignments, managed by admins (SPEC §2): who has signed in, and what each
 * may do. Every change is audited, and a repeat changes nothing.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(RoleAssignmentWriter) private readonly assignments: RoleAssignmentWriter,
  ) {}

  /** People by name, with their roles; filtered by part of a name, e-mail or subject, or a role. */
  async list(
    caller: Caller,
    filter: UserFilter,
    request: PageRequest,
  ): Promise<Page<PersonWithRoles>> {
    this.assertAdmin(caller);
    const search = filter.search?.trim() ?? '';
    if (search.length > MAX_SEARCH_LENGTH)
      throw BadUserInputError.forFields([
        { field: 'filter.search', message: `must be at most ${MAX_SEARCH_LENGTH} characters` },
      ]);
    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [anyText, isUuid]) as [string, string])
      : undefined;
    const query = { search: search || undefined, role: filter.role ?? undefined };
    const [rows, totalCount] = await Promise.all([
      this.users.page(query, limit + 1, after),
      this.users.count(query),
    ]);
    const held = await this.users.assignmentsOf(rows.slice(0, limit).map((user) => user.id));
    const people = rows.map((user) =>
      Object.assign(user, {
        assignments: held.filter((assignment) => assignment.userId === user.id),
      }),
    );
    return toPage(people, limit, totalCount, request.after, (user) => [user.sortName, user.id]);
  }

  /** Gives a person a role with its scope, which must exist; a repeat changes nothing. */
  assignRole(caller: Caller, input: RoleChangeInput): Promise<PersonWithRoles> {
    return this.changeRole(caller, input, true);
  }

  /**
   * Takes a role with its scope away from a person; a repeat changes nothing. The last ADMIN
   * assignment stays, so the service always has someone to manage it.
   */
  revokeRole(caller: Caller, input: RoleChangeInput): Promise<PersonWithRoles> {
    return this.changeRole(caller, input, false);
  }

  /**
   * Makes sure the person exists and is an admin (the command line; how a new installation gets
   * its first admin). Audited with no actor; a repeat changes nothing.
   */
  async addAdmin(person: {
    issuer: string;
    subject: string;
    email: string | null;
  }): Promise<{ person: PersonWithRoles; created: boolean; granted: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const { user, created } = await this.users.insertIfMissing(manager, {
        ...person,
        displayName: null,
      });
      await this.assignments.lockUser(manager, user.id);
      if (person.email && person.email !== user.email)
        await manager.getRepository(AppUser).update({ id: user.id }, { email: person.email });
      const granted = await this.assignments.grant(manager, {
        actorUserId: null,
        userId: user.id,
        grant: ADMIN_GRANT,
      });
      return { person: await this.personIn(manager, user.id), created, granted };
    });
  }

  private async changeRole(
    caller: Caller,
    input: RoleChangeInput,
    assign: boolean,
  ): Promise<PersonWithRoles> {
    this.assertAdmin(caller);
    const { grant, problems } = grantFor(input);
    if (!grant) throw BadUserInputError.forFields(problems);
    return this.dataSource.transaction(async (manager) => {
      await this.assignments.lockUser(manager, input.userId);
      const change = { actorUserId: caller.userId, userId: input.userId, grant };
      if (assign) {
        // Taking away a role whose record has since gone must still work; giving one must not.
        const missing = await this.assignments.missingScopes(manager, [grant]);
        if (missing.length > 0) throw BadUserInputError.forFields(missing);
        await this.assignments.grant(manager, change);
      } else {
        await this.assignments.revoke(manager, change);
      }
      return this.personIn(manager, input.userId);
    });
  }

  private async personIn(manager: EntityManager, userId: string): Promise<PersonWithRoles> {
    const user = await manager.getRepository(AppUser).findOneByOrFail({ id: userId });
    const assignments = await manager.getRepository(RoleAssignment).find({
      where: { userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return Object.assign(user, { assignments });
  }

  private assertAdmin(caller: Caller): void {
    if (!isAdmin(caller)) throw new ForbiddenError('Only admins manage people and their roles.');
  }
}
