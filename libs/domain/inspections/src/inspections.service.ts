import { Inject, Injectable } from '@nestjs/common';
import {
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { byLatestFirst } from './eligibility.rules';
import { InspectionRepository } from './inspection.repository';
import type { Concern, InspectionEvent } from './inspection.types';

/** Ofsted's inspections and visits of LAs: published judgements, readable by every signed-in user. */
@Injectable()
export class InspectionsService {
  constructor(@Inject(InspectionRepository) private readonly repository: InspectionRepository) {}

  /** For each LA id, its events newest first (one statement for any number of LAs). */
  async eventsOf(localAuthorityIds: readonly string[]): Promise<InspectionEvent[][]> {
    const byLa = new Map<string, InspectionEvent[]>(localAuthorityIds.map((id) => [id, []]));
    for (const event of await this.repository.eventsOf(localAuthorityIds)) {
      byLa.get(event.localAuthorityId)?.push(event);
    }
    return localAuthorityIds.map((id) => (byLa.get(id) ?? []).sort(byLatestFirst));
  }

  /** For each LA id, the concerns recorded about it, oldest first. */
  async concernsOf(localAuthorityIds: readonly string[]): Promise<Concern[][]> {
    const concerns = await this.repository.concernsOf(localAuthorityIds);
    return localAuthorityIds.map((id) =>
      concerns.filter((concern) => concern.localAuthorityId === id),
    );
  }

  /** A page of one LA's events (already loaded, newest first), after the id of the last one seen. */
  page(events: InspectionEvent[], request: PageRequest): Page<InspectionEvent> {
    const limit = pageSize(request.first);
    let start = 0;
    if (request.after) {
      const [afterId] = decodeCursor(request.after, [isUuid]);
      start = events.findIndex((event) => event.id === afterId) + 1;
      if (start === 0) {
        throw BadUserInputError.forFields([
          { field: 'after', message: 'is not a cursor this list gave out' },
        ]);
      }
    }
    return toPage(
      events.slice(start, start + limit + 1),
      limit,
      events.length,
      request.after,
      (event) => [event.id],
    );
  }
}
