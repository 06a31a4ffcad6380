import { Inject, Injectable } from '@nestjs/common';
import { EngagementsService, type Engagement } from '@la-tracker/domain/engagements';
import {
  EligibilityService,
  InspectionsService,
  type EligibilityAnswer,
  type InspectionEvent,
} from '@la-tracker/domain/inspections';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import type { NotFoundError } from '@la-tracker/platform/errors';
import { LocalAuthoritiesService, type LocalAuthority } from '@la-tracker/domain/local-authorities';
import DataLoader from 'dataloader';
import {
  createLocalAuthorityLoaders,
  type LocalAuthorityLoaders,
} from '../local-authorities/local-authority.loaders';

export interface Loaders {
  localAuthorities: LocalAuthorityLoaders;
  /** Each LA's inspections and visits, newest first. */
  inspections: DataLoader<string, InspectionEvent[]>;
  /** Eligibility of many LAs at once, for the caller of this request. */
  eligibility: DataLoader<EligibilityKey, EligibilityAnswer | NotFoundError, string>;
  /** Each LA's engagements that this caller may see. */
  engagementsOf(caller: Caller): DataLoader<string, Engagement[]>;
}

export interface EligibilityKey {
  caller: Caller;
  la: LocalAuthority;
  serviceLine: ServiceLine;
  asOf: string | null;
}

const eligibilityKey = (key: EligibilityKey) =>
  `${key.la.id}|${key.serviceLine}|${key.asOf ?? 'today'}`;

/**
 * Makes fresh DataLoaders for each request, so nested fields cost one query per level whatever the
 * number of rows, and nothing is cached between callers.
 */
@Injectable()
export class LoadersFactory {
  constructor(
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(InspectionsService) private readonly inspections: InspectionsService,
    @Inject(EligibilityService) private readonly eligibility: EligibilityService,
    @Inject(EngagementsService) private readonly engagements: EngagementsService,
  ) {}

  create(): Loaders {
    // One request has one caller, so one loader serves the whole request.
    const engagementLoaders = new WeakMap<Caller, DataLoader<string, Engagement[]>>();
    return {
      engagementsOf: (caller) => {
        let loader = engagementLoaders.get(caller);
        if (!loader) {
          loader = new DataLoader((ids) => this.engagements.ofLocalAuthorities(caller, ids));
          engagementLoaders.set(caller, loader);
        }
        return loader;
      },
      localAuthorities: createLocalAuthorityLoaders(this.localAuthorities),
      inspections: new DataLoader((ids) => this.inspections.eventsOf(ids)),
      eligibility: new DataLoader(
        async (keys) => {
          // One evaluation per service line and date asked about (nearly always one).
          const answers = new Map<string, EligibilityAnswer | NotFoundError>();
          const groups = new Map<string, EligibilityKey[]>();
          for (const key of keys) {
            const group = `${key.serviceLine}@${key.asOf}`;
            groups.set(group, [...(groups.get(group) ?? []), key]);
          }
          for (const group of groups.values()) {
            const { caller, serviceLine, asOf } = group[0];
            const results = await this.eligibility.forLocalAuthorities(
              caller,
              group.map((key) => key.la),
              serviceLine,
              asOf,
            );
            group.forEach((key, i) => answers.set(eligibilityKey(key), results[i]));
          }
          return keys.map(
            (key) => answers.get(eligibilityKey(key)) as EligibilityAnswer | NotFoundError,
          );
        },
        { cacheKeyFn: eligibilityKey },
      ),
    };
  }
}
