import { Inject, Injectable } from '@nestjs/common';
import { InspectionsService, type InspectionEvent } from '@la-tracker/domain/inspections';
import { LocalAuthoritiesService } from '@la-tracker/domain/local-authorities';
import DataLoader from 'dataloader';
import {
  createLocalAuthorityLoaders,
  type LocalAuthorityLoaders,
} from '../local-authorities/local-authority.loaders';

export interface Loaders {
  localAuthorities: LocalAuthorityLoaders;
  /** Each LA's inspections and visits, newest first. */
  inspections: DataLoader<string, InspectionEvent[]>;
}

/**
 * Makes fresh DataLoaders for each request, so nested fields cost one query per level whatever the
 * number of rows, and nothing is cached between callers.
 */
@Injectable()
export class LoadersFactory {
  constructor(
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(InspectionsService) private readonly inspections: InspectionsService,
  ) {}

  create(): Loaders {
    return {
      localAuthorities: createLocalAuthorityLoaders(this.localAuthorities),
      inspections: new DataLoader((ids) => this.inspections.eventsOf(ids)),
    };
  }
}
