import { Inject, Injectable } from '@nestjs/common';
import {
  isActiveOn,
  LocalAuthoritiesService,
  type LocalAuthority,
} from '@la-tracker/domain/local-authorities';
import { ELIGIBILITY_RESTRICTED, type ServiceLine } from '@la-tracker/domain/programmes';
import { hasRole, regionCodesOf, Role, type Caller } from '@la-tracker/platform/auth';
import { ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import { eligibilityForCoachingOfEach, type Eligibility } from './eligibility.rules';
import type { Concern, InspectionEvent } from './inspection.types';
import { InspectionRepository } from './inspection.repository';

export interface EligibilityAnswer extends Eligibility {
  serviceLine: ServiceLine;
  asOf: IsoDate;
  /** The records `evidence` names, as read for the answer (so showing them costs nothing more). */
  evidenceRecords: { inspections: InspectionEvent[]; concerns: Concern[] };
}

/**
 * Who may receive a service line, as of a date (SPEC §5.4). Not public: programme managers and
 * admins see every LA, regional advisers the LAs of their regions; others are refused.
 */
@Injectable()
export class EligibilityService {
  constructor(
    @Inject(InspectionRepository) private readonly inspections: InspectionRepository,
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * For each LA, its answer, or NOT_FOUND where an adviser asks outside their regions (as if the
   * LA did not exist). Two statements for any number of LAs.
   */
  async forLocalAuthorities(
    caller: Caller,
    las: readonly LocalAuthority[],
    serviceLine: ServiceLine,
    asOf?: IsoDate | null,
  ): Promise<Array<EligibilityAnswer | NotFoundError>> {
    const visible = this.visibleRegions(caller);
    const date = asOf ?? this.clock.today();
    const answers = await this.evaluate(
      las.filter((la) => !visible || visible.includes(la.regionCode)),
      serviceLine,
      date,
    );
    const byId = new Map(answers.map((answer) => [answer.localAuthorityId, answer]));
    return las.map((la) => byId.get(la.id) ?? new NotFoundError('Local authority', la.gssCode));
  }

  /** The LAs active on the date that are eligible, within what the caller may see. */
  async eligibleLocalAuthorities(
    caller: Caller,
    serviceLine: ServiceLine,
    asOf?: IsoDate | null,
  ): Promise<EligibilityAnswer[]> {
    const visible = this.visibleRegions(caller);
    const date = asOf ?? this.clock.today();
    const las = (await this.localAuthorities.allActiveOn(date)).filter(
      (la) => !visible || visible.includes(la.regionCode),
    );
    return (await this.evaluate(las, serviceLine, date)).filter((answer) => answer.eligible);
  }

  /** Null when the caller may see every region. */
  private visibleRegions(caller: Caller): string[] | null {
    if (hasRole(caller, Role.ADMIN, Role.PROGRAMME_MANAGER)) return null;
    if (hasRole(caller, Role.REGIONAL_ADVISER)) return regionCodesOf(caller);
    throw new ForbiddenError(
      'Eligibility is for programme managers, regional advisers and admins.',
    );
  }

  private async evaluate(
    las: readonly LocalAuthority[],
    serviceLine: ServiceLine,
    asOf: IsoDate,
  ): Promise<EligibilityAnswer[]> {
    if (las.length === 0) return [];
    if (!ELIGIBILITY_RESTRICTED.includes(serviceLine)) {
      // Open to every LA that exists on the date.
      return las.map((la) => {
        const exists = isActiveOn(la, asOf);
        return {
          localAuthorityId: la.id,
          eligible: exists,
          basis: [],
          evidence: { inspectionIds: [], concernIds: [] },
          activeOnAsOf: exists,
          latestGradedInspectionId: null,
          inadequateAreas: [],
          declines: [],
          serviceLine,
          asOf,
          evidenceRecords: { inspections: [], concerns: [] },
        };
      });
    }
    const ids = las.map((la) => la.id);
    const [events, concerns] = [
      await this.inspections.eventsOf(ids),
      await this.inspections.concernsOf(ids),
    ];
    const eventsById = new Map(events.map((event) => [event.id, event]));
    const concernsById = new Map(concerns.map((concern) => [concern.id, concern]));
    const pick = <T>(ids: string[], byId: Map<string, T>): T[] =>
      ids.flatMap((id) => {
        const record = byId.get(id);
        return record ? [record] : [];
      });
    return eligibilityForCoachingOfEach(las, events, concerns, asOf).map((answer) => ({
      ...answer,
      serviceLine,
      asOf,
      evidenceRecords: {
        inspections: pick(answer.evidence.inspectionIds, eventsById),
        concerns: pick(answer.evidence.concernIds, concernsById),
      },
    }));
  }
}
