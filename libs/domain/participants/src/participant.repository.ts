import { Inject, Injectable } from '@nestjs/common';
import type { EngagementStatus } from '@la-tracker/domain/engagements';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ParticipantScope } from './participant-access.rules';
import { Participant } from './participant.entity';

export interface ParticipantQuery {
  programmeId?: string;
  engagementId?: string;
  localAuthorityId?: string;
}

/** An engagement with what adding a participant needs: its scope, LA and state. */
export interface EngagementForParticipants {
  id: string;
  programmeId: string;
  localAuthorityId: string;
  status: EngagementStatus;
  supplierId: string | null;
}

/** A participant with the supplier of its engagement's contract, which scoping turns on. */
export interface ScopedParticipant {
  participant: Participant;
  supplierId: string | null;
}

/** A participant's place in the list: its LA's name, then its id. */
export type ParticipantRow = Participant & { localAuthorityName: string };

@Injectable()
export class ParticipantRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private filtered(
    scope: ParticipantScope,
    query: ParticipantQuery,
  ): SelectQueryBuilder<Participant> {
    const qb = this.dataSource
      .getRepository(Participant)
      .createQueryBuilder('p')
      .innerJoin('engagement', 'e', 'e.id = p.engagement_id')
      .leftJoin('contract', 'c', 'c.id = e.contract_id')
      .innerJoin('local_authority', 'la', 'la.id = p.local_authority_id');
    if (!scope.all) {
      qb.andWhere(
        new Brackets((or) => {
          // An empty scope must match nothing, never everything.
          or.where('false');
          if (scope.programmeIds.length > 0)
            or.orWhere('p.programme_id IN (:...scopeProgrammes)', {
              scopeProgrammes: scope.programmeIds,
            });
          if (scope.supplierIds.length > 0)
            or.orWhere('c.supplier_id IN (:...scopeSuppliers)', {
              scopeSuppliers: scope.supplierIds,
            });
        }),
      );
    }
    if (query.programmeId) qb.andWhere('p.programme_id = :programmeId', query);
    if (query.engagementId) qb.andWhere('p.engagement_id = :engagementId', query);
    if (query.localAuthorityId) qb.andWhere('p.local_authority_id = :localAuthorityId', query);
    return qb;
  }

  /** By LA name, then id; the cursor is the last row's (LA name, id). */
  async page(
    scope: ParticipantScope,
    query: ParticipantQuery,
    limit: number,
    after?: [string, string],
  ): Promise<ParticipantRow[]> {
    const qb = this.filtered(scope, query).addSelect('la.name', 'la_name');
    if (after)
      qb.andWhere('(la.name, p.id) > (:afterName, :afterId)', {
        afterName: after[0],
        afterId: after[1],
      });
    const { entities, raw } = await qb
      .orderBy('la.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getRawAndEntities<{ p_id: string; la_name: string }>();
    const names = new Map(raw.map((row) => [row.p_id, row.la_name]));
    return entities.map((p) => Object.assign(p, { localAuthorityName: names.get(p.id)! }));
  }

  count(scope: ParticipantScope, query: ParticipantQuery): Promise<number> {
    return this.filtered(scope, query).getCount();
  }

  /** The participants of these engagements that the scope reaches, by id. */
  ofEngagements(scope: ParticipantScope, engagementIds: readonly string[]): Promise<Participant[]> {
    if (engagementIds.length === 0) return Promise.resolve([]);
    return this.filtered(scope, {})
      .andWhere('p.engagement_id IN (:...engagementIds)', { engagementIds })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  async engagement(
    manager: EntityManager,
    id: string,
  ): Promise<EngagementForParticipants | undefined> {
    const [row] = await manager.query<EngagementForParticipants[]>(
      `SELECT e.id, e.programme_id AS "programmeId", e.local_authority_id AS "localAuthorityId",
              e.status, c.supplier_id AS "supplierId"
         FROM engagement e LEFT JOIN contract c ON c.id = e.contract_id
        WHERE e.id = $1`,
      [id],
    );
    return row;
  }

  /** One participant, locked until the transaction ends, with its engagement's supplier. */
  async lock(manager: EntityManager, id: string): Promise<ScopedParticipant | null> {
    const participant = await manager
      .getRepository(Participant)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
    if (!participant) return null;
    const [reach] = await manager.query<Array<{ supplierId: string | null }>>(
      `SELECT c.supplier_id AS "supplierId"
         FROM engagement e LEFT JOIN contract c ON c.id = e.contract_id
        WHERE e.id = $1`,
      [participant.engagementId],
    );
    return { participant, supplierId: reach?.supplierId ?? null };
  }

  /** How many participants of these programmes still hold a name or e-mail. */
  async countNotErased(programmeIds: readonly string[]): Promise<number> {
    if (programmeIds.length === 0) return 0;
    const [row] = await this.dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) FROM participant WHERE programme_id = ANY($1) AND erased_at IS NULL`,
      [programmeIds],
    );
    return Number(row.count);
  }

  /** The participants of these programmes not yet erased, locked until the transaction ends. */
  lockNotErased(manager: EntityManager, programmeIds: readonly string[]): Promise<Participant[]> {
    if (programmeIds.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(Participant)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.programme_id IN (:...programmeIds)', { programmeIds })
      .andWhere('p.erased_at IS NULL')
      .orderBy('p.id')
      .getMany();
  }
}
