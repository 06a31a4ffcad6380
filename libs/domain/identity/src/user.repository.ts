import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@la-tracker/platform/auth';
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AppUser } from './app-user.entity';
import { RoleAssignment } from './role-assignment.entity';

export interface UserQuery {
  /** Part of a name, e-mail or subject, in any case. */
  search?: string;
  /** People holding this role (in any scope). */
  role?: Role;
}

/** People are listed by name; one with no name yet by e-mail, else by subject. */
const SORT_NAME = 'lower(coalesce(u.display_name, u.email, u.subject))';

/** A person's place in the list: their sort name, then their id. */
export type UserRow = AppUser & { sortName: string };

@Injectable()
export class UserRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private filtered(query: UserQuery): SelectQueryBuilder<AppUser> {
    const qb = this.dataSource.getRepository(AppUser).createQueryBuilder('u');
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, '\\$&')}%`;
      qb.andWhere(
        new Brackets((or) => {
          or.where('u.display_name ILIKE :pattern', { pattern })
            .orWhere('u.email ILIKE :pattern')
            .orWhere('u.subject ILIKE :pattern');
        }),
      );
    }
    if (query.role)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = u.id AND ra.role = :role)',
        { role: query.role },
      );
    return qb;
  }

  /** By sort name, then id; the cursor is the last row's (sort name, id). */
  async page(query: UserQuery, limit: number, after?: [string, string]): Promise<UserRow[]> {
    const qb = this.filtered(query).addSelect(SORT_NAME, 'sort_name');
    if (after)
      qb.andWhere(`(${SORT_NAME}, u.id) > (:afterName, :afterId)`, {
        afterName: after[0],
        afterId: after[1],
      });
    const { entities, raw } = await qb
      .orderBy(SORT_NAME, 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit)
      .getRawAndEntities<{ u_id: string; sort_name: string }>();
    const names = new Map(raw.map((row) => [row.u_id, row.sort_name]));
    return entities.map((user) => Object.assign(user, { sortName: names.get(user.id)! }));
  }

  count(query: UserQuery): Promise<number> {
    return this.filtered(query).getCount();
  }

  /**
   * The person known by this issuer and subject, recorded as given if they are not yet; `created`
   * says which. Two first sign-ins at once make one record.
   */
  async insertIfMissing(
    manager: EntityManager,
    person: Pick<AppUser, 'issuer' | 'subject' | 'email' | 'displayName'>,
  ): Promise<{ user: AppUser; created: boolean }> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(AppUser)
      .values(person)
      .orIgnore()
      .returning(['id'])
      .execute();
    const user = await manager
      .getRepository(AppUser)
      .findOneByOrFail({ issuer: person.issuer, subject: person.subject });
    return { user, created: (inserted.raw as unknown[]).length > 0 };
  }

  /** Every assignment these people hold, oldest first. */
  assignmentsOf(userIds: readonly string[]): Promise<RoleAssignment[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(RoleAssignment).find({
      where: { userId: In([...userIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
