import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Concern, InspectionEvent, Judgement } from './inspection.types';

interface EventRow {
  id: string;
  local_authority_id: string;
  kind: InspectionEvent['kind'];
  inspected_on: string | null;
  published_on: string | null;
  theme: string | null;
  priority_action_areas: string[];
  letter_date: string | null;
  judgements: Judgement[];
}

function toEvent(row: EventRow): InspectionEvent {
  return {
    id: row.id,
    localAuthorityId: row.local_authority_id,
    kind: row.kind,
    inspectedOn: row.inspected_on,
    publishedOn: row.published_on,
    theme: row.theme,
    priorityActionAreas: row.priority_action_areas,
    letterDate: row.letter_date,
    judgements: row.judgements,
  };
}

/** Newest first: by publication, then inspection date, then id, so ties always fall the same way. */
const NEWEST_FIRST = 'e.published_on DESC NULLS LAST, e.inspected_on DESC NULLS LAST, e.id';

@Injectable()
export class InspectionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Every event of these LAs with its judgements, newest first: one statement for any number. */
  async eventsOf(localAuthorityIds: readonly string[]): Promise<InspectionEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT e.id, e.local_authority_id, e.kind, e.inspected_on, e.published_on, e.theme,
              e.priority_action_areas, e.letter_date,
              coalesce(json_agg(json_build_object('framework', j.framework, 'area', j.area, 'grade', j.grade)
                                ORDER BY j.area) FILTER (WHERE j.area IS NOT NULL), '[]') AS judgements
         FROM inspection_event e
         LEFT JOIN inspection_judgement j ON j.inspection_id = e.id
        WHERE e.local_authority_id = ANY($1)
        GROUP BY e.id
        ORDER BY ${NEWEST_FIRST}`,
      [localAuthorityIds],
    );
    return rows.map(toEvent);
  }

  /** Concerns recorded about these LAs, oldest first. */
  async concernsOf(localAuthorityIds: readonly string[]): Promise<Concern[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        local_authority_id: string;
        recorded_on: string;
        withdrawn_on: string | null;
        note: string;
      }>
    >(
      `SELECT id, local_authority_id, recorded_on, withdrawn_on, note
         FROM concern WHERE local_authority_id = ANY($1) ORDER BY recorded_on, id`,
      [localAuthorityIds],
    );
    return rows.map((row) => ({
      id: row.id,
      localAuthorityId: row.local_authority_id,
      recordedOn: row.recorded_on,
      withdrawnOn: row.withdrawn_on,
      note: row.note,
    }));
  }
}
