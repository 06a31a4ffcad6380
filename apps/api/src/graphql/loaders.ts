import { Inject, Injectable } from '@nestjs/common';
import { LocalAuthoritiesService } from '@la-tracker/domain/local-authorities';
import {
  createLocalAuthorityLoaders,
  type LocalAuthorityLoaders,
} from '../local-authorities/local-authority.loaders';

export interface Loaders {
  localAuthorities: LocalAuthorityLoaders;
}

/**
 * Makes fresh DataLoaders for each request, so nested fields cost one query per level whatever the
 * number of rows, and nothing is cached between callers.
 */
@Injectable()
export class LoadersFactory {
  constructor(
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
  ) {}

  create(): Loaders {
    return { localAuthorities: createLocalAuthorityLoaders(this.localAuthorities) };
  }
}
