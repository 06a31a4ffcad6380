import { Inject, Injectable } from '@nestjs/common';
import { DiagnosticsService } from '@la-tracker/domain/diagnostics';
import { CoachingService, type CoachingBalance } from '@la-tracker/domain/coaching';
import { EngagementsService, type Engagement } from '@la-tracker/domain/engagements';
import {
  EligibilityService,
  InspectionsService,
  type EligibilityAnswer,
  type InspectionEvent,
} from '@la-tracker/domain/inspections';
import { NetworksService } from '@la-tracker/domain/networks';
import { ProgrammesService, type ServiceLine } from '@la-tracker/domain/programmes';
import type { Caller } from '@la-tracker/platform/auth';
import { groupBy } from '@la-tracker/platform/database';
import { ParticipantsService } from '@la-tracker/domain/participants';
import { SessionsService } from '@la-tracker/domain/sessions';
import { SpendService } from '@la-tracker/domain/spend';
import type { NotFoundError } from '@la-tracker/platform/errors';
import { LocalAuthoritiesService, type LocalAuthority } from '@la-tracker/domain/local-authorities';
import DataLoader from 'dataloader';
import { createDiagnosticLoaders, type DiagnosticLoaders } from '../diagnostics/diagnostic.loaders';
import {
  createLocalAuthorityLoaders,
  type LocalAuthorityLoaders,
} from '../local-authorities/local-authority.loaders';
import {
  createParticipantLoaders,
  type ParticipantLoaders,
} from '../participants/participant.loaders';
import { createProgrammeLoaders, type ProgrammeLoaders } from '../programmes/programme.loaders';
import { createNetworkLoaders, type NetworkLoaders } from '../networks/network.loaders';
import { createSessionLoaders, type SessionLoaders } from '../sessions/session.loaders';
import { createSpendLoaders, type SpendLoaders } from '../spend/spend.loaders';

export interface Loaders {
  localAuthorities: LocalAuthorityLoaders;
  programmes: ProgrammeLoaders;
  sessions: SessionLoaders;
  spend: SpendLoaders;
  diagnostics: DiagnosticLoaders;
  participants: ParticipantLoaders;
  /** Each LA's inspections and visits, newest first. */
  inspections: DataLoader<string, InspectionEvent[]>;
  /** Eligibility of many LAs at once, for the caller of this request. */
  eligibility: DataLoader<EligibilityKey, EligibilityAnswer | NotFoundError, string>;
  /** Each LA's engagements that the caller may see, of one year or all. */
  engagementsOfLocalAuthority: DataLoader<EngagementsOfLocalAuthorityKey, Engagement[], string>;
  /** Each engagement's coaching balances by role; FORBIDDEN where the caller may not see them. */
  coachingAllocations: DataLoader<string, CoachingBalance[]>;
  networks: NetworkLoaders;
}

export interface EligibilityKey {
  caller: Caller;
  la: LocalAuthority;
  serviceLine: ServiceLine;
  asOf: string | null;
}

export interface EngagementsOfLocalAuthorityKey {
  localAuthorityId: string;
  /** Only this financial year's; null for every year. */
  financialYear: string | null;
}

const engagementsKey = (key: EngagementsOfLocalAuthorityKey) =>
  `${key.localAuthorityId}|${key.financialYear ?? 'all'}`;

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
    @Inject(ProgrammesService) private readonly programmes: ProgrammesService,
    @Inject(EngagementsService) private readonly engagements: EngagementsService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(SpendService) private readonly spend: SpendService,
    @Inject(DiagnosticsService) private readonly diagnostics: DiagnosticsService,
    @Inject(ParticipantsService) private readonly participants: ParticipantsService,
    @Inject(CoachingService) private readonly coaching: CoachingService,
    @Inject(NetworksService) private readonly networks: NetworksService,
  ) {}

  /** `caller` gives the request's caller once the guard has found them. */
  create(caller: () => Promise<Caller>): Loaders {
    return {
      engagementsOfLocalAuthority: new DataLoader(
        async (keys) => {
          // One query per year asked about (nearly always one).
          const who = await caller();
          const found = new Map<string, Engagement[]>();
          for (const [financialYear, group] of groupBy(keys, (key) => key.financialYear)) {
            const ids = group.map((key) => key.localAuthorityId);
            const lists = await this.engagements.ofLocalAuthorities(who, ids, financialYear);
            group.forEach((key, i) => found.set(engagementsKey(key), lists[i]));
          }
          return keys.map((key) => found.get(engagementsKey(key)) ?? []);
        },
        { cacheKeyFn: engagementsKey },
      ),
      localAuthorities: createLocalAuthorityLoaders(this.localAuthorities),
      programmes: createProgrammeLoaders(this.programmes, caller),
      sessions: createSessionLoaders(this.sessions, caller),
      spend: createSpendLoaders(this.spend),
      diagnostics: createDiagnosticLoaders(this.diagnostics, this.engagements, caller),
      participants: createParticipantLoaders(this.participants, this.engagements, caller),
      coachingAllocations: new DataLoader<string, CoachingBalance[]>(async (ids) =>
        this.coaching.balancesOf(await caller(), ids),
      ),
      networks: createNetworkLoaders(this.networks),
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
